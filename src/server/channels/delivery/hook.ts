import type { AppendHook } from '../../kernel/events/hooks';
import { enqueueDeliveries } from './queue';

/** Every outbound reply gets its delivery in the transaction that appends it: exactly once per message.sent. */
export const deliveryAppendHook: AppendHook = { name: 'delivery.enqueue', afterAppend: enqueueDeliveries };
