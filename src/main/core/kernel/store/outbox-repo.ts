import type { ErrorBody, Mutation } from '../../../../shared/index';
import type { CacheDb } from './open';

interface OutboxRow {
  client_seq: number;
  json: string;
  status: 'pending' | 'rejected';
  error_json: string | null;
}

export interface OutboxEntry {
  mutation: Mutation;
  status: 'pending' | 'rejected';
  error: ErrorBody | null;
}

function fromRow(r: OutboxRow): OutboxEntry {
  return { mutation: JSON.parse(r.json) as Mutation, status: r.status, error: r.error_json ? (JSON.parse(r.error_json) as ErrorBody) : null };
}

/** The agent's changes waiting for the server, in clientSeq order; rejected ones stay until dealt with. */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly pendingStmt;
  private readonly deleteStmt;
  private readonly rejectStmt;
  private readonly countsStmt;
  private readonly getStmt;
  private readonly rejectedStmt;

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
    this.getStmt = db.prepare<[string], OutboxRow>('SELECT client_seq, json, status, error_json FROM outbox WHERE mutation_id = ?');
    this.rejectedStmt = db.prepare<[number], OutboxRow>(
      "SELECT client_seq, json, status, error_json FROM outbox WHERE status = 'rejected' ORDER BY client_seq LIMIT ?",
    );
  }

  /** One outbox entry by mutation id (= event id), or null. */
  get(mutationId: string): OutboxEntry | null {
    const row = this.getStmt.get(mutationId);
    return row ? fromRow(row) : null;
  }

  /** Rejected entries waiting for the agent to redo or discard them, oldest first. */
  rejected(limit: number): OutboxEntry[] {
    return this.rejectedStmt.all(limit).map(fromRow);
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
