import { z } from 'zod';
import { ComplaintRecord } from './complaint';
import { CaseEscalation } from './escalation';
import { Priority } from './priority';
import { Channel, E164, Id, Instant } from './primitives';
import { SafetyCategory } from './safety-flag';

export const CaseStatus = z.enum(['open', 'pending', 'waiting_on_customer', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export { Priority } from './priority';

/**
 * A safety flag's review (issue 12): open until someone confirms or dismisses it. An agent's dismissal is only a
 * proposal (`dismissal_proposed`): a specialist or lead decides, and the case stays in the safety queue until then.
 */
export const FlagState = z.enum(['open', 'dismissal_proposed', 'confirmed', 'dismissed']);
export type FlagState = z.infer<typeof FlagState>;

export const CaseFlag = z.object({
  /** the safety.flagged event's id (or the note.added that carried its own flag) */
  id: Id,
  messageId: Id,
  state: FlagState,
  categories: z.array(SafetyCategory).max(20),
  source: z.enum(['detector', 'agent']),
  /** when the flagged message reached us */
  awareAt: Instant,
  channel: Channel.nullable(),
});
export type CaseFlag = z.infer<typeof CaseFlag>;

/** A case's safety side: its flags (newest last) and the complaint record a confirmation opened. */
export const CaseSafety = z.object({
  flags: z.array(CaseFlag).max(200),
  complaint: ComplaintRecord.nullable(),
});
export type CaseSafety = z.infer<typeof CaseSafety>;

/** An agent asked the team lead for help on the case (issue 16: the agent's flag); open until a lead answers. */
export const CaseHelp = z.object({
  /** the case.help_requested event's id */
  id: Id,
  byId: Id.nullable(),
  at: Instant,
  note: z.string().max(1000),
});
export type CaseHelp = z.infer<typeof CaseHelp>;

/** The emergency green channel (issue 16, DOMAIN.md): a lead fast-tracked the case; another lead reviews it afterwards. */
export const CaseFastTrack = z.object({
  /** the case.fast_tracked event's id */
  id: Id,
  byId: Id.nullable(),
  at: Instant,
  reason: z.string().max(1000),
  reviewedAt: Instant.nullable(),
  reviewedById: Id.nullable(),
  reviewNote: z.string().max(2000).nullable(),
});
export type CaseFastTrack = z.infer<typeof CaseFastTrack>;

/**
 * A label on a case an agent or a macro sets (issue 15: "a macro can set status or tags"): lower-case words,
 * Chinese too, so "firmware", "replacement-sent", "退货" group cases for the queue and the lead's reports.
 */
export const CaseTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, 'letters, digits, spaces, . - and _ only');
export type CaseTag = z.infer<typeof CaseTag>;
export const MAX_CASE_TAGS = 30;

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
  /** absent until a message of the case is flagged (issue 12) */
  safety: CaseSafety.optional(),
  /** absent until a rule fires or a script runs on the case (issue 13) */
  escalation: CaseEscalation.optional(),
  /** an open request for the lead's help (issue 16); null once answered, absent before any */
  help: CaseHelp.nullable().optional(),
  /** the last green-channel fast-track (issue 16), absent before any */
  fastTrack: CaseFastTrack.optional(),
  /** tags set by agents and macros (issue 15), absent before any; an escalation rule's tags are in `escalation.tags` */
  tags: z.array(CaseTag).max(MAX_CASE_TAGS).optional(),
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
  /**
   * Nobody vouches for who is on the other side (the anonymous chat widget, a Chatwoot contact): the agent sees
   * "identity not verified". Absent on provider-asserted conversations (email From:, caller id, WhatsApp wa_id).
   */
  unverified: z.boolean().optional(),
  /** What the contact SAID they are (typed email / phone): shown to the agent, never used to join a customer. */
  claims: z.object({ email: z.email().nullable(), phone: E164.nullable() }).optional(),
});
export type Thread = z.infer<typeof Thread>;

/** Every tag a case carries, whoever set it (an agent, a macro, an escalation rule), once each in order. */
export function tagsOf(c: Pick<Case, 'tags' | 'escalation'>): string[] {
  return [...new Set([...(c.tags ?? []), ...(c.escalation?.tags ?? [])])];
}
