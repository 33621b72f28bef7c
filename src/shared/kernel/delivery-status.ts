import type { DeliveryStatus } from './event';

const RANK: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: -1 };

/**
 * Whether a channel's report moves an outbound message's delivery status. Statuses only move forward
 * (queued → sent → delivered → read), whatever order the provider's webhooks arrive in (WhatsApp often sends
 * `read` before `delivered`). `failed` ends a message not yet confirmed (queued or sent: a bounce, a provider
 * error); what was delivered or read cannot fail afterwards. From `failed` only a later success moves on (a
 * retry that was sent, or the provider confirming delivery). The same rule on the server (which reports
 * become events), the desktop cache and the renderer's fold.
 */
export function advancesDelivery(current: DeliveryStatus | null | undefined, next: DeliveryStatus): boolean {
  if (current === null || current === undefined) return true;
  if (next === current) return false;
  if (next === 'failed') return RANK[current] < RANK.delivered;
  if (current === 'failed') return next !== 'queued';
  return RANK[next] > RANK[current];
}

/** The status after a sequence of reports, in arrival order (null: none applied). */
export function foldDelivery(statuses: Iterable<DeliveryStatus>, start: DeliveryStatus | null = null): DeliveryStatus | null {
  let s = start;
  for (const next of statuses) if (advancesDelivery(s, next)) s = next;
  return s;
}
