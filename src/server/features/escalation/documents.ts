import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESCALATION_DOCUMENT, formatLoadErrors, loadEscalationSet, OmnideskError, type EscalationDocument, type LoadError } from '../../../shared/index';
import type { Db, Queryable } from '../../kernel/db/types';
import { deleteReference, putReference } from '../../kernel/reference/index';
import type { Logger } from 'pino';
import { currentRuleSet } from './rule-set';

/**
 * Writing escalation documents (issue 13). Every write validates the whole set as it would be after it — a rule
 * may name a script in another file — and writes nothing when anything is wrong, so the last valid set stays in
 * force. A saved file is a new version of reference data (the desktops pull it) with its revision counted.
 */
export class EscalationSetError extends OmnideskError {
  constructor(readonly errors: LoadError[]) {
    super('INVALID_ARGUMENT', formatLoadErrors(errors.slice(0, 20)));
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The documents as they would be after replacing or removing some, loaded together: what each file parsed to, or a throw. */
function validated(current: readonly EscalationDocument[], changes: ReadonlyMap<string, string | null>): Map<string, { rules: EscalationDocument['rules']; scripts: EscalationDocument['scripts'] }> {
  const files = new Map(current.map((d) => [d.name, d.source]));
  for (const [name, source] of changes) {
    if (source === null) files.delete(name);
    else files.set(name, source);
  }
  const r = loadEscalationSet([...files.keys()].sort().map((name) => ({ name, text: files.get(name)! })));
  if (!r.ok) throw new EscalationSetError(r.errors);
  return new Map(r.set.files.map((f) => [f.name, { rules: f.rules, scripts: f.scripts }]));
}

export interface SaveDocument {
  name: string;
  source: string;
  byId: string | null;
  fileSha?: string | null;
}

/** Saves documents in the caller's transaction after validating the whole set. Returns the ones that changed. */
export async function saveDocuments(tx: Queryable, docs: readonly SaveDocument[], removals: readonly string[] = []): Promise<EscalationDocument[]> {
  const set = await currentRuleSet(tx);
  const changes = new Map<string, string | null>([...docs.map((d) => [d.name, d.source] as const), ...removals.map((n) => [n, null] as const)]);
  const parsed = validated(set.documents, changes);
  const out: EscalationDocument[] = [];
  for (const d of docs) {
    const before = set.documents.find((x) => x.name === d.name);
    if (before && before.source === d.source && (d.fileSha === undefined || before.fileSha === d.fileSha)) continue;
    const p = parsed.get(d.name)!;
    out.push({ name: d.name, source: d.source, revision: (before?.revision ?? 0) + 1, fileSha: d.fileSha ?? null, updatedById: d.byId, rules: p.rules, scripts: p.scripts });
  }
  await putReference(tx, ESCALATION_DOCUMENT, out.map((d) => ({ id: d.name, teamIds: [], data: d })));
  for (const name of removals) await deleteReference(tx, ESCALATION_DOCUMENT, name);
  return out;
}

/**
 * At start-up: the shipped files of `dir` (resources/escalation). A file is imported when it is new, or when the
 * file itself changed since it was last imported — an admin's edit in the app is kept otherwise. When the set
 * would not load, nothing is imported and the errors are logged with file and line: the last valid set stays.
 */
export async function importShippedDocuments(db: Db, dir: string, log: Pick<Logger, 'info' | 'error'>): Promise<{ imported: string[]; errors: LoadError[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /\.(?:ya?ml|json)$/.test(f)).sort();
  } catch {
    log.info({ dir }, 'no escalation resources folder');
    return { imported: [], errors: [] };
  }
  const files = await Promise.all(names.map(async (name) => ({ name, source: await readFile(join(dir, name), 'utf8') })));
  try {
    return await db.transaction(async (tx) => {
      const set = await currentRuleSet(tx);
      const todo = files.filter((f) => {
        const stored = set.documents.find((d) => d.name === f.name);
        // an admin's edit (no fileSha) is kept until the admin changes it again
        return !stored || (stored.fileSha !== null && stored.fileSha !== sha(f.source));
      });
      const saved = await saveDocuments(tx, todo.map((f) => ({ name: f.name, source: f.source, byId: null, fileSha: sha(f.source) })));
      if (saved.length) log.info({ files: saved.map((d) => d.name), revisions: saved.map((d) => d.revision) }, 'escalation rules and scripts imported');
      return { imported: saved.map((d) => d.name), errors: [] };
    });
  } catch (err) {
    if (!(err instanceof EscalationSetError)) throw err;
    for (const e of err.errors) log.error({ file: e.file, line: e.line, reason: e.reason }, 'escalation file refused; the last valid set stays in force');
    return { imported: [], errors: err.errors };
  }
}
