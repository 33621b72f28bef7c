import type { AnswerValue, ScriptEntry } from '../../kernel/escalation';
import { END_STEP, type Branch, type Question, type Script, type Step } from './script';
import { defaultNext } from './script-graph';

/**
 * The script runner (issue 13), pure: a run's state is a fold of its recorded entries over the script, so a run
 * interrupted by a restart (or done offline) resumes exactly where it stopped — the entries are in the case's log.
 */
export interface RunState {
  runId: string;
  scriptId: string;
  /** the step the agent is on, or `end` */
  stepId: string;
  /** steps visited, in order */
  path: string[];
  answers: Record<string, AnswerValue>;
  /** questions passed over, with the reason */
  skipped: Record<string, string>;
  overrides: { stepId: string; to: string; reason: string }[];
  done: boolean;
}

export function stepOf(script: Script, stepId: string): Step | null {
  return script.steps.find((s) => s.id === stepId) ?? null;
}

function holds(when: NonNullable<Branch['when']>, answers: Record<string, AnswerValue>): boolean {
  const v = answers[when.question];
  if (v === undefined) return false;
  if (when.equals !== undefined && v !== when.equals) return false;
  if (when.in !== undefined && !when.in.includes(v)) return false;
  if (when.gte !== undefined && !(typeof v === 'number' && v >= when.gte)) return false;
  if (when.lte !== undefined && !(typeof v === 'number' && v <= when.lte)) return false;
  return true;
}

/** Where the answers lead from `stepId`: the first branch whose `when` holds, else the one without, else the next step. */
export function nextStep(script: Script, stepId: string, answers: Record<string, AnswerValue>): string {
  const i = script.steps.findIndex((s) => s.id === stepId);
  if (i < 0) return END_STEP;
  const step = script.steps[i]!;
  if (step.next.length === 0) return defaultNext(script, i);
  for (const b of step.next) if (b.when && holds(b.when, answers)) return b.goto;
  return step.next.find((b) => !b.when)?.goto ?? END_STEP;
}

/** The required questions of the step not yet answered nor skipped with a reason. */
export function missingAnswers(step: Step, state: Pick<RunState, 'answers' | 'skipped'>): Question[] {
  return step.questions.filter((q) => q.required && state.answers[q.id] === undefined && state.skipped[q.id] === undefined);
}

export function startRun(script: Script, runId: string): RunState {
  const first = script.steps[0]!.id;
  return { runId, scriptId: script.id, stepId: first, path: [first], answers: {}, skipped: {}, overrides: [], done: false };
}

/** Applies one recorded entry; entries of other runs are ignored. */
export function applyEntry(state: RunState, e: ScriptEntry): RunState {
  if (e.runId !== state.runId) return state;
  switch (e.type) {
    case 'answered': {
      const skipped = { ...state.skipped };
      delete skipped[e.questionId];
      return { ...state, answers: { ...state.answers, [e.questionId]: e.value }, skipped };
    }
    case 'skipped':
      return { ...state, skipped: { ...state.skipped, [e.questionId]: e.reason } };
    case 'advanced':
    case 'overridden': {
      const overrides = e.type === 'overridden' ? [...state.overrides, { stepId: e.stepId, to: e.to, reason: e.reason }] : state.overrides;
      const done = e.to === END_STEP;
      return { ...state, stepId: e.to, path: done ? state.path : [...state.path, e.to], overrides, done };
    }
    default:
      return state;
  }
}

/** A run's state from its entries (the first must be its `started`). */
export function runState(script: Script, entries: readonly ScriptEntry[]): RunState | null {
  const start = entries.find((e) => e.type === 'started');
  if (!start) return null;
  return entries.reduce((s, e) => applyEntry(s, e), startRun(script, start.runId));
}

export type Validation = { ok: true } | { ok: false; reason: string };

/** Is this answer of the right type for the question? (choice: one of its option ids; date: YYYY-MM-DD) */
export function checkAnswer(q: Question, value: AnswerValue): Validation {
  switch (q.type) {
    case 'yesno':
      return typeof value === 'boolean' ? { ok: true } : { ok: false, reason: 'answer yes or no' };
    case 'number':
      return typeof value === 'number' ? { ok: true } : { ok: false, reason: 'answer with a number' };
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true } : { ok: false, reason: 'answer with a date (YYYY-MM-DD)' };
    case 'choice':
      return typeof value === 'string' && (q.options ?? []).some((o) => o.id === value) ? { ok: true } : { ok: false, reason: 'answer with one of the choices' };
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 ? { ok: true } : { ok: false, reason: 'answer with some text' };
  }
}

/**
 * What the agent may record next on a run, checked before the entry is made: an answer to a question of the current
 * step, of the right type; moving on only to where the answers lead and only with every required question answered
 * or skipped with a reason; anything else is an override, which needs its reason.
 */
export function checkEntry(script: Script, state: RunState, e: ScriptEntry): Validation {
  if (e.type === 'started') return { ok: false, reason: 'the run has started already' };
  if (state.done) return { ok: false, reason: 'the script has ended' };
  if (e.stepId !== state.stepId) return { ok: false, reason: 'that step is not the current one' };
  const step = stepOf(script, state.stepId);
  if (!step) return { ok: false, reason: 'the step is not in this script' };
  switch (e.type) {
    case 'answered': {
      const q = step.questions.find((x) => x.id === e.questionId);
      return q ? checkAnswer(q, e.value) : { ok: false, reason: 'no such question on this step' };
    }
    case 'skipped': {
      const q = step.questions.find((x) => x.id === e.questionId);
      if (!q) return { ok: false, reason: 'no such question on this step' };
      return q.required && e.reason.trim() === '' ? { ok: false, reason: 'a required question is skipped only with a reason' } : { ok: true };
    }
    case 'advanced': {
      const missing = missingAnswers(step, state);
      if (missing.length > 0) return { ok: false, reason: `answer or skip first: ${missing.map((q) => q.id).join(', ')}` };
      return e.to === nextStep(script, step.id, state.answers) ? { ok: true } : { ok: false, reason: 'the answers lead elsewhere: override with a reason' };
    }
    case 'overridden':
      return e.to === END_STEP || stepOf(script, e.to) ? { ok: true } : { ok: false, reason: 'no such step' };
    case 'phrase_inserted':
      return e.index < step.say.length ? { ok: true } : { ok: false, reason: 'no such phrase' };
  }
}
