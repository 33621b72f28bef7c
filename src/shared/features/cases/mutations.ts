import { z } from 'zod';
import { canSeeTeam } from '../../kernel/agent';
import { CaseStatus, CaseTag, MAX_CASE_TAGS, Priority, type Case } from '../../kernel/case';
import { accept, defineMutation, refuse, type EventDraft } from '../../kernel/mutation';
import { Id } from '../../kernel/primitives';
import { canAssign, canSetPriority } from '../../kernel/permissions';
import { caseFor, caseToActOn, isDecision } from './rules';

type CaseChangeKind = 'case.status_changed' | 'case.assigned' | 'case.priority_changed' | 'case.tags_changed';

function caseEvent<K extends CaseChangeKind>(k: Case, kind: K, meta: Extract<EventDraft, { kind: K }>['meta']): EventDraft {
  return { kind, customerId: k.customerId, caseId: k.id, threadId: null, channel: 'internal', body: null, meta } as EventDraft;
}

export const caseSetStatus = defineMutation({
  name: 'case.setStatus',
  args: z.object({ caseId: Id, status: CaseStatus }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    return accept(caseEvent(k, 'case.status_changed', { from: k.status, to: a.status }));
  },
});

export const caseAssign = defineMutation({
  name: 'case.assign',
  /** `reason`: why a lead moves it (the console's reassignment; recorded on the event) */
  args: z.object({ caseId: Id, assigneeId: Id.nullable(), reason: z.string().trim().min(1).max(500).optional() }).strict(),
  refs: (a) => ({ caseIds: [a.caseId], agentIds: a.assigneeId ? [a.assigneeId] : [] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId);
    if (isDecision(k)) return k;
    if (a.assigneeId !== null) {
      const to = ctx.member(a.assigneeId);
      if (!to) return refuse('INVALID_ARGUMENT', 'assignee not found');
      if (!canSeeTeam(to, k.teamId)) return refuse('INVALID_ARGUMENT', "the assignee is not a member of the case's team");
    }
    const from = k.assigneeId ? ctx.member(k.assigneeId) : null;
    const target = a.assigneeId ? ctx.member(a.assigneeId) : null;
    if (!canAssign(ctx.agent, k, from, target)) return refuse('FORBIDDEN', 'your role may not reassign this case');
    return accept(caseEvent(k, 'case.assigned', { from: k.assigneeId, to: a.assigneeId, ...(a.reason?.trim() ? { reason: a.reason.trim() } : {}) }));
  },
});

export const caseSetPriority = defineMutation({
  name: 'case.setPriority',
  args: z.object({ caseId: Id, priority: Priority }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    if (!canSetPriority(ctx.agent.role, a.priority) || !canSetPriority(ctx.agent.role, k.priority)) {
      return refuse('FORBIDDEN', 'only a lead may set or lift priority P0');
    }
    return accept(caseEvent(k, 'case.priority_changed', { from: k.priority, to: a.priority }));
  },
});

/**
 * Tags on and off a case (issue 15), by hand or by a macro on sending its reply. Whoever may act on the case may
 * tag it; only the tags that change are recorded, and a change that changes nothing is refused, so a macro sent
 * twice does not write twice.
 */
export const caseSetTags = defineMutation({
  name: 'case.setTags',
  args: z
    .object({ caseId: Id, add: z.array(CaseTag).max(10).default([]), remove: z.array(CaseTag).max(10).default([]) })
    .strict()
    .refine((a) => a.add.length + a.remove.length > 0, 'name a tag to add or to remove'),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    const has = new Set(k.tags ?? []);
    const added = [...new Set(a.add)].filter((t) => !has.has(t) && !a.remove.includes(t));
    const removed = [...new Set(a.remove)].filter((t) => has.has(t));
    if (added.length === 0 && removed.length === 0) return refuse('CONFLICT', 'the case already has these tags');
    if (has.size - removed.length + added.length > MAX_CASE_TAGS) return refuse('INVALID_ARGUMENT', `a case carries at most ${MAX_CASE_TAGS} tags`);
    return accept(caseEvent(k, 'case.tags_changed', { added, removed }));
  },
});

export const CASES_MUTATIONS = [caseSetStatus, caseAssign, caseSetPriority, caseSetTags] as const;
