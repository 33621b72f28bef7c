import type { Event } from '../../../shared/kernel/event';
import type { Channel } from '../../../shared/kernel/primitives';
import type { Queryable } from '../../kernel/db/types';
import { bulkInsert } from '../../kernel/db/bulk';
import { enqueueMany } from '../../kernel/jobs';

/** The job kind that delivers a channel's replies ('delivery.email', …); runners claim only the kinds they have a sender for. */
export function deliveryJobKind(channel: Channel): string {
  return `delivery.${channel}`;
}

/** The payload of a delivery job: the message.sent event to deliver. */
export interface DeliveryJobPayload {
  eventId: string;
}

/**
 * The outbound queue's write side, called by appendEvents inside the transaction that appends the
 * events: one `deliveries` row per agent reply (a `message.sent` event with deliveryStatus 'queued'), the
 * record of its delivery status, and one delivery job keyed by the event id. Because both are written with
 * the event, and a retried push is deduplicated by its mutation id before any event is appended, a reply is
 * enqueued exactly once (the row's primary key and the job's key would refuse a second anyway). Seeded or
 * imported history (deliveryStatus already sent/delivered/read) is never enqueued.
 */
export async function enqueueDeliveries(tx: Queryable, events: readonly Event[]): Promise<void> {
  const rows = events
    .filter((e) => e.kind === 'message.sent' && e.meta.deliveryStatus === 'queued' && e.channel !== 'internal')
    .map((e) => ({ event_id: e.id, channel: e.channel }));
  if (rows.length === 0) return;
  const created = await bulkInsert<{ event_id: string; channel: Channel }>(tx, 'deliveries', { event_id: 'uuid', channel: 'text' }, rows, {
    conflict: 'ignore',
    returning: ['event_id', 'channel'],
  });
  const payload = (eventId: string): DeliveryJobPayload => ({ eventId });
  await enqueueMany(
    tx,
    created.map((r) => ({ kind: deliveryJobKind(r.channel), key: r.event_id, payload: payload(r.event_id) })),
  );
}
