import { MAX_FETCH_CUSTOMERS, OmnideskError, SYNC_EVENTS, type PullResponse } from '../../../../shared/index';
import { nowIso } from '../time';
import { BULK_PAGE, SyncProblem, type RoundContext } from './round';

/**
 * Brings whole customers into the cache: their visible history with seq ≤ upTo (the cursor now; what
 * follows comes with the pull). Returns how many events arrived. Events already here are skipped.
 */
export async function fetchCustomers(ctx: RoundContext, customerIds: readonly string[], upTo: number): Promise<number> {
  const { storage, transport, log } = ctx;
  let n = 0;
  for (let i = 0; i < customerIds.length; i += MAX_FETCH_CUSTOMERS) {
    const ids = customerIds.slice(i, i + MAX_FETCH_CUSTOMERS);
    let after = 0;
    for (;;) {
      const page = await transport.request(SYNC_EVENTS.fetch, { customerIds: ids, upTo, after, limit: ctx.settings.pullLimit, packed: true });
      const problem = fetchProblem(page, ids, after, upTo);
      if (problem) {
        log.warn({ event: SYNC_EVENTS.fetch, problem }, 'corrupt sync answer not applied');
        throw new SyncProblem('CORRUPT_ANSWER');
      }
      // the cursor stays where it is: these events are all at or before it
      const t = storage.applyPulledPage({ events: page.events, cursor: storage.cursor(), hasMore: page.hasMore });
      n += page.events.length;
      if (page.events.length > 0) ctx.changed(t, page.events.length >= BULK_PAGE);
      if (!page.hasMore) break;
      after = page.cursor;
    }
  }
  log.info({ customers: customerIds.length, events: n }, 'sync fetched customers');
  return n;
}

interface FetchJob {
  customerId: string;
  resolve: (found: boolean) => void;
  reject: (err: Error) => void;
}

/** Customers the agent opened that the cache does not hold: fetched by the next round, then kept. */
export class FetchQueue {
  private jobs: FetchJob[] = [];

  get size(): number {
    return this.jobs.length;
  }

  /** Resolves true when the customer is held, false when the server has nothing of it this agent may see. */
  add(customerId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ customerId, resolve, reject });
    });
  }

  /** The round's fetch step: every customer asked for so far, in one go. */
  async run(ctx: RoundContext, stopped: () => boolean): Promise<void> {
    const { storage } = ctx;
    const jobs = this.jobs.splice(0);
    const ids = [...new Set(jobs.map((j) => j.customerId))].filter((id) => !storage.holds(id));
    try {
      // during a bootstrap, up to its checkpoint: the bootstrap pages carry only the scope's customers
      const upTo = Math.max(storage.cursor(), storage.bootstrapTop() ?? 0);
      if (ids.length > 0) await fetchCustomers(ctx, ids, upTo);
    } catch (err) {
      if (stopped()) for (const j of jobs) j.reject(new OmnideskError('UNAVAILABLE', 'signed out'));
      else this.jobs.unshift(...jobs); // failed with the round (failAll)
      throw err;
    }
    const at = nowIso();
    for (const j of jobs) {
      const held = storage.holds(j.customerId);
      if (held) storage.keep(j.customerId, at);
      j.resolve(held);
    }
  }

  /** The round failed (offline, server error): the agent sees the open fail now rather than wait. */
  failAll(): void {
    for (const j of this.jobs.splice(0)) {
      j.reject(new OmnideskError('UNAVAILABLE', 'the server could not send this customer now; try again'));
    }
  }
}

/** A sync:fetch page: ascending within (after, upTo], only the customers asked for. */
function fetchProblem(page: PullResponse, customerIds: readonly string[], after: number, upTo: number): string | null {
  const asked = new Set(customerIds);
  let last = after;
  for (const e of page.events) {
    if (e.seq === null || e.seq <= last || e.seq > upTo) return 'fetched events out of range or order';
    if (!asked.has(e.customerId)) return 'fetched an event of a customer not asked for';
    last = e.seq;
  }
  if (page.cursor < last || page.cursor > upTo) return 'fetch cursor out of range';
  if (page.hasMore && page.cursor <= after) return 'hasMore without progress';
  return null;
}
