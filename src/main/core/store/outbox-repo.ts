import type { ErrorBody, Mutation } from '../../../shared';
import type { CacheDb } from './open';

/** The agent's changes waiting for the server, in clientSeq order; rejected ones stay until dealt with. */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly pendingStmt;
  private readonly deleteStmt;
  private readonly rejectStmt;
  private readonly countsStmt;

  constructor(db: CacheDb) {
    this.insertStmt = db.prepare<[number, string, string]>(
      "INSERT INTO outbox (client_seq, mutation_id, json, status) VALUES (?, ?, ?, 'pending')",
    );
    this.pendingStmt = db.prepare<[number], { json: string }>(
      "SELECT json FROM outbox WHERE status = 'pending' ORDER BY client_seq LIMIT ?",
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM outbox WHERE mutation_id = ?');
    this.rejectStmt = db.prepare<[string, string]>(
      "UPDATE outbox SET status = 'rejected', error_json = ? WHERE mutation_id = ? AND status = 'pending'",
    );
    this.countsStmt = db.prepare<[], { pending: number | null; rejected: number | null }>(
      "SELECT SUM(status = 'pending') AS pending, SUM(status = 'rejected') AS rejected FROM outbox",
    );
  }

  insert(m: Mutation): void {
    this.insertStmt.run(m.clientSeq, m.id, JSON.stringify(m));
  }

  /** The oldest pending mutations, at most `limit`, in clientSeq order. */
  pendingBatch(limit: number): Mutation[] {
    return this.pendingStmt.all(limit).map((r) => JSON.parse(r.json) as Mutation);
  }

  remove(mutationId: string): void {
    this.deleteStmt.run(mutationId);
  }

  markRejected(mutationId: string, error: ErrorBody): boolean {
    return this.rejectStmt.run(JSON.stringify(error), mutationId).changes > 0;
  }

  counts(): { pending: number; rejected: number } {
    const r = this.countsStmt.get();
    return { pending: r?.pending ?? 0, rejected: r?.rejected ?? 0 };
  }
}
