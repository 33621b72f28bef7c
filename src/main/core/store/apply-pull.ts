import { applyToCase, applyToCustomer, type PullResponse } from '../../../shared';
import { rebaseCase, rebaseCustomer } from './rebase';
import { touched, type Store, type Touched } from './store';

/**
 * Applies one validated pull page in ONE transaction: upserts the events (a local pending copy becomes
 * synced and leaves the outbox), updates the server copies of the projections from entity snapshots and
 * the shared apply functions, re-applies still-pending local changes on top, and advances the cursor.
 */
export function applyPulledPage(store: Store, page: PullResponse): Touched {
  return store.tx(() => {
    const t = touched();
    for (const e of page.events) {
      const before = store.events.state(e.id);
      store.events.upsertSynced(e);
      t.customerIds.add(e.customerId);
      if (e.caseId) t.caseIds.add(e.caseId);
      if (before && before.local_state !== 'synced') store.outbox.remove(e.id);
      // Already applied to the projections when it first arrived (a re-sent page): do not apply twice.
      if (before && before.seq !== null) continue;

      switch (e.kind) {
        case 'customer.created':
          store.customers.putServer(e.meta.customer);
          break;
        case 'case.opened':
          store.cases.putServer(e.meta.case);
          t.caseIds.add(e.meta.case.id);
          break;
        case 'thread.opened':
          store.threads.put(e.meta.thread);
          break;
        case 'customer.updated': {
          const cu = store.customers.serverCopy(e.customerId);
          if (cu) store.customers.setServer(applyToCustomer(cu, e));
          break;
        }
        default: {
          if (!e.caseId) break;
          const c = store.cases.serverCopy(e.caseId);
          if (c) store.cases.setServer(applyToCase(c, e));
        }
      }
    }
    for (const id of t.caseIds) rebaseCase(store, id);
    for (const id of t.customerIds) rebaseCustomer(store, id);
    store.meta.setCursor(Math.max(store.meta.cursor(), page.cursor));
    return t;
  });
}
