import { CasesRepo } from './cases-repo';
import { CustomersRepo } from './customers-repo';
import { EventsRepo } from './events-repo';
import { FtsIndexer, type FtsIndexerOptions } from './fts-indexer';
import { MetaRepo } from './meta-repo';
import { openCache, type CacheDb } from './open';
import { OutboxRepo } from './outbox-repo';
import { ReferenceRepo } from './reference-repo';
import { ReplicaRepo } from './replica';
import { SearchRepo } from './search-repo';
import { ThreadsRepo } from './threads-repo';

/** One open cache and its repositories. Single writer: better-sqlite3 is synchronous, one connection. */
export class Store {
  readonly meta: MetaRepo;
  readonly customers: CustomersRepo;
  readonly cases: CasesRepo;
  readonly threads: ThreadsRepo;
  readonly events: EventsRepo;
  readonly outbox: OutboxRepo;
  readonly search: SearchRepo;
  readonly replica: ReplicaRepo;
  /** reference data (the directory, …): its own stream, kept whole */
  readonly reference: ReferenceRepo;
  /** Keeps the events full-text index caught up, outside the writing transactions; poke it after adding rows. */
  readonly fts: FtsIndexer;

  constructor(
    readonly db: CacheDb,
    opts: { fts?: FtsIndexerOptions } = {},
  ) {
    this.meta = new MetaRepo(db);
    this.customers = new CustomersRepo(db);
    this.cases = new CasesRepo(db);
    this.threads = new ThreadsRepo(db);
    this.events = new EventsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.search = new SearchRepo(db);
    this.replica = new ReplicaRepo(db);
    this.reference = new ReferenceRepo(db, this.meta);
    this.meta.clientId();
    this.fts = new FtsIndexer(this, opts.fts);
    if (this.ftsBacklog() > 0) this.fts.poke(); // left from a previous run: resume
  }

  /** `key`: encrypt the cache at rest (see openCache); `fts`: the indexer's tuning and error report. */
  static open(path: string, opts: { fts?: FtsIndexerOptions; key?: string | null } = {}): Store {
    return new Store(openCache(path, undefined, { key: opts.key ?? null }), opts);
  }

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Adds the next at most `maxRows` event rows above the full-text watermark to the index and advances the
   * watermark, in one transaction. Returns how many rows it covered: 0 when the index is caught up.
   */
  indexPending(maxRows = 5000): number {
    return this.tx(() => {
      const { top, rows } = this.events.indexChunk(this.meta.ftsRid(), maxRows);
      if (rows > 0) this.meta.setFtsRid(top);
      return rows;
    });
  }

  /** An upper bound of the event rows not yet full-text indexed (0: caught up). */
  ftsBacklog(): number {
    return Math.max(0, this.events.maxRid() - this.meta.ftsRid());
  }

  private compactionWanted = false;

  /** Personal data was erased (or removed): once the current transaction is over, compactIfRequested rewrites the file. */
  requestCompaction(): void {
    this.compactionWanted = true;
  }

  /**
   * So that erased bytes leave the file, not just the rows: the full-text indexes merged into fresh segments
   * (FTS5 'optimize' drops deleted entries), VACUUM (rebuilds every page; its temporary copy in memory, never
   * in a temp file), then the WAL checkpointed and truncated to zero. Outside any transaction only.
   */
  compactIfRequested(): boolean {
    if (!this.compactionWanted || this.db.inTransaction || !this.db.open) return false;
    this.compactionWanted = false;
    this.db.exec("INSERT INTO events_fts (events_fts) VALUES ('optimize'); INSERT INTO customers_fts (customers_fts) VALUES ('optimize');");
    this.db.pragma('temp_store = MEMORY');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return true;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    this.fts.stop();
    if (this.db.open) this.db.close();
  }
}

/** Which projections a change touched, for `data.changed`. */
export interface Touched {
  customerIds: Set<string>;
  caseIds: Set<string>;
}
export const touched = (): Touched => ({ customerIds: new Set(), caseIds: new Set() });
