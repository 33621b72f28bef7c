import type { SyncStorage } from '../sync/storage';
import { applyPulledPage } from './apply-pull';
import { applyPushResults } from './push-results';
import { resequenceOutbox } from './resequence';
import type { Store } from './store';

/** The Store as the sync client's storage (sync/storage.ts). */
export function storeSyncStorage(store: Store): SyncStorage {
  const { meta, outbox, replica } = store;
  return {
    isOpen: () => store.isOpen,
    reference: store.reference,
    clientId: () => meta.clientId(),

    outboxCounts: () => outbox.counts(),
    pendingBatch: (limit) => outbox.pendingBatch(limit),
    applyPushResults: (sent, results) => applyPushResults(store, sent, results),
    resequenceOutbox: (after) => resequenceOutbox(store, after),

    cursor: () => meta.cursor(),
    lastSyncedAt: () => meta.lastSyncedAt(),
    setLastSyncedAt: (at) => meta.setLastSyncedAt(at),
    applyPulledPage: (page) => {
      const t = applyPulledPage(store, page);
      store.compactIfRequested(); // an erasure in the page: its bytes leave the file now (features/privacy)
      store.fts.poke(); // full-text indexing follows off this path (store/fts-indexer.ts)
      return t;
    },

    bootstrapTop: () => meta.bootstrapTop(),
    replicaScope: () => meta.replicaScope(),
    beginBootstrap: (top, scope) =>
      store.tx(() => {
        meta.setBootstrapTop(top);
        meta.setReplicaScope(scope);
      }),
    finishBootstrap: () => meta.setBootstrapTop(null),
    restartBootstrap: () =>
      store.tx(() => {
        meta.setBootstrapTop(null);
        meta.setReplicaScope(null);
        meta.setCursor(0);
      }),

    holds: (customerId) => replica.holds(customerId),
    keep: (customerId, at) => replica.keep(customerId, at),
    missingFor: (events) => replica.missingFor(events),

    agentId: () => meta.agent()?.id ?? null,
    lastPrunedAt: () => meta.lastPrunedAt(),
    setLastPrunedAt: (at) => meta.setLastPrunedAt(at),
    prune: (opts) => replica.prune(opts),
  };
}
