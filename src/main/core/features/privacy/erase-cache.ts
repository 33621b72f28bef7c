import { collectRefs, eraseCase, eraseCustomer, eraseEvent, eraseThread, type Event, type Mutation, type Thread } from '../../../../shared/index';
import { MUTATION_DEFS } from '../../../../shared/mutations';
import type { Store } from '../../kernel/store/index';
import type { PulledEventApplier, PullAccess } from '../../kernel/store/pull-appliers';

/**
 * A pulled `customer.erased` (issue 9): the server erased this customer's personal data, so this cache scrubs
 * what it holds of them, inside the pull's transaction, with the same shared rules the server used
 * (src/shared/features/privacy): every event's body and JSON, the server copies and local views of the customer
 * and its cases, its threads. The agent's own changes about the customer that the server has not taken yet
 * (pending or rejected in the outbox, with their local events) are dropped: they would bring the data back.
 * Then the store is asked to compact after the transaction (FTS optimize, VACUUM, WAL truncate), so the erased
 * bytes leave the file, not just the rows. Idempotent: applying it again changes nothing.
 */
export function eraseCustomerInCache(store: Store, customerId: string, access: PullAccess): { customerIds: string[]; caseIds: string[] } {
  const db = store.db;
  const caseIds = db.prepare<[string], string>('SELECT id FROM cases WHERE customer_id = ?').pluck().all(customerId);
  const threadRows = db.prepare<[string], { id: string; json: string }>('SELECT id, json FROM threads WHERE customer_id = ?').all(customerId);

  // the outbox first: the agent's not-yet-synced changes about this customer go, with their local events
  const cases = new Set(caseIds);
  const threads = new Set(threadRows.map((t) => t.id));
  const dropOutbox = db.prepare<[string]>('DELETE FROM outbox WHERE mutation_id = ?');
  const dropEvent = db.prepare<[string]>("DELETE FROM events WHERE id = ? AND local_state <> 'synced'");
  for (const row of db.prepare<[], { json: string }>('SELECT json FROM outbox').all()) {
    const m = JSON.parse(row.json) as Mutation;
    const refs = collectRefs(MUTATION_DEFS, [m]);
    if (refs.customerIds.includes(customerId) || refs.caseIds.some((id) => cases.has(id)) || refs.threadIds.some((id) => threads.has(id))) {
      dropOutbox.run(m.id);
      dropEvent.run(m.id);
    }
  }
  for (const id of db.prepare<[string], string>("SELECT id FROM events WHERE customer_id = ? AND local_state <> 'synced'").pluck().all(customerId)) {
    dropOutbox.run(id);
    dropEvent.run(id);
  }

  // the log as held here
  const update = db.prepare<[string | null, string, number]>('UPDATE events SET body = ?, json = ? WHERE rid = ?');
  for (const r of db.prepare<[string], { rid: number; json: string }>('SELECT rid, json FROM events WHERE customer_id = ?').all(customerId)) {
    const e = eraseEvent(JSON.parse(r.json) as Event);
    update.run(e.body, JSON.stringify(e), r.rid);
  }
  // the projections: server copies through the pull's access (written and re-based at the end of the page)
  const customer = access.customer(customerId);
  if (customer) access.setCustomer(eraseCustomer(customer));
  for (const id of caseIds) {
    const k = access.case(id);
    if (k) access.setCase(eraseCase(k));
  }
  const setThread = db.prepare<[string, string]>('UPDATE threads SET json = ? WHERE id = ?');
  for (const t of threadRows) setThread.run(JSON.stringify(eraseThread(JSON.parse(t.json) as Thread)), t.id);

  store.requestCompaction();
  return { customerIds: [customerId], caseIds };
}

export const erasurePullApplier: PulledEventApplier = {
  kinds: ['customer.erased'],
  apply: (store, e, access) => eraseCustomerInCache(store, e.customerId, access),
};
