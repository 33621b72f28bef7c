import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { Rule, FIELD_VALUES, type Action } from './rule';
import { Script } from './script';
import { scriptProblems } from './script-graph';

/**
 * Loading rule and script files (issue 13). A file is YAML (JSON is YAML too) with `rules:` and/or `scripts:`
 * lists. Anything wrong — YAML syntax, a schema error, an unknown action, a missing translation, a step cycle, a
 * rule naming a script nobody defined — is refused with the file, the line and the reason, and nothing of the set
 * is taken: the caller keeps the last valid set in force.
 */
export interface LoadError {
  file: string;
  /** 1-based; 0 when the problem is the file as a whole */
  line: number;
  reason: string;
}

export interface EscalationSet {
  rules: Rule[];
  scripts: Script[];
  /** what each file contributed, in the order given */
  files: { name: string; rules: Rule[]; scripts: Script[] }[];
}

export type LoadResult = { ok: true; set: EscalationSet } | { ok: false; errors: LoadError[] };

export interface SourceFile {
  name: string;
  text: string;
}

const MAX_FILE_CHARS = 1_000_000;
const FileShape = z.object({ rules: z.array(z.unknown()).optional(), scripts: z.array(z.unknown()).optional() }).strict();

interface Parsed {
  doc: Document;
  lines: LineCounter;
  file: string;
}

function lineOf(p: Parsed, path: readonly (string | number)[]): number {
  // the deepest node the path still reaches (a missing key points at the object that lacks it)
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return p.lines.linePos(range[0]).line;
  }
  return 1;
}

function zodErrors(p: Parsed, base: (string | number)[], error: z.ZodError): LoadError[] {
  return error.issues.map((i) => {
    const path = [...base, ...(i.path as (string | number)[])];
    return { file: p.file, line: lineOf(p, path), reason: `${path.join('.')}: ${i.message}` };
  });
}

function conditionValueProblems(rule: Rule): { path: (string | number)[]; reason: string }[] {
  const out: { path: (string | number)[]; reason: string }[] = [];
  rule.conditions.forEach((c, i) => {
    const allowed = FIELD_VALUES[c.field];
    if (!allowed) return;
    for (const v of Array.isArray(c.value) ? c.value : [c.value]) {
      if (!allowed.includes(String(v))) out.push({ path: ['conditions', i, 'value'], reason: `"${String(v)}" is not a value of ${c.field} (${allowed.join(', ')})` });
    }
  });
  return out;
}

/** Parses one file: its rules and scripts with where each came from, or its errors. */
function parseFile(file: SourceFile): { errors: LoadError[]; rules: { rule: Rule; at: number }[]; scripts: { script: Script; at: number }[]; parsed?: Parsed } {
  if (file.text.length > MAX_FILE_CHARS) return { errors: [{ file: file.name, line: 0, reason: `the file is larger than ${MAX_FILE_CHARS} characters` }], rules: [], scripts: [] };
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const p: Parsed = { doc, lines, file: file.name };
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ file: file.name, line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, reason: `not valid YAML: ${e.message.split('\n')[0]}` })), rules: [], scripts: [] };
  }
  const shape = FileShape.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!shape.success) return { errors: zodErrors(p, [], shape.error), rules: [], scripts: [] };
  const errors: LoadError[] = [];
  const rules: { rule: Rule; at: number }[] = [];
  const scripts: { script: Script; at: number }[] = [];
  (shape.data.rules ?? []).forEach((raw, i) => {
    const r = Rule.safeParse(raw);
    if (!r.success) return void errors.push(...zodErrors(p, ['rules', i], r.error));
    const bad = conditionValueProblems(r.data);
    for (const b of bad) errors.push({ file: file.name, line: lineOf(p, ['rules', i, ...b.path]), reason: `rules.${i}.${b.path.join('.')}: ${b.reason}` });
    if (bad.length === 0) rules.push({ rule: r.data, at: i });
  });
  (shape.data.scripts ?? []).forEach((raw, i) => {
    const s = Script.safeParse(raw);
    if (!s.success) return void errors.push(...zodErrors(p, ['scripts', i], s.error));
    const bad = scriptProblems(s.data);
    for (const b of bad) errors.push({ file: file.name, line: lineOf(p, ['scripts', i, ...b.path]), reason: `scripts.${i}.${b.path.join('.')}: ${b.reason}` });
    if (bad.length === 0) scripts.push({ script: s.data, at: i });
  });
  return { errors, rules, scripts, parsed: p };
}

/**
 * Loads a whole set: every file, then the checks across files (one id per rule and per script, every script a rule
 * or step shows exists). All or nothing.
 */
export function loadEscalationSet(files: readonly SourceFile[]): LoadResult {
  const errors: LoadError[] = [];
  const rules: { rule: Rule; at: number; p: Parsed }[] = [];
  const scripts: { script: Script; at: number; p: Parsed }[] = [];
  const byFile: EscalationSet['files'] = [];
  for (const f of files) {
    const r = parseFile(f);
    errors.push(...r.errors);
    byFile.push({ name: f.name, rules: r.rules.map((x) => x.rule), scripts: r.scripts.map((x) => x.script) });
    if (r.parsed) {
      const p = r.parsed;
      rules.push(...r.rules.map((x) => ({ ...x, p })));
      scripts.push(...r.scripts.map((x) => ({ ...x, p })));
    }
  }
  const scriptIds = new Set<string>();
  for (const s of scripts) {
    if (scriptIds.has(s.script.id)) errors.push({ file: s.p.file, line: lineOf(s.p, ['scripts', s.at, 'id']), reason: `script "${s.script.id}" is defined twice` });
    scriptIds.add(s.script.id);
  }
  const ruleIds = new Set<string>();
  const missingScript = (actions: readonly Action[], p: Parsed, base: (string | number)[]) =>
    actions.forEach((a, j) => {
      if (a.type === 'show_script' && !scriptIds.has(a.script)) errors.push({ file: p.file, line: lineOf(p, [...base, j, 'script']), reason: `${[...base, j].join('.')}: no script "${a.script}" is defined` });
    });
  for (const r of rules) {
    if (ruleIds.has(r.rule.id)) errors.push({ file: r.p.file, line: lineOf(r.p, ['rules', r.at, 'id']), reason: `rule "${r.rule.id}" is defined twice` });
    ruleIds.add(r.rule.id);
    missingScript(r.rule.actions, r.p, ['rules', r.at, 'actions']);
  }
  for (const s of scripts) s.script.steps.forEach((st, i) => missingScript(st.actions, s.p, ['scripts', s.at, 'steps', i, 'actions']));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, set: { rules: rules.map((r) => r.rule), scripts: scripts.map((s) => s.script), files: byFile } };
}

/** One error per line, "file:line: reason", for logs and the admin's editor. */
export function formatLoadErrors(errors: readonly LoadError[]): string {
  return errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('\n');
}
