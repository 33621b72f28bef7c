import { OmnideskError, type Event } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

type Stamp = 'id' | 'seq' | 'occurredAt' | 'author';
type MergeBody = Omit<Extract<Event, { kind: 'customer.merged' }>, Stamp> | Omit<Extract<Event, { kind: 'customer.unmerged' }>, Stamp>;

/**
 * The local (pending) event of a merge / un-merge. The cache is re-pointed only when the server's event,
 * with exactly what moved, comes back in a pull (channels/merge-cache.ts); until then the change waits
 * in the outbox like any other. mergeId/sourceId are placeholders the server fills in.
 */
export function planMerge(
  store: Store,
  change: { name: 'customer.merge'; args: { sourceId: string; targetId: string } } | { name: 'customer.unmerge'; args: { mergeId: string; customerId: string } },
): MergeBody {
  const empty = { caseIds: [], threadIds: [], eventIds: [], identities: [] };
  if (change.name === 'customer.merge') {
    const { sourceId, targetId } = change.args;
    const source = store.customers.get(sourceId);
    const target = store.customers.get(targetId);
    if (!source || !target) throw new OmnideskError('NOT_FOUND', 'customer not found');
    if (sourceId === targetId) throw new OmnideskError('INVALID_ARGUMENT', 'a customer cannot be merged into itself');
    if (source.mergedInto) throw new OmnideskError('CONFLICT', 'the customer is already merged into another one');
    if (source.teamId !== target.teamId) throw new OmnideskError('INVALID_ARGUMENT', 'customers of different teams cannot be merged');
    return { kind: 'customer.merged', customerId: targetId, caseId: null, threadId: null, channel: 'internal', body: null, meta: { mergeId: targetId, sourceId, targetId, ...empty } };
  }
  const { mergeId, customerId } = change.args;
  if (!store.customers.get(customerId)) throw new OmnideskError('NOT_FOUND', 'customer not found');
  return { kind: 'customer.unmerged', customerId, caseId: null, threadId: null, channel: 'internal', body: null, meta: { mergeId, sourceId: customerId, targetId: customerId, ...empty } };
}
