import { MAX_ACCESS_BATCH, type AccessReport } from '../../../../shared/features/audit';
import { OmnideskError } from '../../../../shared/kernel/errors';
import { errorFacts, type Logger } from '../../kernel/logger';

export interface AccessLogOptions {
  /** one POST /api/audit/access with the batch; throws when it could not be delivered */
  send(report: AccessReport): Promise<void>;
  /** how long an access waits for company before the batch goes (default 5 s) */
  flushMs?: number;
  /** a batch this large goes at once (default 200) */
  maxBatch?: number;
  /** what is kept while the server is unreachable (default 20,000; beyond it the oldest go, counted in the log) */
  maxPending?: number;
  logger: Logger;
  /** tests */
  now?: () => string;
}

type Item = { kind: 'opened'; customerId: string; at: string } | { kind: 'searched'; text: string; scope: 'cache' | 'server'; at: string };

/**
 * The desktop half of the audit trail (issue 9): which customers this agent opened and what they searched in the
 * cache, reported to the server in batches — never a server round-trip per open (the timeline stays fast; the bench
 * `audit.timeline_overhead_pct` measures it). Recording is a push to an in-memory buffer; a timer sends the batch
 * with one call; a failed send keeps it for the next try. Search text stays in memory and travels only in the
 * request body (the server keeps an HMAC of it); nothing here is logged.
 */
export class AccessLog {
  private items: Item[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  private dropped = 0;
  private stopped = false;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private readonly now: () => string;

  constructor(private readonly opts: AccessLogOptions) {
    this.flushMs = opts.flushMs ?? 5_000;
    this.maxBatch = Math.min(opts.maxBatch ?? 200, MAX_ACCESS_BATCH);
    this.maxPending = opts.maxPending ?? 20_000;
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  opened(customerId: string): void {
    this.add({ kind: 'opened', customerId, at: this.now() });
  }

  searched(text: string, scope: 'cache' | 'server'): void {
    const t = text.trim().slice(0, 200);
    if (t) this.add({ kind: 'searched', text: t, scope, at: this.now() });
  }

  /** accesses not yet delivered */
  pending(): number {
    return this.items.length;
  }

  /** Sends everything buffered now (batches of maxBatch); resolves when done or failed (kept for later). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sending ??= this.sendAll().finally(() => {
      this.sending = null;
      if (this.items.length && !this.stopped) this.schedule();
    });
    return this.sending;
  }

  /** A last flush (best effort), then nothing more is sent. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private add(item: Item): void {
    if (this.stopped) return;
    this.items.push(item);
    if (this.items.length > this.maxPending) {
      const over = this.items.length - this.maxPending;
      this.items.splice(0, over);
      this.dropped += over;
      this.opts.logger.warn({ dropped: this.dropped }, 'audit: access records dropped while the server was unreachable');
    }
    if (this.items.length >= this.maxBatch) void this.flush();
    else this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
    this.timer.unref?.();
  }

  private async sendAll(): Promise<void> {
    while (this.items.length) {
      const batch = this.items.slice(0, this.maxBatch);
      const report: AccessReport = { opened: [], searches: [] };
      for (const i of batch) {
        if (i.kind === 'opened') report.opened.push({ customerId: i.customerId, at: i.at });
        else report.searches.push({ text: i.text, at: i.at, scope: i.scope });
      }
      try {
        await this.opts.send(report);
      } catch (err) {
        this.opts.logger.info({ pending: this.items.length, ...(err instanceof OmnideskError ? { code: err.code } : errorFacts(err)) }, 'audit: access report not delivered; kept');
        return;
      }
      this.items.splice(0, batch.length);
    }
  }
}
