import { z } from 'zod';
import { EventChannel, Id, Instant } from '../../kernel/primitives';

/**
 * Something on one of this agent's own cases that wants them (issue 15): a customer wrote, or the lead answered their flag. Raised by the desktop from
 * what it pulled, once each; the renderer notifies (when the window is hidden), plays the sound unless muted, and counts it in the
 * window title until the case is opened. No message text: a notification on a lock screen is public.
 */
export const AttentionItem = z.object({
  eventId: Id,
  customerId: Id,
  caseId: Id,
  /** the customer's channel; `internal` for the lead's answer */
  channel: EventChannel,
  subject: z.string().max(500),
  at: Instant,
  /** who wants them: a customer wrote, or the team lead answered their flag (issue 16) */
  from: z.enum(['customer', 'lead']).default('customer'),
});
export type AttentionItem = z.infer<typeof AttentionItem>;
