import { z } from 'zod';
import type { Agent, Role } from './agent';
import type { Case, Priority } from './case';

/**
 * Permissions by role (issue 9): the ONE table of what each role may do. The shared mutation decisions refuse with
 * FORBIDDEN from it (desktop and server run the same `decide`), the server's route and socket guards
 * (`src/shared/contracts/permissions.ts`, `src/server/kernel/http/guard.ts`) refuse from it, and the renderer hides
 * the controls a role cannot use with `can(role, action)`.
 *
 * Visibility (which teams' customers a caller sees) is a separate rule, `canSeeTeam` in ./agent.
 */
export const Permission = z.enum([
  /** act on one's own and unassigned cases (status, reply, take, release); every role */
  'cases.act.own',
  /** act on the specialist queue (cases assigned to a specialist): specialists, leads, admins */
  'cases.act.specialist',
  /** act on and reassign any case of one's teams, including others' */
  'cases.act.any',
  /** review safety flags (a dismissal that stands), complete and decide the complaint / adverse-event record */
  'safety.review',
  /** set or lift priority P0 (safety) */
  'cases.priority.p0',
  /** the emergency green channel: fast-track a case (audited afterwards) */
  'cases.greenChannel',
  /** mark or unmark a customer VIP */
  'customers.vip',
  /** merge and un-merge customers */
  'customers.merge',
  /** export everything about a customer (GDPR / PIPL) */
  'customers.export',
  /** erase a customer's personal data */
  'customers.erase',
  /** the lead console's actions (red-line alerts, bulk reassignment, queue controls) */
  'console.act',
  /** read the lead console: the wallboard of one's teams, their quality figures (issue 16) */
  'console.read',
  /** add agents, change roles, teams, reset passwords */
  'agents.manage',
  /** lift a sign-in lockout */
  'lockouts.lift',
  /** read, verify and export the audit trail */
  'audit.read',
  /** read SLA attainment (targets met ÷ due) of teams, agents, channels */
  'sla.report',
  /** edit SLA policies and business-hours calendars */
  'sla.configure',
  /** edit escalation rules and scripts */
  'escalation.configure',
  /** write knowledge articles as drafts and send them for review: specialists (clinical staff), leads, admins */
  'knowledge.write',
  /** publish, change a published and retire knowledge articles (the review step): leads, admins */
  'knowledge.publish',
  /** change a team's routing (rules, capacity, offer timeout) and agents' skills: leads (their teams), admins */
  'routing.configure',
  /** edit the satisfaction index's weights (a new version) and the survey settings (issue 18): admins */
  'surveys.configure',
]);
export type Permission = z.infer<typeof Permission>;

const AGENT: readonly Permission[] = ['cases.act.own'];
const SPECIALIST: readonly Permission[] = [...AGENT, 'cases.act.specialist', 'safety.review', 'knowledge.write'];
const LEAD: readonly Permission[] = [
  ...SPECIALIST,
  'cases.act.any',
  'cases.priority.p0',
  'cases.greenChannel',
  'customers.vip',
  'customers.merge',
  'console.act',
  'console.read',
  'lockouts.lift',
  'sla.report',
  'knowledge.publish',
  'routing.configure',
];
const ADMIN: readonly Permission[] = [...LEAD, 'customers.export', 'customers.erase', 'agents.manage', 'audit.read', 'sla.configure', 'escalation.configure', 'surveys.configure'];

/** role → what it may do. Read it as the policy; every check goes through `can`. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  agent: new Set(AGENT),
  specialist: new Set(SPECIALIST),
  lead: new Set(LEAD),
  admin: new Set(ADMIN),
};

export function can(role: Role, action: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(action);
}

/** The roles that may do `action` (for tables and tests). */
export function rolesWith(action: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => can(r, action));
}

type Actor = Pick<Agent, 'id' | 'role'>;
type Member = Pick<Agent, 'id' | 'role'>;

/**
 * May `actor` act on case `k` at all (status, reply, priority within their rights)? Any case with
 * `cases.act.any`; a case on the specialist queue (its assignee is a specialist) with `cases.act.specialist`;
 * otherwise only their own or an unassigned one. `assignee` is the case's current assignee, when known.
 */
export function canActOnCase(actor: Actor, k: Pick<Case, 'assigneeId'>, assignee: Member | null): boolean {
  if (can(actor.role, 'cases.act.any')) return true;
  if (k.assigneeId === null || k.assigneeId === actor.id) return can(actor.role, 'cases.act.own');
  return assignee?.role === 'specialist' && can(actor.role, 'cases.act.specialist');
}

/**
 * May `actor` give case `k` (current assignee `from`) to `target` (null: unassign)? Leads and admins: any case to
 * anyone. Others act on cases they may act on (canActOnCase) and may give them only to themselves, to nobody, or
 * to a specialist (the handoff to the specialist queue); reassigning to another frontline agent is a lead's.
 * Team membership of the target is checked by the mutation (INVALID_ARGUMENT), not here.
 */
export function canAssign(actor: Actor, k: Pick<Case, 'assigneeId'>, from: Member | null, target: Member | null): boolean {
  if (can(actor.role, 'cases.act.any')) return true;
  if (!canActOnCase(actor, k, from)) return false;
  return target === null || target.id === actor.id || target.role === 'specialist';
}

/** May `role` set a case to priority `p` (or move it away from `p`)? P0 is the lead's (safety triage). */
export function canSetPriority(role: Role, p: Priority): boolean {
  return p !== 'P0' || can(role, 'cases.priority.p0');
}
