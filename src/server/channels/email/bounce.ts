import { deliveryUpdateEvent } from '../delivery/status-event';
import { appendEvents, lockEventLog } from '../../kernel/events/append';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../../kernel/events/rows';
import type { EmailReceiveDeps } from './receive';

/**
 * A bounce that quotes one of our replies (its Message-ID is in outbound_provider_ids) turns that reply's
 * delivery status to `failed`: a message.delivery_updated with the DSN status code, never the report text.
 * Returns the id of the reply it marked, or null.
 */
export async function recordBounce(deps: Pick<EmailReceiveDeps, 'db' | 'poke'>, quotedIds: readonly string[], dsnStatus: string | null): Promise<string | null> {
  if (quotedIds.length === 0) return null;
  const { rows } = await deps.db.query<{ event_id: string }>(
    `select event_id from outbound_provider_ids where channel = 'email' and provider_message_id = any($1::text[]) limit 1`,
    [quotedIds.slice(0, 100)],
  );
  const messageId = rows[0]?.event_id;
  if (!messageId) return null;
  const error = `bounced by the recipient's mail server${dsnStatus ? ` (status ${dsnStatus})` : ''}`;
  const appended = await deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    const { rows: ev } = await tx.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = $1`, [messageId]);
    const msg = ev[0] ? rowToEvent(ev[0]) : null;
    if (!msg || msg.kind !== 'message.sent') return null;
    const { rows: changed } = await tx.query(
      `update deliveries set status = 'failed', last_error = $2, updated_at = now() where event_id = $1 and status <> 'failed' returning event_id`,
      [messageId, error],
    );
    if (changed.length === 0) return null; // already failed (a second bounce)
    const update = deliveryUpdateEvent(msg, { status: 'failed', providerMessageId: null, error, occurredAt: new Date().toISOString() });
    return appendEvents(tx, [update]);
  });
  if (appended) deps.poke?.(appended.teamSeqs);
  return appended ? messageId : null;
}
