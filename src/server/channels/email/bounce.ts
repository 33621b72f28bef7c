import { recordDeliveryStatus } from '../delivery/record-status';
import type { EmailReceiveDeps } from './receive';

/**
 * A bounce that quotes one of our replies (its Message-ID is in outbound_provider_ids) turns that reply's
 * delivery status to `failed`: a message.delivery_updated with the DSN status code, never the report text.
 * Returns the id of the reply it marked, or null (no reply quoted, or already failed: a second bounce).
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
  const applied = await recordDeliveryStatus(deps, [
    { messageId, status: 'failed', providerMessageId: null, error, occurredAt: new Date().toISOString(), rowFrom: ['queued', 'sending', 'sent'] },
  ]);
  return applied ? messageId : null;
}
