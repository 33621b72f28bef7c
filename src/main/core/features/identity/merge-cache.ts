import type { Event, EventOf } from '../../../../shared/index';
import { applyMergeToCustomer } from '../../../../shared/features/identity/merge-projection';
import type { Store } from '../../kernel/store/index';
import type { PulledEventApplier, PullAccess } from '../../kernel/store/pull-appliers';

type MergeEvent = EventOf<'customer.merged'> | EventOf<'customer.unmerged'>;

export function isMergeEvent(e: Event): e is MergeEvent {
  return e.kind === 'customer.merged' || e.kind === 'customer.unmerged';
}

/**
 * A pulled customer.merged / customer.unmerged re-points the cached rows exactly as the server did
 * (channels/identity/merge.ts): the moved cases and threads, every event on them and the source's own
 * events; the source is marked merged-into (un-merge clears it) and the target gains (loses) the moved
 * identities. Runs inside the pull transaction. Returns the customers and cases it touched.
 */

export function applyMergeToCache(store: Store, e: MergeEvent, access: PullAccess): { customerIds: string[]; caseIds: string[] } {
  const m = e.meta;
  const to = e.kind === 'customer.merged' ? m.targetId : m.sourceId;
  const db = store.db;
  const ids = (list: readonly string[]) => JSON.stringify(list);
  db.prepare(`UPDATE cases SET customer_id = ?, json = json_set(json, '$.customerId', ?), server_json = json_set(server_json, '$.customerId', ?) WHERE id IN (SELECT value FROM json_each(?))`).run(to, to, to, ids(m.caseIds));
  db.prepare(`UPDATE threads SET customer_id = ?, json = json_set(json, '$.customerId', ?) WHERE id IN (SELECT value FROM json_each(?))`).run(to, to, ids(m.threadIds));
  db.prepare(
    `UPDATE events SET customer_id = ?, json = json_set(json, '$.customerId', ?)
      WHERE id <> ? AND (case_id IN (SELECT value FROM json_each(?)) OR thread_id IN (SELECT value FROM json_each(?)) OR id IN (SELECT value FROM json_each(?)))`,
  ).run(to, to, e.id, ids(m.caseIds), ids(m.threadIds), ids(m.eventIds));
  for (const id of m.caseIds) {
    const k = access.case(id);
    if (k) access.setCase({ ...k, customerId: to });
  }
  for (const id of [m.sourceId, m.targetId]) {
    const c = access.customer(id);
    if (c) access.setCustomer(applyMergeToCustomer(c, e));
  }
  return { customerIds: [m.sourceId, m.targetId], caseIds: [...m.caseIds] };
}

/** The identity feature's part of applying a pulled page: merges re-point the cached rows. */
export const mergePullApplier: PulledEventApplier = {
  kinds: ['customer.merged', 'customer.unmerged'],
  apply: (store, e, access) => (isMergeEvent(e) ? applyMergeToCache(store, e, access) : { customerIds: [], caseIds: [] }),
};
