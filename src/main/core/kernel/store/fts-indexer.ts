import type { Store } from './store';

export interface FtsIndexerOptions {
  /** rows per indexing transaction (one `Store.indexPending` call): 2,000 ≈ 25 ms, the longest the event loop waits */
  chunkRows?: number;
  /** index once the writer has been quiet this long (no poke), so a catch-up is not slowed page by page */
  quietMs?: number;
  /** ...or at once when more rows than this wait: bounds the LIKE scan search does above the watermark
   *  (~50 ms per 100,000 rows) during a long catch-up */
  maxBacklog?: number;
  /** after being caught up and quiet this long, a PASSIVE WAL checkpoint (the cache's autocheckpoint is large) */
  checkpointAfterMs?: number;
  /** an indexing chunk failed (it is retried after `retryMs`) */
  onError?: (err: unknown) => void;
  retryMs?: number;
}

/**
 * Keeps the events full-text index caught up with the cache, outside the writing transactions (migration 003).
 *
 * `poke()` says rows were added; it is cheap and may be called for every page or change. The indexer waits until
 * the writer has been quiet for `quietMs` (or the backlog exceeds `maxBacklog`), then indexes `chunkRows` rows per
 * transaction with a `setImmediate` yield between chunks, so the event loop (sync, bridge calls) keeps running.
 * Search is correct at every moment: it scans the rows above the watermark itself. `stop()` (done by
 * `Store.close()`) cancels everything; the watermark is in the cache, so a reopened store resumes.
 */
export class FtsIndexer {
  readonly chunkRows: number;
  private readonly quietMs: number;
  private readonly maxBacklog: number;
  private readonly checkpointAfterMs: number;
  private readonly retryMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPoke = 0;
  private wrote = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly opts: FtsIndexerOptions = {},
  ) {
    this.chunkRows = Math.max(1, opts.chunkRows ?? 2000);
    this.quietMs = Math.max(0, opts.quietMs ?? 100);
    this.maxBacklog = Math.max(this.chunkRows, opts.maxBacklog ?? 200_000);
    this.checkpointAfterMs = opts.checkpointAfterMs ?? 1000;
    this.retryMs = opts.retryMs ?? 1000;
  }

  /** Rows were added to the cache (or may wait from before): index them soon. */
  poke(): void {
    if (this.stopped) return;
    this.lastPoke = performance.now();
    this.wrote = true;
    if (this.checkpointTimer) {
      clearTimeout(this.checkpointTimer);
      this.checkpointTimer = null;
    }
    if (this.timer || this.immediate) return;
    if (this.quietMs === 0 || this.store.ftsBacklog() > this.maxBacklog) this.runSoon();
    else this.waitQuiet(this.quietMs);
  }

  /** True when every row is indexed. */
  get caughtUp(): boolean {
    return !this.store.isOpen || this.store.ftsBacklog() === 0;
  }

  /** Resolves once every row is indexed (at once if it is; never, once stopped with rows left). */
  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    this.poke();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Indexes everything now, synchronously (tests, benchmarks, before a bulk export). Returns rows covered. */
  drain(): number {
    let total = 0;
    for (let n = this.store.indexPending(this.chunkRows); n > 0; n = this.store.indexPending(this.chunkRows)) total += n;
    this.settle();
    return total;
  }

  stop(): void {
    this.stopped = true;
    for (const t of [this.timer, this.checkpointTimer]) if (t) clearTimeout(t);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.checkpointTimer = this.immediate = null;
    this.idleWaiters = [];
  }

  private waitQuiet(ms: number, retry = false): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped || !this.store.isOpen) return;
      const quietFor = performance.now() - this.lastPoke;
      if (quietFor < this.quietMs && this.store.ftsBacklog() <= this.maxBacklog) this.waitQuiet(this.quietMs - quietFor);
      else this.step();
    }, ms);
    if (retry) this.timer.unref?.();
  }

  private runSoon(): void {
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.step();
    });
  }

  private step(): void {
    if (this.stopped || !this.store.isOpen) return;
    let rows: number;
    try {
      rows = this.store.indexPending(this.chunkRows);
    } catch (err) {
      this.opts.onError?.(err);
      this.waitQuiet(this.retryMs, true);
      return;
    }
    if (rows === 0) {
      this.settle();
      return;
    }
    // The writer is busy again (a catch-up page, a change): let it run, unless the backlog grew too large.
    const busy = performance.now() - this.lastPoke < this.quietMs;
    if (busy && this.store.ftsBacklog() <= this.maxBacklog) this.waitQuiet(this.quietMs);
    else this.runSoon();
  }

  /** Caught up: wake the waiters and, once things stay quiet, checkpoint the WAL. */
  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
    if (this.stopped || !this.wrote || this.checkpointTimer || this.checkpointAfterMs < 0) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (this.stopped || !this.store.isOpen || this.timer || this.immediate) return;
      this.wrote = false;
      try {
        this.store.db.pragma('wal_checkpoint(PASSIVE)');
      } catch (err) {
        this.opts.onError?.(err);
      }
    }, this.checkpointAfterMs);
    this.checkpointTimer.unref?.();
  }
}
