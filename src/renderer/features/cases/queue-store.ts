import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OmnideskBridge, QueueRow } from '../../../shared/contracts/bridge';
import type { ErrorCode } from '../../../shared/kernel/errors';
import {
  EMPTY_FILTERS,
  queueListInput,
  sortQueueDefault,
  type QueueFilterKey,
  type QueueFilters,
} from './queue-filters';
import { errorCodeOf } from '../../kernel/state/errors';

export interface QueueState {
  rows: QueueRow[];
  loading: boolean;
  loaded: boolean;
  errorCode: ErrorCode | null;
  /** kept here (not in the view) so they survive opening a customer and coming back */
  filters: QueueFilters;
  setFilter<K extends QueueFilterKey>(key: K, value: QueueFilters[K]): void;
  clearFilters(): void;
  load(): Promise<void>;
  reset(): void;
}

export type QueueStore = StoreApi<QueueState>;

export function createQueueStore(bridge: OmnideskBridge): QueueStore {
  let generation = 0;
  return createStore<QueueState>()((set, get) => ({
    rows: [],
    loading: false,
    loaded: false,
    errorCode: null,
    filters: EMPTY_FILTERS,

    setFilter(key, value) {
      const before = get().filters;
      if (before[key] === value) return;
      set({ filters: { ...before, [key]: value } });
      // the status and safety filters decide which statuses the core lists
      if (key === 'status' || key === 'safety') void get().load();
    },

    clearFilters() {
      const statusChanged = get().filters.status !== '' || get().filters.safety !== '';
      set({ filters: EMPTY_FILTERS });
      if (statusChanged) void get().load();
    },

    async load() {
      const mine = ++generation;
      set({ loading: true });
      try {
        const rows = await bridge.call('queue.list', queueListInput(get().filters));
        if (mine !== generation) return;
        set({ rows: sortQueueDefault(rows), loading: false, loaded: true, errorCode: null });
      } catch (err) {
        if (mine !== generation) return;
        set({ loading: false, errorCode: errorCodeOf(err) });
      }
    },

    reset() {
      generation++;
      set({ rows: [], loading: false, loaded: false, errorCode: null, filters: EMPTY_FILTERS });
    },
  }));
}
