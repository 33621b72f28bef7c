import { z } from 'zod';
import { canSeeTeam } from '../../kernel/agent';
import { CustomerPatch, type Customer } from '../../kernel/customer';
import { accept, defineMutation, refuse, type DecideContext, type Decision } from '../../kernel/mutation';
import { can } from '../../kernel/permissions';
import { Id } from '../../kernel/primitives';

function visibleCustomer(ctx: DecideContext, id: string): Customer | Decision {
  const c = ctx.customer(id);
  if (!c) return refuse('NOT_FOUND', 'customer not found');
  if (!canSeeTeam(ctx.agent, c.teamId)) return refuse('FORBIDDEN', "not allowed to change this team's customers");
  return c;
}
const refused = (v: Customer | Decision): v is Decision => 'ok' in v;

const onCustomer = (customerId: string) => ({ customerId, caseId: null, threadId: null, channel: 'internal' as const, body: null });
/** What moves is filled in by the server under the event-log lock (features/identity prepareMerges). */
const NOTHING_MOVED = { caseIds: [], threadIds: [], eventIds: [], identities: [] };

export const customerUpdate = defineMutation({
  name: 'customer.update',
  args: z.object({ customerId: Id, patch: CustomerPatch }).strict(),
  refs: (a) => ({ customerIds: [a.customerId] }),
  decide(a, ctx) {
    const c = visibleCustomer(ctx, a.customerId);
    if (refused(c)) return c;
    if (Object.keys(a.patch).length === 0) return refuse('INVALID_ARGUMENT', 'patch is empty');
    if (a.patch.vip !== undefined && a.patch.vip !== c.vip && !can(ctx.agent.role, 'customers.vip')) return refuse('FORBIDDEN', 'only a lead may change VIP status');
    return accept({ kind: 'customer.updated', ...onCustomer(c.id), meta: { patch: a.patch } });
  },
});

/**
 * Merge customer `sourceId` into `targetId` (reversible: customer.unmerge). The desktop keeps the pending event as
 * it is; the cache is re-pointed when the server's event, with exactly what moved, comes back in a pull.
 */
export const customerMerge = defineMutation({
  name: 'customer.merge',
  args: z.object({ sourceId: Id, targetId: Id }).strict(),
  refs: (a) => ({ customerIds: [a.sourceId, a.targetId] }),
  decide(a, ctx) {
    if (!can(ctx.agent.role, 'customers.merge')) return refuse('FORBIDDEN', 'only a lead may merge customers');
    const t = visibleCustomer(ctx, a.targetId);
    if (refused(t)) return t;
    if (a.sourceId === a.targetId) return refuse('INVALID_ARGUMENT', 'a customer cannot be merged into itself');
    const s = visibleCustomer(ctx, a.sourceId);
    if (refused(s)) return s;
    if (s.teamId !== t.teamId) return refuse('INVALID_ARGUMENT', 'customers of different teams cannot be merged');
    if (s.mergedInto) return refuse('CONFLICT', 'the customer is already merged into another one');
    if (t.mergedInto) return refuse('CONFLICT', 'the target customer is merged into another one');
    return accept({ kind: 'customer.merged', ...onCustomer(t.id), meta: { mergeId: ctx.mutationId, sourceId: s.id, targetId: t.id, ...NOTHING_MOVED } });
  },
});

/** Undo the merge `mergeId` (the customer.merged event's id); `customerId` is the merge's target. */
export const customerUnmerge = defineMutation({
  name: 'customer.unmerge',
  args: z.object({ mergeId: Id, customerId: Id }).strict(),
  refs: (a) => ({ customerIds: [a.customerId] }),
  decide(a, ctx) {
    if (!can(ctx.agent.role, 'customers.merge')) return refuse('FORBIDDEN', 'only a lead may un-merge customers');
    const c = visibleCustomer(ctx, a.customerId);
    if (refused(c)) return c;
    // sourceId is filled in from the recorded merge by the server (prepareMerges)
    return accept({ kind: 'customer.unmerged', ...onCustomer(c.id), meta: { mergeId: a.mergeId, sourceId: c.id, targetId: c.id, ...NOTHING_MOVED } });
  },
});

/** "Not the same person": the merge suggestion between `customerId` and `candidateId` is dismissed, either way round. */
export const customerDismissSuggestion = defineMutation({
  name: 'customer.dismissSuggestion',
  args: z.object({ customerId: Id, candidateId: Id }).strict(),
  refs: (a) => ({ customerIds: [a.customerId] }),
  decide(a, ctx) {
    if (!can(ctx.agent.role, 'customers.merge')) return refuse('FORBIDDEN', 'only a lead may dismiss a merge suggestion');
    const c = visibleCustomer(ctx, a.customerId);
    if (refused(c)) return c;
    if (a.candidateId === a.customerId) return refuse('INVALID_ARGUMENT', 'a customer is no suggestion for itself');
    return accept({ kind: 'customer.merge_dismissed', ...onCustomer(c.id), meta: { candidateId: a.candidateId } });
  },
});

export const IDENTITY_MUTATIONS = [customerUpdate, customerMerge, customerUnmerge, customerDismissSuggestion] as const;
