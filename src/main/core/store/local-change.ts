import { applyToCase, applyToCustomer, type Event, type Mutation } from '../../../shared';
import type { Store } from './store';

/**
 * Records one agent change in ONE transaction: the mutation into the outbox (next clientSeq), the
 * optimistic event (same id, seq null, pending) into the log, and the projection update. If any step
 * fails, none of it persists.
 */
export function recordLocalChange(store: Store, make: (clientSeq: number) => { mutation: Mutation; event: Event }): {
  mutation: Mutation;
  event: Event;
} {
  return store.tx(() => {
    const clientSeq = store.meta.takeClientSeq();
    const { mutation, event } = make(clientSeq);
    if (mutation.id !== event.id || mutation.clientSeq !== clientSeq) throw new Error('mutation/event mismatch');
    store.outbox.insert(mutation);
    const rid = store.events.maxRid();
    store.events.insertLocal(event, clientSeq);
    store.events.indexSince(rid);
    if (event.caseId) {
      const c = store.cases.get(event.caseId);
      if (c) store.cases.setLocal(applyToCase(c, event));
    }
    const cu = store.customers.get(event.customerId);
    if (cu && event.kind === 'customer.updated') store.customers.setLocal(applyToCustomer(cu, event));
    return { mutation, event };
  });
}
