import { Offer, OfferEnded, ROUTING_LIVE } from '../../../../shared/index';
import type { CoreNotification } from '../../desktop-core';
import type { Logger } from '../../kernel/logger';

/** `live:offer` / `live:offer_ended` on the sync socket → the `routing.offer` / `routing.offerEnded` bridge events. Validated; never stored. */
export function relayRoutingLive(event: string, payload: unknown, emit: (n: CoreNotification) => void, log: Logger): boolean {
  if (event === ROUTING_LIVE.offer) {
    const p = Offer.safeParse(payload);
    if (p.success) emit({ event: 'routing.offer', payload: p.data });
    else log.warn({ event }, 'malformed live event ignored');
    return true;
  }
  if (event === ROUTING_LIVE.offerEnded) {
    const p = OfferEnded.safeParse(payload);
    if (p.success) emit({ event: 'routing.offerEnded', payload: p.data });
    else log.warn({ event }, 'malformed live event ignored');
    return true;
  }
  return false;
}
