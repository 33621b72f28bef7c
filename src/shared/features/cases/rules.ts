import { canSeeTeam } from '../../kernel/agent';
import type { Case } from '../../kernel/case';
import { refuse, type DecideContext, type Decision } from '../../kernel/mutation';

export const CASE_CLOSED = 'case is closed';

/**
 * The case a change acts on, or why it may not: unknown → NOT_FOUND, another team's → FORBIDDEN, and — unless
 * `closedOk` (notes) — a closed case → CONFLICT. A closed case takes notes only (docs/architecture.md).
 */
export function caseFor(ctx: DecideContext, caseId: string, opts: { closedOk?: boolean } = {}): Case | Decision {
  const k = ctx.case(caseId);
  if (!k) return refuse('NOT_FOUND', 'case not found');
  if (!canSeeTeam(ctx.agent, k.teamId)) return refuse('FORBIDDEN', "not allowed to act on this team's cases");
  if (!opts.closedOk && k.status === 'closed') return refuse('CONFLICT', CASE_CLOSED);
  return k;
}

/** Narrowing helper: a lookup either found the entity or produced a refusal. */
export function isDecision<T extends object>(v: T | Decision): v is Decision {
  return 'ok' in v && typeof (v as Decision).ok === 'boolean';
}
