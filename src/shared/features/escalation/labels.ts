import { z } from 'zod';
import type { Rule } from './rule';
import type { Script } from './script';
import { Localized } from './text';

/**
 * The names behind the ids an escalation event records (rule, script, step, question, choice), in both languages, so
 * a timeline shows "Is anyone hurt? No" instead of "unwell_now: false". Ids stay in the events: a later edit of a
 * script's wording does not rewrite what was asked.
 */
export const ScriptLabels = z.object({
  title: Localized,
  steps: z.record(z.string(), Localized),
  questions: z.record(z.string(), z.object({ prompt: Localized, options: z.record(z.string(), Localized) })),
});
export type ScriptLabels = z.infer<typeof ScriptLabels>;

export const EscalationLabels = z.object({ rules: z.record(z.string(), Localized), scripts: z.record(z.string(), ScriptLabels) });
export type EscalationLabels = z.infer<typeof EscalationLabels>;

export function escalationLabels(rules: Iterable<Rule>, scripts: Iterable<Script>): EscalationLabels {
  const out: EscalationLabels = { rules: {}, scripts: {} };
  for (const r of rules) out.rules[r.id] = r.name;
  for (const s of scripts) {
    const questions: ScriptLabels['questions'] = {};
    for (const step of s.steps) for (const q of step.questions) questions[q.id] = { prompt: q.prompt, options: Object.fromEntries((q.options ?? []).map((o) => [o.id, o.label])) };
    out.scripts[s.id] = { title: s.title, steps: Object.fromEntries(s.steps.map((st) => [st.id, st.title])), questions };
  }
  return out;
}
