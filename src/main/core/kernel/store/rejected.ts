import { OmnideskError } from '../../../../shared/index';
import type { OutboxEntry } from './outbox-repo';
import { rebaseCase, rebaseCustomer } from './rebase';
import { touched, type Store, type Touched } from './store';

/** The rejected change with this event (= mutation) id, or NOT_FOUND / CONFLICT when there is none to act on. */
export function rejectedEntry(store: Store, eventId: string): OutboxEntry {
  const entry = store.outbox.get(eventId);
  if (!entry) throw new OmnideskError('NOT_FOUND', 'no such change waiting here');
  if (entry.status !== 'rejected') throw new OmnideskError('CONFLICT', 'the change is not rejected (it is still waiting to sync)');
  return entry;
}

/**
 * Drops a rejected change for good, in one transaction: its outbox row and its local event go, and the
 * case / customer it touched is re-based (its optimistic effect was already undone at rejection).
 * Synced and pending changes cannot be discarded.
 */
export function discardRejected(store: Store, eventId: string): Touched {
  return store.tx(() => {
    rejectedEntry(store, eventId);
    const t = touched();
    const s = store.events.state(eventId);
    store.outbox.remove(eventId);
    store.events.deleteLocal(eventId);
    if (s) {
      t.customerIds.add(s.customer_id);
      rebaseCustomer(store, s.customer_id);
      if (s.case_id) {
        t.caseIds.add(s.case_id);
        rebaseCase(store, s.case_id);
      }
    }
    return t;
  });
}
