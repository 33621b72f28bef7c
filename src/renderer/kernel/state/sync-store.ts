import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OmnideskBridge, SyncStatus } from '../../../shared/contracts/bridge';

export interface SyncStoreState {
  /** null until the first sync.status answer or event */
  status: SyncStatus | null;
  set(status: SyncStatus): void;
  load(): Promise<void>;
  reset(): void;
}

export type SyncStore = StoreApi<SyncStoreState>;

export function createSyncStore(bridge: OmnideskBridge): SyncStore {
  // an event that arrives while a sync.status call is in flight is newer than its answer
  let version = 0;
  return createStore<SyncStoreState>()((set) => ({
    status: null,
    set(status) {
      version++;
      set({ status });
    },
    async load() {
      const mine = ++version;
      try {
        const status = await bridge.call('sync.status', {});
        if (mine === version) set({ status });
      } catch {
        // the indicator keeps its last state; events will update it
      }
    },
    reset() {
      version++;
      set({ status: null });
    },
  }));
}
