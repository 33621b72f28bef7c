import { deliveryUpdateEvent } from './status-event';
import type { Logger } from 'pino';
import type { Event } from '../../../shared/kernel/event';
import type { Channel } from '../../../shared/kernel/primitives';
import type { Db, Queryable } from '../../kernel/db/types';
import { appendEvents, lockEventLog } from '../../kernel/events/append';
import { rowToEvent, EVENT_COLUMNS, type EventRow } from '../../kernel/events/rows';
import { loadCase, loadCustomer, loadThread } from '../../kernel/events/store';
import { safeError } from '../../kernel/logger';
import { PermanentDeliveryError, type ChannelSender, type OutboundMessage } from '../types';
import { onDeliveriesEnqueued } from './queue';

export interface DeliveryWorkerOptions {
  db: Db;
  /** one sender per channel; rows of channels without a sender stay queued until one is configured */
  senders: readonly ChannelSender[];
  /** pokes the team rooms after delivery events were appended (server.poke) */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
  logger: Logger;
  /** attempts before a transiently failing message is given up as failed (default 8) */
  maxAttempts?: number;
  /** first retry delay; doubles per attempt (default 2 s) */
  baseDelayMs?: number;
  /** retry delay cap (default 10 min) */
  maxDelayMs?: number;
  /** fallback polling interval (default 2 s); an append in this process wakes the worker at once */
  pollIntervalMs?: number;
  /** a claim older than this counts as abandoned (instance died mid-send) and is retried (default 2 min) */
  claimTimeoutMs?: number;
  /** rows claimed per round (default 10) */
  batchSize?: number;
  clock?: () => Date;
}

