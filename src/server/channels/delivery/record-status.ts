import type { DeliveryStatus, Event } from '../../../shared/kernel/event';
import { advancesDelivery, foldDelivery } from '../../../shared/kernel/delivery-status';
import type { Db, Queryable } from '../../kernel/db/types';
import { bulkInsert } from '../../kernel/db/bulk';
import { withEventLog } from '../../kernel/events/unit-of-work';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../../kernel/events/rows';
import { deliveryUpdateEvent } from './status-event';

/** States of a `deliveries` row (the worker's record of one outbound message). */
export type DeliveryRowStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One channel report on one of our outbound messages. */
export interface DeliveryReport {
  /** the message.sent event the report is about */
  messageId: string;
  status: DeliveryStatus;
  providerMessageId: string | null;
  /** shown and logged: data-free (a class, a code, a status), never a message text or an address */
  error: string | null;
  occurredAt: string;
  /**
   * The report moves the message's `deliveries` row to its status ('sent' or 'failed') and applies only if the
   * row is in one of these states (the worker: its own send; a bounce: not failed already).
   */
  rowFrom?: readonly DeliveryRowStatus[];
  /** applied at most once per key (platform webhooks repeat their statuses) */
  onceKey?: string;
  /** remember providerMessageId as the message's id at the provider (the customer's answer threads back by it) */
  rememberProviderId?: boolean;
}

export interface DeliveryStatusDeps {
  db: Db;
  /** server.poke, after commit */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
}

/**
 * The one way a delivery status is recorded (the delivery worker, email bounces, platform status webhooks): in
 * one transaction under the event-log lock, each report that applies becomes a system `message.delivery_updated`
 * on the message's thread; the desktops are poked after commit. Reports about unknown messages are ignored, and so
 * are reports that would move a status backwards (`advancesDelivery`: a `delivered` arriving after `read`).
 * Returns how many reports were applied.
 */
export async function recordDeliveryStatus(deps: DeliveryStatusDeps, reports: readonly DeliveryReport[]): Promise<number> {
  if (reports.length === 0) return 0;
  for (const r of reports) {
    if (r.rowFrom && r.status !== 'sent' && r.status !== 'failed') throw new TypeError('only sent and failed move a delivery row');
  }
  return withEventLog(deps.db, deps.poke, async ({ tx, append }) => {
    const messages = await loadSentMessages(tx, [...new Set(reports.map((r) => r.messageId))]);
    const done = await seenOnceKeys(tx, reports);
    const current = await currentStatuses(tx, [...messages.values()]);
    const events: Event[] = [];
    const markers: Array<{ channel: string; key: string; event: Event }> = [];
    for (const r of reports) {
      const msg = messages.get(r.messageId);
      if (!msg) continue;
      const once = r.onceKey ? `${msg.channel}\u0000${r.onceKey}` : null;
      if (once && done.has(once)) continue;
      if (r.rowFrom && !(await moveRow(tx, r))) continue;
      if (once) done.add(once);
      if (r.rememberProviderId && r.providerMessageId && msg.threadId) {
        await tx.query(
          `insert into outbound_provider_ids (channel, provider_message_id, event_id, thread_id) values ($1, $2, $3, $4)
           on conflict do nothing`,
          [msg.channel, r.providerMessageId, msg.id, msg.threadId],
        );
      }
      // the row and the provider id move whatever the order; what shows only moves forward (the worker's `sent`
      // may commit after the provider's `delivered` webhook)
      if (!advancesDelivery(current.get(msg.id), r.status)) continue;
      current.set(msg.id, r.status);
      const event = deliveryUpdateEvent(msg, r);
      events.push(event);
      if (r.onceKey) markers.push({ channel: msg.channel, key: r.onceKey, event });
    }
    await append(events);
    if (markers.length) {
      await bulkInsert(
        tx,
        'inbound_provider_ids',
        { channel: 'text', provider_message_id: 'text', event_id: 'uuid', customer_id: 'uuid', case_id: 'uuid', thread_id: 'uuid' },
        markers.map((m) => ({
          channel: m.channel,
          provider_message_id: m.key,
          event_id: m.event.id,
          customer_id: m.event.customerId,
          case_id: m.event.caseId,
          thread_id: m.event.threadId,
        })),
      );
    }
    return events.length;
  });
}

async function loadSentMessages(q: Queryable, ids: readonly string[]): Promise<Map<string, Event>> {
  const { rows } = await q.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = any($1::uuid[]) and kind = 'message.sent'`, [ids]);
  return new Map(rows.map((r) => rowToEvent(r)).map((e) => [e.id, e]));
}

/** The status each message shows now: its last applied report (found through the customer index), else its own. */
async function currentStatuses(q: Queryable, messages: readonly Event[]): Promise<Map<string, DeliveryStatus>> {
  const out = new Map<string, DeliveryStatus>();
  for (const m of messages) if (m.kind === 'message.sent') out.set(m.id, m.meta.deliveryStatus);
  if (messages.length === 0) return out;
  const { rows } = await q.query<{ message_id: string; status: DeliveryStatus }>(
    `select meta->>'messageId' as message_id, meta->>'status' as status from events
      where customer_id = any($1::uuid[]) and kind = 'message.delivery_updated' and meta->>'messageId' = any($2::text[])
      order by seq`,
    [[...new Set(messages.map((m) => m.customerId))], messages.map((m) => m.id)],
  );
  for (const r of rows) out.set(r.message_id, foldDelivery([r.status], out.get(r.message_id) ?? null) ?? r.status);
  return out;
}

/** The once-keys of these reports already applied, as `channel NUL key`. */
async function seenOnceKeys(q: Queryable, reports: readonly DeliveryReport[]): Promise<Set<string>> {
  const keys = [...new Set(reports.flatMap((r) => (r.onceKey ? [r.onceKey] : [])))];
  if (keys.length === 0) return new Set();
  const { rows } = await q.query<{ channel: string; provider_message_id: string }>(
    `select channel, provider_message_id from inbound_provider_ids where provider_message_id = any($1::text[])`,
    [keys],
  );
  return new Set(rows.map((r) => `${r.channel}\u0000${r.provider_message_id}`));
}

async function moveRow(tx: Queryable, r: DeliveryReport): Promise<boolean> {
  const { rows } = await tx.query(
    `update deliveries set status = $2, provider_message_id = coalesce($3, provider_message_id), last_error = $4, locked_until = null, updated_at = now()
      where event_id = $1 and status = any($5::text[]) returning event_id`,
    [r.messageId, r.status, r.providerMessageId, r.error, [...(r.rowFrom ?? [])]],
  );
  return rows.length > 0;
}
