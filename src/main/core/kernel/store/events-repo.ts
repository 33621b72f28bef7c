import { advancesDelivery, TIMELINE_FOLDED_KINDS, TIMELINE_KINDS, type DeliveryStatus, type ErrorBody, type Event, type EventChannel, type LocalState } from '../../../../shared/index';
import { sortableInstant } from '../time';
import type { CacheDb } from './open';

export interface StoredEvent {
  event: Event;
  localState: LocalState;
  error: ErrorBody | null;
}

interface Row {
  json: string;
  local_state: LocalState;
  error_json: string | null;
}

export interface TimelineQuery {
  customerId: string;
  channels?: readonly EventChannel[];
  before?: { occurredAt: string; id: string };
  limit: number;
}

/** The event log as this desktop knows it: synced events from the server plus its own pending/rejected ones. */
export class EventsRepo {
  private readonly stateStmt;
  private readonly upsertSyncedStmt;
  private readonly insertLocalStmt;
  private readonly rejectStmt;
  private readonly pendingForCaseStmt;
  private readonly pendingForCustomerStmt;
  private readonly getStmt;
  private readonly timelineStmt;
  private readonly deleteLocalStmt;
  private readonly insertSyncedStmt;
  private readonly maxRidStmt;
  private readonly chunkStmt;
  private readonly indexRangeStmt;
  private readonly localIdsStmt;
  private readonly deliveryStmt;
  private readonly deliveryNowStmt;

  constructor(db: CacheDb) {
    this.stateStmt = db.prepare<[string], { seq: number | null; local_state: LocalState; case_id: string | null; customer_id: string }>(
      'SELECT seq, local_state, case_id, customer_id FROM events WHERE id = ?',
    );
    const cols = 'id, seq, client_seq, customer_id, case_id, thread_id, channel, kind, occurred_at, body, json, local_state, error_json';
    // positional (params() gives an array): binding by name looked up 12 properties per row, a tenth of a catch-up's insert
    const vals = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL';
    this.upsertSyncedStmt = db.prepare(
      `INSERT INTO events (${cols}) VALUES (${vals})
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, client_seq = NULL, customer_id = excluded.customer_id,
         case_id = excluded.case_id, thread_id = excluded.thread_id, channel = excluded.channel, kind = excluded.kind,
         occurred_at = excluded.occurred_at, body = excluded.body, json = excluded.json, local_state = 'synced',
         error_json = NULL`,
    );
    // A plain INSERT: a local event never replaces an existing one.
    this.insertLocalStmt = db.prepare(`INSERT INTO events (${cols}) VALUES (${vals})`);
    this.rejectStmt = db.prepare<[string, string]>(
      "UPDATE events SET local_state = 'rejected', error_json = ? WHERE id = ? AND local_state = 'pending'",
    );
    // `local_state <> 'synced'` is spelled out so SQLite can use the partial index events_local (it does not
    // infer it from `= 'pending'`); without it every re-base scanned the whole log.
    this.pendingForCaseStmt = db.prepare<[string], { json: string }>(
      "SELECT json FROM events WHERE local_state <> 'synced' AND local_state = 'pending' AND case_id = ? ORDER BY client_seq",
    );
    this.pendingForCustomerStmt = db.prepare<[string], { json: string }>(
      "SELECT json FROM events WHERE local_state <> 'synced' AND local_state = 'pending' AND customer_id = ? ORDER BY client_seq",
    );
    this.getStmt = db.prepare<[string], Row>('SELECT json, local_state, error_json FROM events WHERE id = ?');
    this.timelineStmt = db.prepare<
      { customerId: string; kinds: string; channels: string | null; beforeAt: string | null; beforeId: string | null; limit: number },
      Row
    >(
      `SELECT json, local_state, error_json FROM events
       WHERE customer_id = @customerId
         AND kind IN (SELECT value FROM json_each(@kinds))
         AND (@channels IS NULL OR channel IN (SELECT value FROM json_each(@channels)))
         AND (@beforeAt IS NULL OR occurred_at < @beforeAt OR (occurred_at = @beforeAt AND id < @beforeId))
       ORDER BY occurred_at DESC, id DESC
       LIMIT @limit`,
    );
    this.maxRidStmt = db.prepare<[], number>('SELECT coalesce(max(rid), 0) FROM events').pluck();
    this.chunkStmt = db.prepare<[number, number], { top: number | null; n: number }>(
      'SELECT max(rid) AS top, count(*) AS n FROM (SELECT rid FROM events WHERE rid > ? ORDER BY rid LIMIT ?)',
    );
    this.indexRangeStmt = db.prepare<[number, number]>(
      'INSERT INTO events_fts (rowid, body) SELECT rid, body FROM events WHERE rid > ? AND rid <= ? AND body IS NOT NULL',
    );
    this.insertSyncedStmt = db.prepare(`INSERT OR IGNORE INTO events (${cols}) VALUES (${vals})`);
    this.localIdsStmt = db.prepare<[], { id: string }>("SELECT id FROM events WHERE local_state <> 'synced'").pluck(false);
    this.deleteLocalStmt = db.prepare<[string]>("DELETE FROM events WHERE id = ? AND local_state <> 'synced'");
    this.deliveryStmt = db.prepare<[string, string]>(
      "UPDATE events SET json = json_set(json, '$.meta.deliveryStatus', ?) WHERE id = ? AND kind = 'message.sent'",
    );
    this.deliveryNowStmt = db
      .prepare<[string], DeliveryStatus | null>("SELECT json ->> '$.meta.deliveryStatus' FROM events WHERE id = ? AND kind = 'message.sent'")
      .pluck();
  }

