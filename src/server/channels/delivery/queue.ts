import type { Event } from '../../../shared/kernel/event';
import type { Queryable } from '../../kernel/db/types';

/**
 * The outbound queue's write side, called by appendEvents inside the transaction that appends the
 * events: one `deliveries` row per agent reply (a `message.sent` event with deliveryStatus 'queued').
 * Because the row is written with the event, and a retried push is deduplicated by its mutation id
 * before any event is appended, a reply is enqueued exactly once. Seeded or imported history
 * (deliveryStatus already sent/delivered/read) is never enqueued.
 */
export async function enqueueDeliveries(tx: Queryable, events: readonly Event[]): Promise<void> {
  const rows = events
    .filter((e) => e.kind === 'message.sent' && e.meta.deliveryStatus === 'queued' && e.channel !== 'internal')
    .map((e) => ({ event_id: e.id, channel: e.channel }));
  if (rows.length === 0) return;
  await tx.query(
    `insert into deliveries (event_id, channel)
     select x.event_id, x.channel from jsonb_to_recordset($1::text::jsonb) as x(event_id uuid, channel text)
     on conflict (event_id) do nothing`,
    [JSON.stringify(rows)],
  );
  // Wake the workers of this process. They run their claim under the event-log lock, which this
  // transaction holds until it commits, so they see the new rows (or none, after a rollback).
  const listeners = [...wakeListeners];
  setImmediate(() => {
    for (const l of listeners) l();
  });
}

const wakeListeners = new Set<() => void>();

/** Called (soon, asynchronously) whenever deliveries were enqueued in this process. Returns an unsubscribe. */
export function onDeliveriesEnqueued(listener: () => void): () => void {
  wakeListeners.add(listener);
  return () => {
    wakeListeners.delete(listener);
  };
}
