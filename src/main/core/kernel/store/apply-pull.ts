import { applyToCase, applyToCustomer, type Case, type Customer, type PullResponse } from '../../../../shared/index';
import { pulledEventApplier, type PullAccess } from './pull-appliers';
import { rebaseCase, rebaseCustomer } from './rebase';
import { touched, type Store, type Touched } from './store';

/**
 * Applies one validated pull page in ONE transaction: stores the events (a local pending copy becomes
 * synced and leaves the outbox), updates the server copies of the projections from entity snapshots and
 * the shared apply functions, re-applies still-pending local changes on top, and advances the cursor.
 *
 * Built for catch-up speed: the server copies of the cases and customers a page touches are read once,
 * changed in memory event by event, and written once; only ids this desktop made itself are looked up.
 * An event already in the cache with its seq (a re-sent page) is never applied twice.
 * New events are not full-text indexed here: `store.fts.poke()` afterwards lets the FtsIndexer add them
 * (search covers the rows above the index's watermark meanwhile).
 */
export function applyPulledPage(store: Store, page: PullResponse): Touched {
  return store.tx(() => {
    const t = touched();
    const local = store.events.localIds();
    const cases = new Map<string, Case | null>();
    const customers = new Map<string, Customer | null>();
    const dirtyCases = new Set<string>();
    const dirtyCustomers = new Set<string>();
    const caseOf = (id: string) => {
      if (!cases.has(id)) cases.set(id, store.cases.serverCopy(id));
      return cases.get(id) ?? null;
    };
    const customerOf = (id: string) => {
      if (!customers.has(id)) customers.set(id, store.customers.serverCopy(id));
      return customers.get(id) ?? null;
    };

    const access: PullAccess = {
      customer: customerOf,
      setCustomer: (c) => (customers.set(c.id, c), dirtyCustomers.add(c.id)),
      case: caseOf,
      setCase: (c) => (cases.set(c.id, c), dirtyCases.add(c.id)),
    };

    // Only what changed needs its local view recomputed: a server copy changed, or an own change came back.
    const rebaseCases = new Set<string>();
    const rebaseCustomers = new Set<string>();
    for (const e of page.events) {
      t.customerIds.add(e.customerId);
      if (e.caseId) t.caseIds.add(e.caseId);
      if (local.has(e.id)) {
        // our own change coming back: the pending (or rejected-then-applied) copy becomes the server's
        store.events.upsertSynced(e);
        store.outbox.remove(e.id);
        rebaseCustomers.add(e.customerId);
        if (e.caseId) rebaseCases.add(e.caseId);
      } else if (!store.events.insertSynced(e)) {
        continue; // already here with its seq: do not apply twice
      }

      // a kind a feature applies itself (merges: features/identity)
      const applier = pulledEventApplier(e.kind);
      if (applier) {
        const moved = applier.apply(store, e, access);
        for (const id of moved.customerIds) t.customerIds.add(id);
        for (const id of moved.caseIds) t.caseIds.add(id);
        continue;
      }
      switch (e.kind) {
        case 'customer.created':
          store.customers.putServer(e.meta.customer);
          customers.set(e.customerId, e.meta.customer);
          dirtyCustomers.delete(e.customerId);
          break;
        case 'case.opened':
          store.cases.putServer(e.meta.case);
          cases.set(e.meta.case.id, e.meta.case);
          dirtyCases.delete(e.meta.case.id);
          t.caseIds.add(e.meta.case.id);
          break;
        case 'thread.opened':
          store.threads.put(e.meta.thread);
          break;
        case 'message.delivery_updated':
          store.events.setDeliveryStatus(e.meta.messageId, e.meta.status);
          break;
        case 'customer.updated': {
          const cu = customerOf(e.customerId);
          if (cu) {
            customers.set(cu.id, applyToCustomer(cu, e));
            dirtyCustomers.add(cu.id);
          }
          break;
        }
        default: {
          if (!e.caseId) break;
          const c = caseOf(e.caseId);
          if (!c) break;
          const next = applyToCase(c, e);
          if (next !== c) {
            cases.set(c.id, next);
            dirtyCases.add(c.id);
          }
        }
      }
    }
    for (const id of dirtyCases) store.cases.setServer(cases.get(id) as Case);
    for (const id of dirtyCustomers) store.customers.setServer(customers.get(id) as Customer);
    for (const id of cases.keys()) rebaseCases.add(id);
    for (const id of customers.keys()) rebaseCustomers.add(id);
    for (const id of rebaseCases) rebaseCase(store, id);
    for (const id of rebaseCustomers) rebaseCustomer(store, id);
    store.meta.setCursor(Math.max(store.meta.cursor(), page.cursor));
    return t;
  });
}
