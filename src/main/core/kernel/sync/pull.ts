import { SYNC_EVENTS, type PullRequest, type PullResponse } from '../../../../shared/index';
import { nowIso } from '../time';
import { fetchCustomers } from './fetch';
import { pruneIfDue } from './prune';
import { BULK_PAGE, SyncProblem, type RoundContext } from './round';

/**
 * Pulls until the cache is at the server's head: first, for a new cache, its bootstrap scope up to the
 * checkpoint (the server decides the scope; see src/server/kernel/sync/scope.ts); then the log after the cursor,
 * fetching whole any customer a page mentions that the cache does not hold yet, before applying the page.
 */
export async function pullAll(ctx: RoundContext): Promise<void> {
  const { storage, log, settings } = ctx;
  let top = storage.bootstrapTop();
  // A cache that never bootstrapped (a new one; not one made before partial replication: it holds its teams)
  if (top === null && storage.cursor() === 0 && storage.replicaScope() === null) {
    const b = await ctx.transport.request(SYNC_EVENTS.bootstrap, { historyDays: settings.historyDays });
    storage.beginBootstrap(b.top, b.scope);
    log.info({ scope: b.scope, customers: b.customers, top: b.top }, 'sync bootstrap');
    top = b.top;
  }
  if (top !== null) {
    const until = top;
    try {
      await pullPages(ctx, (cursor) => ({ cursor, limit: settings.pullLimit, until, packed: true }), false);
    } catch (err) {
      if (err instanceof SyncProblem && err.refusal?.code === 'CONFLICT') {
        // The server no longer knows this bootstrap (replaced, or its database restored): start it again.
        // Events already here are skipped on the way, so nothing is applied twice.
        log.warn({ code: err.refusal.code }, 'bootstrap scope expired; bootstrapping again');
        storage.restartBootstrap();
      }
      throw err;
    }
    storage.finishBootstrap();
    pruneIfDue(ctx, true);
  }
  await pullPages(ctx, (cursor) => ({ cursor, limit: settings.pullLimit, packed: true }), true);
  storage.setLastSyncedAt(nowIso());
  pruneIfDue(ctx, false);
  ctx.reportStatus();
}

/** Pages after the cursor until `hasMore` is false, pipelined: the next page is asked for before this one is written. */
async function pullPages(ctx: RoundContext, req: (cursor: number) => PullRequest, fetchMissing: boolean): Promise<void> {
  const { storage, log } = ctx;
  const ask = (cursor: number) => {
    const p = ctx.transport.request(SYNC_EVENTS.pull, req(cursor));
    p.catch(() => undefined); // a prefetch nobody awaits (the round failed first) must not go unhandled
    return p;
  };
  let cursor = storage.cursor();
  let next = ask(cursor);
  for (;;) {
    const page = await next;
    const problem = pageProblem(page, cursor, req(cursor).until);
    if (problem) {
      log.warn({ event: SYNC_EVENTS.pull, problem }, 'corrupt sync answer not applied');
      throw new SyncProblem('CORRUPT_ANSWER');
    }
    // Pipelined: the next page is on its way while this one is written to the cache.
    if (page.hasMore) next = ask(page.cursor);
    if (fetchMissing) {
      const missing = storage.missingFor(page.events);
      if (missing.length > 0) await fetchCustomers(ctx, missing, cursor);
    }
    const t = storage.applyPulledPage(page);
    const from = cursor;
    cursor = storage.cursor();
    log.info({ events: page.events.length, cursor: page.cursor }, 'sync pulled');
    if (page.events.length > 0) ctx.changed(t, from === 0 || page.events.length >= BULK_PAGE);
    if (!page.hasMore) break;
    ctx.reportStatus();
  }
}

/** Checks what the schema cannot: ordering and cursor arithmetic. Returns a data-free description. */
function pageProblem(page: PullResponse, cursor: number, until?: number): string | null {
  let last = cursor;
  for (const e of page.events) {
    if (e.seq === null) return 'event without seq';
    if (e.seq <= last) return 'events not ascending after the cursor';
    last = e.seq;
  }
  if (page.cursor < last) return 'cursor behind its events';
  if (page.hasMore && page.cursor <= cursor) return 'hasMore without progress';
  if (until !== undefined && page.cursor > until) return 'bootstrap page beyond its checkpoint';
  return null;
}
