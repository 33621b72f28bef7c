import { z } from 'zod';
import { EventChannel, Id, Instant } from '../../kernel/primitives';

/**
 * Something that wants this agent (issue 15): a customer wrote on their case, a rule escalated it, a colleague mentioned them, or the lead answered their flag. Raised by the desktop from
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
  /**
   * who wants them: a customer wrote, the team lead answered their flag (issue 16), an escalation rule fired on their
   * case, or a colleague's note mentions them
   */
  from: z.enum(['customer', 'lead', 'escalation', 'mention']).default('customer'),
});
export type AttentionItem = z.infer<typeof AttentionItem>;
