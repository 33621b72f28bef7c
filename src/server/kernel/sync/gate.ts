import pLimit, { type LimitFunction } from 'p-limit';
import { OmnideskError } from '../../../shared/kernel/errors';

export interface PageGateOptions {
  /** pages built at the same time (each holds its page's text, up to MAX_PAGE_BYTES, while it is built and sent) */
  concurrency: number;
  /** requests that may wait for a turn; one more is refused UNAVAILABLE, and the desktop retries after a jittered backoff */
  maxWaiting: number;
}

/**
 * Back-pressure for page work (pull, bootstrap pull, fetch; issue 17 "the morning after an outage"): when every
 * desktop reconnects at once, at most `concurrency` pages are built at a time and the rest wait their turn in
 * arrival order, so the server's memory and the database pool stay bounded whatever the crowd. Past `maxWaiting`
 * the server says it is busy rather than queue without end; the desktop's round fails UNAVAILABLE and is retried
 * with jitter (src/main/core/kernel/sync/backoff.ts), which spreads the crowd out.
 */
export class PageGate {
  private readonly limit: LimitFunction;

  constructor(private readonly opts: PageGateOptions) {
    this.limit = pLimit(Math.max(1, opts.concurrency));
  }

  /** Runs `work` when a turn is free; refuses UNAVAILABLE when too many wait already. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount >= this.limit.concurrency && this.limit.pendingCount >= this.opts.maxWaiting) {
      return Promise.reject(new OmnideskError('UNAVAILABLE', 'the server is busy: try again shortly'));
    }
    return this.limit(work);
  }

  /** Runs `work` only if a turn is free now (read-ahead: never at the expense of a desktop's own request). */
  runIfIdle<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.limit.activeCount + this.limit.pendingCount >= this.limit.concurrency) return null;
    return this.limit(work);
  }

  get active(): number {
    return this.limit.activeCount;
  }

  get waiting(): number {
    return this.limit.pendingCount;
  }
}
