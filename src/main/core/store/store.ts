import { CasesRepo } from './cases-repo';
import { CustomersRepo } from './customers-repo';
import { EventsRepo } from './events-repo';
import { MetaRepo } from './meta-repo';
import { openCache, type CacheDb } from './open';
import { OutboxRepo } from './outbox-repo';
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

  constructor(readonly db: CacheDb) {
    this.meta = new MetaRepo(db);
    this.customers = new CustomersRepo(db);
    this.cases = new CasesRepo(db);
    this.threads = new ThreadsRepo(db);
    this.events = new EventsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.search = new SearchRepo(db);
    this.meta.clientId();
  }

  static open(path: string): Store {
    return new Store(openCache(path));
  }

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Which projections a change touched, for `data.changed`. */
export interface Touched {
  customerIds: Set<string>;
  caseIds: Set<string>;
}
export const touched = (): Touched => ({ customerIds: new Set(), caseIds: new Set() });
