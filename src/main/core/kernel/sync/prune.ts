import type { RoundContext } from './round';

/**
 * Outside a lead's whole-team scope, customers that left the window leave the cache: right after a
 * bootstrap (`force`), then at most once per pruneIntervalMs.
 */
export function pruneIfDue(ctx: RoundContext, force: boolean): void {
  const { storage, settings } = ctx;
  if (storage.replicaScope() !== 'partial') return;
  const agentId = storage.agentId();
  if (!agentId) return;
  const last = storage.lastPrunedAt();
  const now = new Date();
  if (!force && last !== null && now.getTime() - Date.parse(last) < settings.pruneIntervalMs) return;
  const r = storage.prune({ agentId, historyDays: settings.historyDays, now });
  storage.setLastPrunedAt(now.toISOString());
  if (r.customers > 0) {
    ctx.log.info({ customers: r.customers, events: r.events }, 'cache pruned to the history window');
    ctx.changed({ customerIds: new Set(), caseIds: new Set() }, true); // everything: the UI refetches
  }
}
