import type { BridgeEventPayload } from '../../../shared/contracts/bridge';

/** data.changed notifications folded together over a short window. */
export interface ChangeBatch {
  customerIds: ReadonlySet<string>;
  caseIds: ReadonlySet<string>;
  all: boolean;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Debounce data.changed: a burst (a sync catch-up sends many) becomes one refetch, `delayMs` after the
 * last notification, and never later than `maxWaitMs` after the first, so a steady stream still refreshes.
 */
export function createChangeBatcher(
  flush: (batch: ChangeBatch) => void,
  opts: { delayMs?: number; maxWaitMs?: number; timers?: Timers } = {},
): { push(change: BridgeEventPayload<'data.changed'>): void; dispose(): void } {
  const delayMs = opts.delayMs ?? 100;
  const maxWaitMs = opts.maxWaitMs ?? 500;
  const timers = opts.timers ?? realTimers;
  let customerIds = new Set<string>();
  let caseIds = new Set<string>();
  let all = false;
  let timer: unknown = null;
  let maxTimer: unknown = null;
  let disposed = false;

  function fire() {
    if (timer !== null) timers.clearTimeout(timer);
    if (maxTimer !== null) timers.clearTimeout(maxTimer);
    timer = maxTimer = null;
    const batch: ChangeBatch = { customerIds, caseIds, all };
    customerIds = new Set();
    caseIds = new Set();
    all = false;
    if (!disposed) flush(batch);
  }

  return {
    push(change) {
      if (disposed) return;
      for (const id of change.customerIds) customerIds.add(id);
      for (const id of change.caseIds) caseIds.add(id);
      all ||= change.all;
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(fire, delayMs);
      if (maxTimer === null) maxTimer = timers.setTimeout(fire, maxWaitMs);
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      if (maxTimer !== null) timers.clearTimeout(maxTimer);
      timer = maxTimer = null;
    },
  };
}
