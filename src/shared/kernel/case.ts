import { z } from 'zod';
import { Channel, Id, Instant } from './primitives';

export const CaseStatus = z.enum(['open', 'pending', 'waiting_on_customer', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const Priority = z.enum(['P0', 'P1', 'P2', 'P3']);
export type Priority = z.infer<typeof Priority>;

export const Case = z.object({
  id: Id,
  customerId: Id,
  teamId: Id,
  subject: z.string().max(500),
  status: CaseStatus,
  priority: Priority,
  assigneeId: Id.nullable(),
  openedAt: Instant,
  updatedAt: Instant,
  firstResponseDueAt: Instant,
  resolutionDueAt: Instant,
  firstRespondedAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
});
export type Case = z.infer<typeof Case>;

/** One channel conversation: an email thread, a chat session, a call, a social conversation. */
export const Thread = z.object({
  id: Id,
  customerId: Id,
  caseId: Id.nullable(),
  channel: Channel,
  subject: z.string().max(500).nullable(),
  /** The provider's handle for the conversation: root Message-ID, chat session id, CTI callId, social conversation id. */
  externalRef: z.string().max(500).nullable(),
  openedAt: Instant,
});
export type Thread = z.infer<typeof Thread>;
