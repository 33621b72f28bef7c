import type { Event } from '../../../../shared/index';
import { sortableInstant } from '../time';
import type { CacheDb } from './open';

/**
 * Partial replication on the desktop (DESIGN.md "Events and sync"): which customers this cache holds.
 *
 * A customer is held once any of its events is here: the server bootstrapped the cache with whole
 * customers (every event of each, up to its checkpoint), and a customer that shows up later is fetched
 * whole before its new events are applied (SyncClient). So a held customer's history is complete up to
 * the cursor, and nothing else is kept.
 *
 * Customers the agent opened on demand are *kept*: never pruned. The rest leaves the cache once it falls
 * out of the scope the server would give a new cache: no case open, none assigned to this agent, nothing
 * the agent wrote, no change of theirs waiting, and no activity within the history window.
 */
export class ReplicaRepo {
  private readonly holdsStmt;
  private readonly keepStmt;
  private readonly keptStmt;

  constructor(private readonly db: CacheDb) {
    this.holdsStmt = db.prepare<[string, string], number>(
      'SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?) OR EXISTS (SELECT 1 FROM events WHERE customer_id = ?)',
    ).pluck();
    this.keepStmt = db.prepare<[string, string]>('INSERT OR IGNORE INTO kept_customers (customer_id, kept_at) VALUES (?, ?)');
    this.keptStmt = db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM kept_customers WHERE customer_id = ?)').pluck();
  }

  holds(customerId: string): boolean {
    return this.holdsStmt.get(customerId, customerId) === 1;
  }

  /** Marks a customer opened on demand: kept whatever the window says. */
  keep(customerId: string, at: string): void {
    this.keepStmt.run(customerId, at);
  }

  isKept(customerId: string): boolean {
    return this.keptStmt.get(customerId) === 1;
  }

  /**
   * The customers a pulled page mentions that this cache does not hold yet (in first-seen order): each
   * must be fetched whole before the page is applied. A customer created within the page is new and
   * complete with it. A merge also needs its other side: the moved events belong to it.
   */
  missingFor(events: readonly Event[]): string[] {
    const seen = new Set<string>();
    const missing: string[] = [];
    const check = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      if (!this.holds(id)) missing.push(id);
    };
    for (const e of events) {
      if (e.kind === 'customer.created') seen.add(e.customerId);
      check(e.customerId);
      if (e.kind === 'customer.merged' || e.kind === 'customer.unmerged') {
        check(e.meta.sourceId);
        check(e.meta.targetId);
      }
    }
    return missing;
  }

  /**
   * Removes, in one transaction, every customer outside the scope (see the class comment) with all its
   * events, cases and threads. Returns how many customers and events went.
   */
  prune(opts: { agentId: string; historyDays: number; now: Date }): { customers: number; events: number } {
    const since = sortableInstant(new Date(opts.now.getTime() - opts.historyDays * 86_400_000).toISOString());
    return this.db.transaction(() => {
      this.db.exec('CREATE TEMP TABLE IF NOT EXISTS prune_ids (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.prune_ids;');
      // Candidates by cheap tests first (last activity per customer comes from the timeline index) …
      this.db
        .prepare(
          `INSERT INTO temp.prune_ids (id)
           SELECT customer_id FROM events GROUP BY customer_id HAVING max(occurred_at) < @since
           UNION SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id)`,
        )
        .run({ since });
      // … then drop those still in scope.
      this.db
        .prepare(
          `DELETE FROM temp.prune_ids WHERE
             EXISTS (SELECT 1 FROM kept_customers k WHERE k.customer_id = prune_ids.id)
             OR EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = prune_ids.id AND (k.status <> 'closed' OR k.assignee_id = @agent))
             OR EXISTS (SELECT 1 FROM events e WHERE e.customer_id = prune_ids.id
                          AND (e.local_state <> 'synced' OR json_extract(e.json, '$.author.id') = @agent))
             OR EXISTS (SELECT 1 FROM customers c WHERE c.json ->> '$.mergedInto' = prune_ids.id)`,
        )
        .run({ agent: opts.agentId });
      const customers = (this.db.prepare('SELECT count(*) FROM temp.prune_ids').pluck().get() as number) ?? 0;
      if (customers === 0) return { customers: 0, events: 0 };
      const events = this.db.prepare('DELETE FROM events WHERE customer_id IN (SELECT id FROM temp.prune_ids)').run().changes;
      this.db.prepare('DELETE FROM threads WHERE customer_id IN (SELECT id FROM temp.prune_ids)').run();
      this.db.prepare('DELETE FROM cases WHERE customer_id IN (SELECT id FROM temp.prune_ids)').run();
      this.db.prepare('DELETE FROM customers WHERE id IN (SELECT id FROM temp.prune_ids)').run();
      this.db.exec('DELETE FROM temp.prune_ids');
      return { customers, events };
    })();
  }
}
