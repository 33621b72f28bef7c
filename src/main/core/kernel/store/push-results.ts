import type { Mutation, MutationResult } from '../../../../shared/index';
import { rebaseCase, rebaseCustomer } from './rebase';
import { touched, type Store, type Touched } from './store';

/**
 * Applies the server's answers to one pushed batch in one transaction.
 * applied/duplicate → the outbox row goes (the event stays pending until a pull brings it back);
 * rejected → outbox row and local event become rejected with the reason, and the optimistic projection
 * change is undone by re-basing on the server copy. Answers for ids not in the batch are ignored.
 */
export function applyPushResults(
  store: Store,
  sent: readonly Mutation[],
  results: readonly MutationResult[],
): { touched: Touched; answered: number; rejected: number } {
  const ids = new Set(sent.map((m) => m.id));
  return store.tx(() => {
    const t = touched();
    let answered = 0;
    let rejected = 0;
    for (const r of results) {
      if (!ids.has(r.id)) continue;
      ids.delete(r.id);
      answered++;
      if (r.status !== 'rejected') {
        store.outbox.remove(r.id);
        continue;
      }
      rejected++;
      store.outbox.markRejected(r.id, r.error);
      if (store.events.markRejected(r.id, r.error)) {
        const s = store.events.state(r.id);
        if (s?.case_id) {
          rebaseCase(store, s.case_id);
          t.caseIds.add(s.case_id);
        }
        if (s) {
          rebaseCustomer(store, s.customer_id);
          t.customerIds.add(s.customer_id);
        }
      }
    }
    return { touched: t, answered, rejected };
  });
}