export interface DeliveryWorker {
  /** run a round soon (after an append, or from a test) */
  wake(): void;
  /** resolves when no round is running and none is due right now (tests) */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Claimed {
  event_id: string;
  channel: Channel;
  attempts: number;
}

/** Delivery status text safe to store, show and log: class and code of an error, never its message. */
export function safeDeliveryError(err: unknown): string {
  if (err instanceof PermanentDeliveryError) return err.message.slice(0, 500);
  const e = err as { name?: unknown; code?: unknown; responseCode?: unknown } | null;
  const parts = [typeof e?.name === 'string' ? e.name : 'Error'];
  if (typeof e?.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(e.code)) parts.push(e.code);
  if (typeof e?.responseCode === 'number') parts.push(`SMTP ${e.responseCode}`);
  return parts.join(' ').slice(0, 500);
}

/**
 * The outbound delivery worker. Claims due `deliveries` rows (FOR UPDATE SKIP LOCKED, so several server
 * instances share the queue), calls the channel's sender outside any transaction, then records the outcome
 * and appends `message.delivery_updated` (sent / failed) in one transaction. Transient failures retry with
 * exponential backoff up to `maxAttempts`; a PermanentDeliveryError fails at once.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, logger } = options;
  const senders = new Map(options.senders.map((s) => [s.channel, s]));
  const channels = [...senders.keys()];
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelay = options.baseDelayMs ?? 2000;
  const maxDelay = options.maxDelayMs ?? 10 * 60_000;
  const pollInterval = options.pollIntervalMs ?? 2000;
  const claimTimeout = options.claimTimeoutMs ?? 120_000;
  const batchSize = options.batchSize ?? 10;
  const clock = options.clock ?? (() => new Date());

  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const unsubscribe = onDeliveriesEnqueued(() => wake());

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => wake(), ms);
    timer.unref?.();
  }

  function wake(): void {
    if (stopped || channels.length === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const n = await round();
          if (n >= batchSize) again = true;
        } while (again && !stopped);
      } catch (err) {
        logger.error({ err: safeError(err) }, 'delivery round failed');
      } finally {
        running = null;
        schedule(pollInterval);
      }
    })();
  }

  async function round(): Promise<number> {
    const now = clock();
    const claimed = await db.transaction(async (tx) => {
      await lockEventLog(tx);
      const { rows } = await tx.query<Claimed>(
        `select event_id, channel, attempts from deliveries
         where channel = any($1::text[])
           and ((status = 'queued' and next_attempt_at <= $2) or (status = 'sending' and locked_until < $2))
         order by next_attempt_at
         limit $3
         for update skip locked`,
        [channels, now.toISOString(), batchSize],
      );
      if (rows.length) {
        await tx.query(
          `update deliveries set status = 'sending', attempts = attempts + 1, locked_until = $2, updated_at = $3
           where event_id = any($1::uuid[])`,
          [rows.map((r) => r.event_id), new Date(now.getTime() + claimTimeout).toISOString(), now.toISOString()],
        );
      }
      return rows;
    });
    for (const row of claimed) {
      if (stopped) break;
      await deliverOne({ ...row, attempts: row.attempts + 1 });
    }
    return claimed.length;
  }

  async function deliverOne(row: Claimed): Promise<void> {
    const sender = senders.get(row.channel);
    if (!sender) return;
    let message: OutboundMessage | null;
    try {
      message = await loadOutbound(db, row.event_id);
    } catch (err) {
      logger.error({ eventId: row.event_id, err: safeError(err) }, 'delivery: loading the message failed');
      await retryLater(row, 'could not load the message');
      return;
    }
    if (!message) {
      await finish(row, { status: 'failed', providerMessageId: null, error: 'message, thread or customer not found' });
      return;
    }
    try {
      const { providerMessageId } = await sender.send(message);
      await finish(row, { status: 'sent', providerMessageId, error: null }, message.thread.id);
      logger.info({ eventId: row.event_id, channel: row.channel, attempts: row.attempts }, 'delivery sent');
    } catch (err) {
      const text = safeDeliveryError(err);
      const permanent = err instanceof PermanentDeliveryError;
      logger.warn({ eventId: row.event_id, channel: row.channel, attempts: row.attempts, permanent, error: text }, 'delivery attempt failed');
      if (permanent || row.attempts >= maxAttempts) {
        await finish(row, { status: 'failed', providerMessageId: null, error: permanent ? text : `gave up after ${row.attempts} attempts: ${text}` });
      } else {
        await retryLater(row, text);
      }
    }
  }

  async function retryLater(row: Claimed, error: string): Promise<void> {
    const delay = Math.min(maxDelay, baseDelay * 2 ** Math.max(0, row.attempts - 1));
    const at = new Date(clock().getTime() + delay);
    await db.query(
      `update deliveries set status = 'queued', next_attempt_at = $2, locked_until = null, last_error = $3, updated_at = now()
       where event_id = $1 and status = 'sending'`,
      [row.event_id, at.toISOString(), error],
    );
    schedule(Math.min(delay, pollInterval));
  }

  async function finish(
    row: Claimed,
    outcome: { status: 'sent' | 'failed'; providerMessageId: string | null; error: string | null },
    threadId?: string,
  ): Promise<void> {
    const appended = await db.transaction(async (tx) => {
      await lockEventLog(tx);
      const { rows } = await tx.query<{ event_id: string }>(
        `update deliveries set status = $2, provider_message_id = $3, last_error = $4, locked_until = null, updated_at = now()
         where event_id = $1 and status = 'sending' returning event_id`,
        [row.event_id, outcome.status, outcome.providerMessageId, outcome.error],
      );
      if (rows.length === 0) return null; // finished by another instance meanwhile
      const msg = await loadEvent(tx, row.event_id);
      if (!msg) return null;
      if (outcome.providerMessageId && threadId) {
        await tx.query(
          `insert into outbound_provider_ids (channel, provider_message_id, event_id, thread_id) values ($1, $2, $3, $4)
           on conflict do nothing`,
          [row.channel, outcome.providerMessageId, row.event_id, threadId],
        );
      }
      const update = deliveryUpdateEvent(msg, {
        status: outcome.status,
        providerMessageId: outcome.providerMessageId ?? null,
        error: outcome.error,
        occurredAt: clock().toISOString(),
      });
      return appendEvents(tx, [update]);
    });
    if (appended) options.poke?.(appended.teamSeqs);
  }

  schedule(0);

  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      while (running) await running;
    },
  };
}

async function loadEvent(q: Queryable, id: string): Promise<Event | null> {
  const { rows } = await q.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = $1`, [id]);
  return rows[0] ? rowToEvent(rows[0]) : null;
}

/** Everything a sender needs for one queued reply; null when it refers to something missing. */
export async function loadOutbound(q: Queryable, eventId: string): Promise<OutboundMessage | null> {
  const e = await loadEvent(q, eventId);
  if (!e || e.kind !== 'message.sent' || !e.threadId) return null;
  const thread = await loadThread(q, e.threadId);
  const customer = await loadCustomer(q, e.customerId);
  if (!thread || !customer) return null;
  const kase = e.caseId ? await loadCase(q, e.caseId) : null;
  // Provider ids of the thread, oldest first: what the customer sent us, and what we sent them.
  const { rows } = await q.query<{ pid: string | null }>(
    `select pid from (
       select e.seq, e.meta->>'providerMessageId' as pid from events e
        where e.thread_id = $1 and e.kind = 'message.received' and e.channel = $2 and e.seq < $3
          and e.meta->>'providerMessageId' is not null
       union all
       select e.seq, o.provider_message_id as pid from outbound_provider_ids o join events e on e.id = o.event_id
        where o.thread_id = $1 and o.channel = $2 and e.seq < $3
     ) x order by seq`,
    [thread.id, thread.channel, e.seq ?? Number.MAX_SAFE_INTEGER],
  );
  return {
    eventId: e.id,
    body: e.body ?? '',
    subject: e.meta.subject,
    thread,
    customer,
    case: kase,
    threadProviderIds: rows.map((r) => r.pid).filter((p): p is string => !!p),
  };
}
