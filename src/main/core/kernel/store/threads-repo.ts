import type { Thread } from '../../../../shared/index';
import { sortableInstant } from '../time';
import type { CacheDb } from './open';

/** Threads (one channel conversation each). The server is their only writer. */
export class ThreadsRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly byCustomerStmt;

  constructor(db: CacheDb) {
    this.getStmt = db.prepare<[string], { json: string }>('SELECT json FROM threads WHERE id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO threads (id, customer_id, case_id, channel, opened_at, json)
       VALUES (@id, @customerId, @caseId, @channel, @openedAt, @json)
       ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, case_id = excluded.case_id,
         channel = excluded.channel, opened_at = excluded.opened_at, json = excluded.json`,
    );
    this.byCustomerStmt = db.prepare<[string], { json: string }>(
      'SELECT json FROM threads WHERE customer_id = ? ORDER BY opened_at DESC, id DESC',
    );
  }

  get(id: string): Thread | null {
    const row = this.getStmt.get(id);
    return row ? (JSON.parse(row.json) as Thread) : null;
  }

  put(t: Thread): void {
    this.putStmt.run({
      id: t.id,
      customerId: t.customerId,
      caseId: t.caseId,
      channel: t.channel,
      openedAt: sortableInstant(t.openedAt),
      json: JSON.stringify(t),
    });
  }

  byCustomer(customerId: string): Thread[] {
    return this.byCustomerStmt.all(customerId).map((r) => JSON.parse(r.json) as Thread);
  }
}
