import { applyToCase, applyToCustomer, type Event, type Mutation } from '../../../../shared/index';
import type { Store } from './store';

/**
 * Records one agent change in ONE transaction: the mutation into the outbox (next clientSeq), the
 * optimistic event (same id, seq null, pending) into the log, and the projection update. If any step
 * fails, none of it persists. The event is full-text indexed afterwards by the store's FtsIndexer.
 */
export function recordLocalChange(store: Store, make: (clientSeq: number) => { mutation: Mutation; event: Event }): {
  mutation: Mutation;
  event: Event;
} {
  const r = store.tx(() => {
    const clientSeq = store.meta.takeClientSeq();
    const { mutation, event } = make(clientSeq);
    if (mutation.id !== event.id || mutation.clientSeq !== clientSeq) throw new Error('mutation/event mismatch');
    store.outbox.insert(mutation);
    store.events.insertLocal(event, clientSeq);
    if (event.caseId) {
      const c = store.cases.get(event.caseId);
      if (c) store.cases.setLocal(applyToCase(c, event));
    }
    const cu = store.customers.get(event.customerId);
    if (cu && event.kind === 'customer.updated') store.customers.setLocal(applyToCustomer(cu, event));
    return { mutation, event };
  });
  store.fts.poke(); // full-text indexing happens after, off the agent's path (search sees the row meanwhile)
  return r;
}
