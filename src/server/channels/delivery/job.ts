import type { Logger } from 'pino';
import { z } from 'zod';
import type { Db } from '../../kernel/db/types';
import { PermanentJobError, type JobContext, type JobDefinition } from '../../kernel/jobs';
import { safeError } from '../../kernel/logger';
import { PermanentDeliveryError, type ChannelSender, type OutboundMessage } from '../types';
import { loadOutbound } from './outbound';
import { deliveryJobKind, type DeliveryJobPayload } from './queue';
import { recordDeliveryStatus } from './record-status';

export interface DeliveryJobOptions {
  db: Db;
  /** one sender per channel; replies of channels without a sender stay queued until an instance has one */
  senders: readonly ChannelSender[];
  /** pokes the team rooms after delivery events were appended (server.poke) */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
  logger: Logger;
  /** attempts before a transiently failing message is given up as failed (default 8) */
  maxAttempts?: number;
  /** first retry delay; doubles per attempt, with jitter (default 2 s) */
  baseDelayMs?: number;
  /** retry delay cap (default 10 min) */
  maxDelayMs?: number;
}

const Payload: z.ZodType<DeliveryJobPayload> = z.object({ eventId: z.string().uuid() });

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
 * The delivery jobs, one kind per channel with a sender: send one queued reply through the channel's sender
 * (outside any transaction), then record sent / failed with recordDeliveryStatus. The `deliveries` row mirrors
 * each attempt (status, attempts, last_error). A transient failure is thrown to the jobs kernel, which retries it
 * with backoff; a PermanentDeliveryError, or the last attempt, records `failed` and ends the job.
 */
export function deliveryJobs(options: DeliveryJobOptions): JobDefinition<DeliveryJobPayload>[] {
  const { db, logger } = options;
  const record = (eventId: string, status: 'sent' | 'failed', providerMessageId: string | null, error: string | null) =>
    recordDeliveryStatus({ db, poke: options.poke }, [
      { messageId: eventId, status, providerMessageId, error, occurredAt: new Date().toISOString(), rowFrom: ['sending'], rememberProviderId: true },
    ]);

  /** Ends a failed attempt: `failed` for good (permanent, or out of attempts), else back to the queue and rethrown for a retry. */
  async function failAttempt(eventId: string, ctx: JobContext, text: string, err: unknown, permanent: boolean): Promise<never> {
    if (permanent || ctx.lastAttempt) {
      await record(eventId, 'failed', null, permanent ? text : `gave up after ${ctx.attempt} attempts: ${text}`);
      throw new PermanentJobError(permanent ? 'DELIVERY_REFUSED' : 'DELIVERY_GAVE_UP');
    }
    await db.query(`update deliveries set status = 'queued', last_error = $2, updated_at = now() where event_id = $1 and status = 'sending'`, [eventId, text]);
    throw err;
  }

  function deliverWith(sender: ChannelSender) {
    return async ({ eventId }: DeliveryJobPayload, ctx: JobContext): Promise<void> => {
      const { rows } = await db.query(
        `update deliveries set status = 'sending', attempts = $2, updated_at = now()
          where event_id = $1 and status in ('queued', 'sending') returning event_id`,
        [eventId, ctx.attempt],
      );
      if (rows.length === 0) return; // already recorded: this run repeats one whose outcome was written
      let message: OutboundMessage | null;
      try {
        message = await loadOutbound(db, eventId);
      } catch (err) {
        // a file the reply names that is gone from the store will not come back: said on the message at once
        if (err instanceof PermanentDeliveryError) return failAttempt(eventId, ctx, safeDeliveryError(err), err, true);
        logger.error({ eventId, err: safeError(err) }, 'delivery: loading the message failed');
        return failAttempt(eventId, ctx, 'could not load the message', err, false);
      }
      if (!message) {
        await record(eventId, 'failed', null, 'message, thread or customer not found');
        throw new PermanentJobError('DELIVERY_MESSAGE_NOT_FOUND');
      }
      let providerMessageId: string | null;
      try {
        ({ providerMessageId } = await sender.send(message));
      } catch (err) {
        const text = safeDeliveryError(err);
        const permanent = err instanceof PermanentDeliveryError;
        logger.warn({ eventId, channel: sender.channel, attempts: ctx.attempt, permanent, error: text }, 'delivery attempt failed');
        return failAttempt(eventId, ctx, text, err, permanent);
      }
      await record(eventId, 'sent', providerMessageId, null);
      logger.info({ eventId, channel: sender.channel, attempts: ctx.attempt }, 'delivery sent');
    };
  }

  return options.senders.map((sender) => ({
    kind: deliveryJobKind(sender.channel),
    payload: Payload,
    handler: deliverWith(sender),
    maxAttempts: options.maxAttempts ?? 8,
    backoff: { baseMs: options.baseDelayMs ?? 2000, maxMs: options.maxDelayMs ?? 10 * 60_000 },
  }));
}
