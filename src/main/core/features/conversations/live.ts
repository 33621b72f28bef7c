import { z } from 'zod';
import { CallIncoming, Id, VIEWERS_LIVE, Viewers } from '../../../../shared/index';
import type { CoreNotification } from '../../desktop-core';
import type { Logger } from '../../kernel/logger';

const CustomerTyping = z.object({ threadId: Id, customerId: Id, typing: z.boolean() });

/**
 * Live server notifications on the sync socket → bridge events: `live:call` (a call this agent answered)
 * → `call.incoming`; `live:typing` (a chat customer typing) → `chat.typing`. Validated; anything else is
 * dropped. Never stored: the event log stays the only record.
 */
export function relayLive(event: string, payload: unknown, emit: (n: CoreNotification) => void, log: Logger): void {
  if (event === 'live:call') {
    const p = CallIncoming.safeParse(payload);
    if (p.success) emit({ event: 'call.incoming', payload: p.data });
    else log.warn({ event }, 'malformed live event ignored');
  } else if (event === VIEWERS_LIVE.viewers) {
    const p = Viewers.safeParse(payload);
    if (p.success) emit({ event: 'conversations.viewers', payload: p.data });
  } else if (event === 'live:typing') {
    const p = CustomerTyping.safeParse(payload);
    if (p.success) emit({ event: 'chat.typing', payload: p.data });
  }
}
