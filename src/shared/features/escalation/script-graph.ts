import { END_STEP, type Script } from './script';

/** A problem with a script's shape that its schema cannot see, with the path to the offending value. */
export interface ShapeProblem {
  path: (string | number)[];
  reason: string;
}

/**
 * The checks a script's steps must pass beyond the schema: unique step and question ids, every `goto` names a step
 * (or `end`), every `when` names a question of the script, every step is reachable from the first, and no path
 * loops (an agent must always reach the end: a cycle would keep asking the same questions for ever).
 */
export function scriptProblems(script: Script): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const stepIndex = new Map<string, number>();
  const questions = new Set<string>();
  script.steps.forEach((s, i) => {
    if (s.id === END_STEP) problems.push({ path: ['steps', i, 'id'], reason: `"${END_STEP}" is reserved for the end of the script` });
    else if (stepIndex.has(s.id)) problems.push({ path: ['steps', i, 'id'], reason: `step "${s.id}" is defined twice` });
    else stepIndex.set(s.id, i);
    s.questions.forEach((q, j) => {
      if (questions.has(q.id)) problems.push({ path: ['steps', i, 'questions', j, 'id'], reason: `question "${q.id}" is defined twice` });
      questions.add(q.id);
    });
  });
  script.steps.forEach((s, i) =>
    s.next.forEach((b, j) => {
      if (b.goto !== END_STEP && !stepIndex.has(b.goto)) problems.push({ path: ['steps', i, 'next', j, 'goto'], reason: `no step "${b.goto}" in this script` });
      if (b.when && !questions.has(b.when.question)) problems.push({ path: ['steps', i, 'next', j, 'when', 'question'], reason: `no question "${b.when.question}" in this script` });
    }),
  );
  if (problems.length > 0) return problems;

  // depth-first from the first step: a step met again while still on the path is a cycle
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, from: (string | number)[]): void => {
    if (id === END_STEP) return;
    const st = state.get(id);
    if (st === 'done') return;
    if (st === 'open') {
      problems.push({ path: from, reason: `the steps loop back to "${id}": a script must always reach its end` });
      return;
    }
    state.set(id, 'open');
    const i = stepIndex.get(id)!;
    const next = script.steps[i]!.next;
    if (next.length === 0) visit(defaultNext(script, i), ['steps', i, 'id']);
    next.forEach((b, j) => visit(b.goto, ['steps', i, 'next', j, 'goto']));
    state.set(id, 'done');
  };
  visit(script.steps[0]!.id, ['steps', 0, 'id']);
  script.steps.forEach((s, i) => {
    if (!state.has(s.id)) problems.push({ path: ['steps', i, 'id'], reason: `step "${s.id}" cannot be reached from the first step` });
  });
  return problems;
}

/** A step without `next` goes on to the step written after it (the last one ends the script). */
export function defaultNext(script: Script, index: number): string {
  return script.steps[index + 1]?.id ?? END_STEP;
}
