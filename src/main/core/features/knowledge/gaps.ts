import { gapQuery, MAX_GAP_BATCH, OmnideskError, type ArticleLocale, type GapReport } from '../../../../shared/index';
import { newId } from '../../../../shared/kernel/ids';
import { errorFacts, type Logger } from '../../kernel/logger';
import type { Store } from '../../kernel/store/index';

export interface GapLogOptions {
  /** the signed-in agent's cache (throws when signed out) */
  store(): Store;
  /** one POST /api/knowledge/gaps; throws when it could not be delivered (offline, server down) */
  send(report: GapReport): Promise<void>;
  logger: Logger;
  /** how long a gap waits for company before the report goes (default 5 s) */
  flushMs?: number;
  /** after a failed report, the next try (default 60 s) */
  retryMs?: number;
  now?: () => string;
}

type Row = { id: string; locale: ArticleLocale; query: string; count: number; at: string };

/**
 * Knowledge gaps on the desktop (issue 14): a search that found no article is counted in the cache (so one found
 * offline survives a restart) and reported to the server in batches. A report in flight is marked `sending`; it is
 * deleted when the server acknowledges it and re-sent with the same ids when not, so every search is counted once.
 * The words never reach a log.
 */
export class GapLog {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  private readonly now: () => string;

  constructor(private readonly opts: GapLogOptions) {
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Counts one search that found nothing; false when its words are too few to be a gap. */
  record(locale: ArticleLocale, text: string): boolean {
    const query = gapQuery(text);
    if (!query) return false;
    this.opts
      .store()
      .db.prepare(
        `INSERT INTO kb_gaps (id, locale, query, count, at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (locale, query) WHERE sending = 0 DO UPDATE SET count = count + 1, at = excluded.at`,
      )
      .run(newId(), locale, query, this.now());
    this.schedule(this.opts.flushMs ?? 5_000);
    return true;
  }

  /** gaps not yet acknowledged by the server */
  pending(): number {
    return this.opts.store().db.prepare<[], number>('SELECT count(*) FROM kb_gaps').pluck().get() ?? 0;
  }

  /** Reports everything counted now; resolves when done or failed (kept for the next try). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sending ??= this.sendAll().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer.unref?.();
  }

  private current(): Store | null {
    try {
      return this.opts.store();
    } catch {
      return null;
    }
  }

  private async sendAll(): Promise<void> {
    const store = this.current();
    if (!store) return; // signed out: the gaps wait in that agent's cache for the next sign-in
    const db = store.db;
    db.prepare('UPDATE kb_gaps SET sending = 1 WHERE sending = 0').run();
    const batch = db.prepare<[number], Row>('SELECT id, locale, query, count, at FROM kb_gaps WHERE sending = 1 ORDER BY at, id LIMIT ?');
    const done = db.prepare<[string]>('DELETE FROM kb_gaps WHERE id = ?');
    for (;;) {
      const rows = batch.all(MAX_GAP_BATCH);
      if (rows.length === 0) return;
      try {
        await this.opts.send({ gaps: rows });
      } catch (err) {
        if (err instanceof OmnideskError && err.code === 'INVALID_ARGUMENT') {
          // the server will never take this batch (a newer contract, say): dropped, not retried forever
          this.opts.logger.warn({ dropped: rows.length }, 'knowledge gaps refused by the server; dropped');
          db.transaction(() => rows.forEach((r) => done.run(r.id)))();
          continue;
        }
        this.opts.logger.info({ pending: rows.length, ...(err instanceof OmnideskError ? { code: err.code } : errorFacts(err)) }, 'knowledge gaps not reported; kept');
        this.schedule(this.opts.retryMs ?? 60_000);
        return;
      }
      if (this.current() !== store) return; // signed out meanwhile: re-sent (same ids) from that cache later
      db.transaction(() => rows.forEach((r) => done.run(r.id)))();
    }
  }
}
