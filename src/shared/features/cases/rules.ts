import { canSeeTeam } from '../../kernel/agent';
import type { Case } from '../../kernel/case';
import type { Customer } from '../../kernel/customer';
import { refuse, type DecideContext, type Decision } from '../../kernel/mutation';
import { canActOnCase } from '../../kernel/permissions';

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

/**
 * `caseFor`, and then the role's right to act on it (kernel/permissions canActOnCase): an agent acts on their own
 * and unassigned cases, a specialist also on the specialist queue, leads and admins on any → else FORBIDDEN.
 */
export function caseToActOn(ctx: DecideContext, caseId: string, opts: { closedOk?: boolean } = {}): Case | Decision {
  const k = caseFor(ctx, caseId, opts);
  if (isDecision(k)) return k;
  const assignee = k.assigneeId ? ctx.member(k.assigneeId) : null;
  if (!canActOnCase(ctx.agent, k, assignee)) return refuse('FORBIDDEN', "your role may not act on another agent's case");
  return k;
}

/** Narrowing helper: a lookup either found the entity or produced a refusal. */
export function isDecision<T extends object>(v: T | Decision): v is Decision {
  return 'ok' in v && typeof (v as Decision).ok === 'boolean';
}

/**
 * The customer a record is written on (a note, an agent's verdict on an article), optionally on one of its cases:
 * unknown → NOT_FOUND, another team's → FORBIDDEN, a case another team's → NOT_FOUND (as on a desktop, whose cache
 * never holds it, never described), a case of another customer → INVALID_ARGUMENT. A closed case is fine.
 */
export function customerFor(ctx: DecideContext, customerId: string, caseId: string | null): Customer | Decision {
  const c = ctx.customer(customerId);
  if (!c) return refuse('NOT_FOUND', 'customer not found');
  if (!canSeeTeam(ctx.agent, c.teamId)) return refuse('FORBIDDEN', "not allowed to act on this team's customers");
  if (caseId) {
    const k = ctx.case(caseId);
    if (!k || !canSeeTeam(ctx.agent, k.teamId)) return refuse('NOT_FOUND', 'case not found');
    if (k.customerId !== c.id) return refuse('INVALID_ARGUMENT', 'the case belongs to another customer');
  }
  return c;
}
