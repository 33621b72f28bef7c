import { z } from 'zod';
import { Channel, Id, Instant } from '../../kernel/primitives';

/**
 * Something on one of this agent's own cases that wants them (issue 15): a customer wrote. Raised by the desktop from
 * what it pulled, once each; the renderer notifies (when the window is hidden), plays the sound unless muted, and counts it in the
 * window title until the case is opened. No message text: a notification on a lock screen is public.
 */
export const AttentionItem = z.object({
  eventId: Id,
  customerId: Id,
  caseId: Id,
  channel: Channel,
  subject: z.string().max(500),
  at: Instant,
});
export type AttentionItem = z.infer<typeof AttentionItem>;
