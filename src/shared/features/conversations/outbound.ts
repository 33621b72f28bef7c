import { z } from 'zod';
import { referenceKind } from '../../kernel/reference';

/**
 * Which channels this server can send replies on (issue 15: "honest state"), written by the server when it starts
 * (reference item `conversations.outbound`, id `outbound`). A reply on a channel that cannot send yet stays queued
 * and goes out once the channel is set up; the desktop says so on the message, and what to set up.
 */
export const OutboundChannels = z.object({ email: z.boolean(), social: z.boolean(), chat: z.boolean() });
export type OutboundChannels = z.infer<typeof OutboundChannels>;
export const CONVERSATIONS_OUTBOUND = referenceKind<OutboundChannels>('conversations.outbound', OutboundChannels);
export const CONVERSATIONS_OUTBOUND_ID = 'outbound';

/** What an admin sets up on the server for each channel (shown to the agent with a reply that waits for it). */
export const OUTBOUND_SETUP: Readonly<Record<keyof OutboundChannels, string>> = {
  email: 'OMNIDESK_SMTP_OUTBOUND_URL and OMNIDESK_SUPPORT_FROM',
  social: 'OMNIDESK_SOCIAL_ACCESS_TOKEN',
  chat: 'the chat widget',
};
