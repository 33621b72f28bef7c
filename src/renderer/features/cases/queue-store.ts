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
  /** the rows of the last load without a status or safety filter: every case still to work (the views' counts) */
  defaultRows: QueueRow[];
  loading: boolean;
  loaded: boolean;
  errorCode: ErrorCode | null;
  /** kept here (not in the view) so they survive opening a customer and coming back */
  filters: QueueFilters;
  setFilter<K extends QueueFilterKey>(key: K, value: QueueFilters[K]): void;
  clearFilters(): void;
  /** all filters at once (a named view) */
  setFilters(filters: QueueFilters): void;
  load(): Promise<void>;
  reset(): void;
}

export type QueueStore = StoreApi<QueueState>;

export function createQueueStore(bridge: OmnideskBridge): QueueStore {
  let generation = 0;
  return createStore<QueueState>()((set, get) => ({
    rows: [],
    defaultRows: [],
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

    setFilters(filters) {
      const before = get().filters;
      set({ filters });
      if (before.status !== filters.status || before.safety !== filters.safety) void get().load();
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
        const input = queueListInput(get().filters);
        const rows = sortQueueDefault(await bridge.call('queue.list', input));
        if (mine !== generation) return;
        set({ rows, loading: false, loaded: true, errorCode: null, ...(input.statuses ? {} : { defaultRows: rows }) });
      } catch (err) {
        if (mine !== generation) return;
        set({ loading: false, errorCode: errorCodeOf(err) });
      }
    },

    reset() {
      generation++;
      set({ rows: [], defaultRows: [], loading: false, loaded: false, errorCode: null, filters: EMPTY_FILTERS });
    },
  }));
}
