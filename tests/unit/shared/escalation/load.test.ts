import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEscalationSet, type LoadError } from '../../../../src/shared/features/escalation';

/** Loading rule and script files (issue 13): the shipped set loads; every kind of mistake names its file, line and reason. */
const DIR = join(__dirname, '../../../../resources/escalation');
const shipped = () => readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

const T = (en: string) => `{ en: "${en}", zh-CN: "${en}（中文）" }`;
const SCRIPT = `scripts:
  - id: calm
    title: ${T('Calm')}
    steps:
      - id: hello
        title: ${T('Hello')}
        questions:
          - id: hurt
            prompt: ${T('Is anyone hurt?')}
            type: yesno
        next:
          - { when: { question: hurt, equals: true }, goto: care }
          - { goto: done }
      - id: care
        title: ${T('Seek care')}
      - id: done
        title: ${T('Done')}
`;
const RULE = `rules:
  - id: anxious
    name: ${T('Anxious')}
    trigger: { type: mood, moods: [anxious] }
    actions:
      - { type: show_script, script: calm }
`;

function errorsOf(files: { name: string; text: string }[]): LoadError[] {
  const r = loadEscalationSet(files);
  if (r.ok) throw new Error('expected the set to be refused');
  return r.errors;
}

describe('escalation files', () => {
  it('the shipped rules and scripts load, and every script a rule shows exists', () => {
    const r = loadEscalationSet(shipped());
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('\n'));
    const scripts = new Set(r.set.scripts.map((s) => s.id));
    for (const id of ['anxious-customer', 'angry-customer', 'repeat-contact', 'compensation', 'sla-breach', 'possible-safety-issue']) expect(scripts.has(id), id).toBe(true);
    expect(r.set.rules.length).toBeGreaterThanOrEqual(10);
  });

  it('a valid small set loads, JSON too', () => {
    const r = loadEscalationSet([{ name: 'a.yaml', text: RULE + SCRIPT }]);
    expect(r.ok).toBe(true);
    const json = JSON.stringify({ rules: [{ id: 'vip', name: { en: 'VIP', 'zh-CN': '贵宾' }, trigger: { type: 'vip' }, actions: [{ type: 'add_tag', tag: 'vip' }] }] });
    const j = loadEscalationSet([{ name: 'b.json', text: json }]);
    expect(j.ok && j.set.rules[0]!.order).toBe(100);
  });

  const cases: { name: string; text: string; line: number; reason: RegExp }[] = [
    { name: 'YAML syntax', text: 'rules:\n  - id: x\n    name: { en: "a", zh-CN: "b"\n', line: 4, reason: /not valid YAML/ },
    { name: 'an unknown action', text: RULE.replace('{ type: show_script, script: calm }', '{ type: show_script, script: calm }\n      - { type: send_flowers }') + SCRIPT, line: 7, reason: /actions\.1\.type/ },
    { name: 'a missing translation', text: RULE.replace(T('Anxious'), '{ en: "Anxious" }') + SCRIPT, line: 3, reason: /name\.zh-CN/ },
    { name: 'a cycle in the steps', text: RULE + SCRIPT.replace('      - id: done\n        title: ' + T('Done'), '      - id: done\n        title: ' + T('Done') + '\n        next: [{ goto: hello }]'), line: 24, reason: /loop back to "hello"/ },
    { name: 'a goto to no step', text: RULE + SCRIPT.replace('goto: done', 'goto: nowhere'), line: 19, reason: /no step "nowhere"/ },
    { name: 'a branch on no question', text: RULE + SCRIPT.replace('question: hurt', 'question: harmed'), line: 18, reason: /no question "harmed"/ },
    { name: 'a rule showing no script', text: RULE.replace('script: calm', 'script: soothe') + SCRIPT, line: 6, reason: /no script "soothe"/ },
    { name: 'a misspelt field value', text: RULE.replace('    actions:', '    conditions:\n      - { field: customer.segment, op: eq, value: elderley }\n    actions:') + SCRIPT, line: 6, reason: /"elderley" is not a value of customer.segment/ },
    { name: 'an unknown key', text: RULE.replace('    actions:', '    priority: high\n    actions:') + SCRIPT, line: 2, reason: /priority/ },
  ];
  it.each(cases)('$name is refused with its file, line and reason', ({ text, line, reason }) => {
    const errors = errorsOf([{ name: 'set.yaml', text }]);
    expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
    const hit = errors.find((e) => reason.test(e.reason));
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.file).toBe('set.yaml');
    expect(hit!.line, JSON.stringify(hit)).toBe(line);
  });

  it('ids are unique across files, and the error names the second file', () => {
    const errors = errorsOf([{ name: 'one.yaml', text: RULE + SCRIPT }, { name: 'two.yaml', text: RULE }]);
    expect(errors).toEqual([{ file: 'two.yaml', line: 2, reason: 'rule "anxious" is defined twice' }]);
  });

  it('one bad file refuses the whole set (the caller keeps the last valid one)', () => {
    const r = loadEscalationSet([{ name: 'good.yaml', text: RULE + SCRIPT }, { name: 'bad.yaml', text: 'rules: 3' }]);
    expect(r.ok).toBe(false);
  });
});
