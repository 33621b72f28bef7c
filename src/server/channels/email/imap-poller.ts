import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { safeError } from '../../kernel/logger';
import { DEFAULT_EMAIL_LIMITS, EmailRejectedError } from './parse';
import { receiveEmail, type EmailReceiveDeps } from './receive';

export interface ImapPollerOptions extends EmailReceiveDeps {
  /** host, port, secure, auth {user, pass}, tls … (imapflow options; its logger is always off) */
  imap: Pick<ImapFlowOptions, 'host' | 'port' | 'secure' | 'auth' | 'tls' | 'servername'>;
  /** default INBOX */
  mailbox?: string;
  /** default 30 s; 0 = no timer, only pollNow() (tests) */
  intervalMs?: number;
}

export interface PollOutcome {
  fetched: number;
  appended: number;
  duplicates: number;
  /** refused for good (no sender, too large): flagged in the mailbox, marked seen */
  refused: number;
  /** failed transiently: left unseen, retried next poll */
  failed: number;
}

export interface ImapPoller {
  pollNow(): Promise<PollOutcome>;
  stop(): Promise<void>;
}

/** Keyword set on messages the poller refused (they stay in the mailbox for a human to look at). */
export const REFUSED_KEYWORD = '$OmnideskRefused';

/**
 * Polls an existing mailbox over IMAP (imapflow): unseen messages are fetched one by one, ingested, then
 * marked \Seen. Ingest dedupes by Message-ID, so a crash between ingest and the flag only yields a
 * duplicate next time, never a second event. A transient failure leaves the message unseen for the next
 * poll; a refused one (no sender, over the size limit) gets \Seen and the $OmnideskRefused keyword.
 * A dropped connection is replaced by a new one on the next poll (imapflow clients are single-use).
 */
export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const { logger } = options;
  const mailbox = options.mailbox ?? 'INBOX';
  const maxBytes = (options.limits ?? DEFAULT_EMAIL_LIMITS).maxMessageBytes;
  let client: ImapFlow | null = null;
  let stopped = false;
  let running: Promise<PollOutcome> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function connection(): Promise<ImapFlow> {
    if (client?.usable) return client;
    if (client) client.close();
    const c = new ImapFlow({ ...options.imap, logger: false, disableAutoIdle: true });
    c.on('error', (err: unknown) => logger.warn({ err: safeError(err) }, 'imap connection error'));
    c.on('close', () => {
      if (client === c) client = null;
    });
    await c.connect();
    client = c;
    return c;
  }

  async function poll(): Promise<PollOutcome> {
    const out: PollOutcome = { fetched: 0, appended: 0, duplicates: 0, refused: 0, failed: 0 };
    let c: ImapFlow;
    try {
      c = await connection();
    } catch (err) {
      logger.warn({ err: safeError(err) }, 'imap connect failed');
      throw err;
    }
    const lock = await c.getMailboxLock(mailbox);
    try {
      // a mailbox kept open learns of new messages at a command boundary: sync before searching
      await c.noop();
      const uids = (await c.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        if (stopped) break;
        const head = await c.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!head) continue;
        out.fetched++;
        if ((head.size ?? 0) > maxBytes) {
          logger.warn({ uid, bytes: head.size, limit: maxBytes }, 'imap message refused: too large');
          await c.messageFlagsAdd(String(uid), ['\\Seen', REFUSED_KEYWORD], { uid: true });
          out.refused++;
          continue;
        }
        const msg = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        try {
          const { result } = await receiveEmail(options, msg.source, 'imap');
          if (result.status === 'duplicate') out.duplicates++;
          else out.appended++;
          await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        } catch (err) {
          if (err instanceof EmailRejectedError) {
            logger.warn({ uid, code: err.code }, 'imap message refused');
            await c.messageFlagsAdd(String(uid), ['\\Seen', REFUSED_KEYWORD], { uid: true });
            out.refused++;
          } else {
            logger.error({ uid, err: safeError(err) }, 'imap message ingest failed; retried next poll');
            out.failed++;
          }
        }
      }
    } finally {
      lock.release();
    }
    logger.debug({ ...out }, 'imap poll');
    return out;
  }

  function pollNow(): Promise<PollOutcome> {
    if (running) return running.then(() => pollNow());
    running = poll()
      .catch((err: unknown) => {
        // drop the connection; the next poll makes a new one
        client?.close();
        client = null;
        throw err;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  function schedule(): void {
    if (stopped || !options.intervalMs) return;
    timer = setTimeout(() => {
      pollNow()
        .catch(() => undefined)
        .finally(schedule);
    }, options.intervalMs);
    timer.unref?.();
  }
  schedule();

  return {
    pollNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      if (client) {
        await client.logout().catch(() => client?.close());
        client = null;
      }
    },
  };
}
