import type { DeliveryStatus, EventOf } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import type { EventChannel } from '../../../shared/kernel/primitives';

/** The outbound message a delivery report is about (the message.sent event, or its stored row). */
export interface DeliveredMessage {
  id: string;
  customerId: string;
  caseId: string | null;
  threadId: string | null;
  channel: EventChannel;
}

/**
 * The one way to record a channel's report on an outbound message (worker, bounces, platform status
 * webhooks): a system `message.delivery_updated` event on the message's thread. `error` is shown and
 * logged, so it must carry no personal data.
 */
export function deliveryUpdateEvent(
  message: DeliveredMessage,
  report: { status: DeliveryStatus; providerMessageId: string | null; error: string | null; occurredAt: string },
): EventOf<'message.delivery_updated'> {
  return {
    id: newId(),
    seq: null,
    customerId: message.customerId,
    caseId: message.caseId,
    threadId: message.threadId,
    channel: message.channel,
    kind: 'message.delivery_updated',
    author: { type: 'system', id: null, name: null },
    body: null,
    meta: {
      messageId: message.id,
      status: report.status,
      providerMessageId: report.providerMessageId?.slice(0, 500) ?? null,
      error: report.error,
    },
    occurredAt: report.occurredAt,
  };
}