  /** The highest row key now (0 when empty). */
  maxRid(): number {
    return this.maxRidStmt.get() ?? 0;
  }

  /**
   * Adds the next at most `maxRows` rows above `fromRid` (the full-text watermark) to the index in one statement.
   * Returns the new watermark and how many rows it covered (0: nothing above `fromRid`). Only Store.indexPending
   * calls this, in the transaction that also moves the watermark: a row indexed twice corrupts the index.
   */
  indexChunk(fromRid: number, maxRows: number): { top: number; rows: number } {
    const r = this.chunkStmt.get(fromRid, maxRows);
    if (!r || r.top === null || r.n === 0) return { top: fromRid, rows: 0 };
    this.indexRangeStmt.run(fromRid, r.top);
    return { top: r.top, rows: r.n };
  }

  /** Stores a server event that is not here yet; false (nothing changed) when its id is already stored. */
  insertSynced(e: Event): boolean {
    return this.insertSyncedStmt.run(params(e, null, 'synced')).changes > 0;
  }

  /** Ids of the events made here and not yet synced (pending or rejected): few, read once per pulled page. */
  localIds(): Set<string> {
    return new Set(this.localIdsStmt.all().map((r) => r.id));
  }

  /** Removes an event that exists only here (pending or rejected); synced events are never deleted. */
  deleteLocal(id: string): boolean {
    return this.deleteLocalStmt.run(id).changes > 0;
  }

  /** Folds a channel's delivery report into the reply it is about (the timeline shows the latest; never backwards). */
  setDeliveryStatus(messageId: string, status: DeliveryStatus): boolean {
    const now = this.deliveryNowStmt.get(messageId);
    if (now === undefined || !advancesDelivery(now, status)) return false;
    return this.deliveryStmt.run(status, messageId).changes > 0;
  }

  state(id: string) {
    return this.stateStmt.get(id) ?? null;
  }

  get(id: string): StoredEvent | null {
    const row = this.getStmt.get(id);
    return row ? fromRow(row) : null;
  }

  /** Stores a server event; a local pending/rejected copy with the same id becomes this synced one. */
  upsertSynced(e: Event): void {
    this.upsertSyncedStmt.run(params(e, null, 'synced'));
  }

  /** Inserts an event made here (seq null, pending). Throws if the id exists. */
  insertLocal(e: Event, clientSeq: number): void {
    this.insertLocalStmt.run(params(e, clientSeq, 'pending'));
  }

  /** Marks a pending local event rejected; returns false when it was not pending. */
  markRejected(id: string, error: ErrorBody): boolean {
    return this.rejectStmt.run(JSON.stringify(error), id).changes > 0;
  }

  /** Still-pending local events of a case / customer, in the order they were made. */
  pendingForCase(caseId: string): Event[] {
    return this.pendingForCaseStmt.all(caseId).map((r) => JSON.parse(r.json) as Event);
  }
  pendingForCustomer(customerId: string): Event[] {
    return this.pendingForCustomerStmt.all(customerId).map((r) => JSON.parse(r.json) as Event);
  }

  /** Timeline events newest first (the caller reverses), at most `limit`. */
  timelineDesc(q: TimelineQuery): StoredEvent[] {
    return this.timelineStmt
      .all({
        customerId: q.customerId,
        kinds: JSON.stringify([...TIMELINE_KINDS, ...TIMELINE_FOLDED_KINDS]),
        channels: q.channels ? JSON.stringify(q.channels) : null,
        beforeAt: q.before ? sortableInstant(q.before.occurredAt) : null,
        beforeId: q.before ? q.before.id : null,
        limit: q.limit,
      })
      .map(fromRow);
  }
}

/** The row's values in the order of `cols`. */
function params(e: Event, clientSeq: number | null, localState: LocalState) {
  return [e.id, e.seq, clientSeq, e.customerId, e.caseId, e.threadId, e.channel, e.kind, sortableInstant(e.occurredAt), e.body, JSON.stringify(e), localState];
}

function fromRow(row: Row): StoredEvent {
  return {
    event: JSON.parse(row.json) as Event,
    localState: row.local_state,
    error: row.error_json ? (JSON.parse(row.error_json) as ErrorBody) : null,
  };
}
