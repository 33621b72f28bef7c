import type { Case } from '../../kernel/case';
import type { Customer } from '../../kernel/customer';
import type { AnswerValue, HandoffSummary, ScriptEntry } from '../../kernel/escalation';
import type { Event } from '../../kernel/event';
import { missingAnswers, runState, stepOf } from './runner';
import type { Question, Script } from './script';
import { detectMood } from './sentiment';
import { localize } from './text';

/**
 * The handoff summary (issue 13), written from the case so the lead or specialist does not have to read the whole
 * timeline: the device, the problem, the customer's mood in their last message, whether a harm report is open,
 * what the agents tried (their replies and notes, shortened), the script's answers and what is still open. Pure:
 * the desktop writes it when the agent hands over, the server when a rule routes the case.
 */
const MAX_TRIED = 10;
const SNIPPET = 200;

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > SNIPPET ? `${t.slice(0, SNIPPET - 1)}…` : t;
}

function answerText(q: Question | undefined, v: AnswerValue, lang: string): string {
  if (typeof v === 'boolean') return lang.startsWith('zh') ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (q?.type === 'choice') {
    const o = q.options?.find((x) => x.id === v);
    if (o) return localize(o.label, lang);
  }
  return snippet(String(v));
}

export interface HandoffInput {
  case: Case;
  customer: Customer | null;
  /** the case's events, in log order */
  events: readonly Event[];
  scripts: ReadonlyMap<string, Script>;
  /** the language the summary's questions are written in (the reader's) */
  lang: string;
  note: string;
}

export function handoffSummary(input: HandoffInput): HandoffSummary {
  const { events, scripts, lang } = input;
  const lastCustomer = [...events].reverse().find((e) => e.kind === 'message.received' && e.author.type === 'customer' && e.body);
  const tried = events
    .filter((e) => (e.kind === 'message.sent' || e.kind === 'note.added') && e.author.type === 'agent' && e.body)
    .slice(-MAX_TRIED)
    .map((e) => snippet(e.body!));

  const entries = new Map<string, ScriptEntry[]>();
  for (const e of events) if (e.kind === 'script.recorded') entries.set(e.meta.entry.runId, [...(entries.get(e.meta.entry.runId) ?? []), e.meta.entry]);
  const answers: HandoffSummary['answers'] = [];
  const open: string[] = [];
  for (const list of entries.values()) {
    const start = list.find((x) => x.type === 'started');
    const script = start?.type === 'started' ? scripts.get(start.scriptId) : undefined;
    if (!script) continue;
    const questions = new Map(script.steps.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
    const state = runState(script, list);
    if (!state) continue;
    for (const [qid, v] of Object.entries(state.answers)) {
      const q = questions.get(qid);
      answers.push({ question: q ? localize(q.prompt, lang) : qid, answer: answerText(q, v, lang) });
    }
    for (const [qid, reason] of Object.entries(state.skipped)) {
      const q = questions.get(qid);
      open.push(`${q ? localize(q.prompt, lang) : qid} (${lang.startsWith('zh') ? '跳过' : 'skipped'}: ${snippet(reason)})`);
    }
    const step = state.done ? null : stepOf(script, state.stepId);
    if (step) for (const q of missingAnswers(step, state)) open.push(localize(q.prompt, lang));
  }

  const device = input.customer?.devices[0];
  const safety = (input.case.safety?.flags ?? []).some((f) => f.state !== 'dismissed');
  return {
    problem: snippet(input.case.subject),
    device: device ? `${device.kind} ${device.model} · SN ${device.serial} · FW ${device.firmware}` : null,
    mood: lastCustomer?.body ? detectMood(lastCustomer.body).mood : null,
    safety,
    tried,
    answers: answers.slice(0, 60),
    open: open.slice(0, 30),
    note: input.note.slice(0, 4000),
  };
}
