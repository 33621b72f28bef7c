import type { Store } from './store';

/**
 * The server stopped a push at a mutation numbered at or below the last clientSeq it processed for this
 * client although the mutation is new to it: this cache was restored from a backup (or copied), so its
 * counter went back. Renumbers every outbox entry, in order, to follow `after`, in one transaction (the
 * outbox row, the mutation's JSON and the local event's re-apply order), and moves the counter past them.
 * Returns how many entries were renumbered.
 */
export function resequenceOutbox(store: Store, after: number): number {
  return store.tx(() => {
    const db = store.db;
    const rows = db.prepare<[], { mutation_id: string }>('SELECT mutation_id FROM outbox ORDER BY client_seq').all();
    // negative first, so no new number can collide with an old one (client_seq is the primary key)
    db.prepare('UPDATE outbox SET client_seq = -client_seq').run();
    const setOutbox = db.prepare<[number, number, string]>("UPDATE outbox SET client_seq = ?, json = json_set(json, '$.clientSeq', ?) WHERE mutation_id = ?");
    const setEvent = db.prepare<[number, string]>("UPDATE events SET client_seq = ? WHERE id = ? AND local_state <> 'synced'");
    rows.forEach((r, i) => {
      const seq = after + 1 + i;
      setOutbox.run(seq, seq, r.mutation_id);
      setEvent.run(seq, r.mutation_id);
    });
    store.meta.advanceClientSeqPast(after + rows.length);
    return rows.length;
  });
}
