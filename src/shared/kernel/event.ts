import { z } from 'zod';
import { Agent } from './agent';
import { Case, CaseStatus, CaseTag, Priority, Thread } from './case';
import { Customer, CustomerPatch, SocialNetwork } from './customer';
import { Channel, EventChannel, Id, Instant } from './primitives';
import { CaseOfferedMeta, CaseOfferEndedMeta, RoutingReason } from './routing';
import { ComplaintPatch, ComplaintRecord, Reportability } from './complaint';
import { NoteSafety, SafetyFlagMeta } from './safety-flag';
import { ArticleUse } from './article-use';
import { Action, CompensationTier, HandoffSummary, HandoffTarget, ScriptEntry } from './escalation';

export const AuthorType = z.enum(['customer', 'agent', 'system']);
export const Author = z.object({
  type: AuthorType,
  /** agent id for agents, customer id for customers, null for the system */
  id: z.string().max(64).nullable(),
  name: z.string().max(200).nullable(),
});
export type Author = z.infer<typeof Author>;

export const DeliveryStatus = z.enum(['queued', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const CallDirection = z.enum(['in', 'out']);
export const CallOutcome = z.enum(['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded']);

/** `unverified_identity`: a self-declared contact (a chat visitor's typed email) that another customer holds; never joined by itself (issue 9). */
/** Why an agent skipped a case's survey (issue 18): a fixed list, so no free text (health data) rides on it. */
export const SurveySkipReason = z.enum(['customer_asked', 'complaint_open', 'wrong_contact', 'internal_case', 'other']);
export type SurveySkipReason = z.infer<typeof SurveySkipReason>;
export const MergeSuggestionReason = z.enum(['shared_identity', 'conflicting_identities', 'same_name', 'similar_email', 'unverified_identity']);
export type MergeSuggestionReason = z.infer<typeof MergeSuggestionReason>;
/** An identity key as stored server-side: email (lower-case), phone (E.164), social (`network:handle`). */
export const IdentityRef = z.object({ kind: z.enum(['email', 'phone', 'social']), value: z.string().min(1).max(300) });
export type IdentityRef = z.infer<typeof IdentityRef>;
const MAX_MERGE_ITEMS = 50_000;
const MergeMeta = {
  mergeId: Id,
  sourceId: Id,
  targetId: Id,
  caseIds: z.array(Id).max(MAX_MERGE_ITEMS),
  threadIds: z.array(Id).max(MAX_MERGE_ITEMS),
  /** the source's events that belong to none of those cases and threads (customer.created, notes, …) */
  eventIds: z.array(Id).max(MAX_MERGE_ITEMS),
  /** identity keys that moved (those the target did not have already) */
  identities: z.array(IdentityRef).max(1000),
};

/** A file that came with a message, stored once by content hash on the server. */
/** An email reply copies at most this many addresses and carries at most this many files (issue 15). */
export const MAX_REPLY_CC = 10;
export const MAX_REPLY_ATTACHMENTS = 10;
/** The largest file an agent attaches to a reply (the server refuses a larger upload). */
export const MAX_REPLY_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const Attachment = z.object({
  id: z.string().max(100),
  filename: z.string().max(300),
  contentType: z.string().max(200),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** email: the part's Content-ID, when its HTML refers to it as `cid:` (an inline image) */
  contentId: z.string().max(300).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

const Text = (n: number) => z.string().max(n);
/**
 * What a social message carried besides text (issue 10), as the provider documented it: WhatsApp Cloud API
 * `image|document|audio|video|sticker|location|contacts|interactive|button|unsupported`, Messenger
 * `attachments[]` (image/file/audio/video/location/fallback) and `quick_reply`. Media parts name the provider's
 * media, never its URL (the download job holds that); the stored bytes arrive as `message.attachment_stored`.
 */
export const MessagePart = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['image', 'document', 'audio', 'video', 'sticker']),
    /** WhatsApp media id (GET /{media-id}); null for Messenger (the job downloads its signed URL) */
    mediaId: Text(200).nullable(),
    mimeType: Text(200).nullable(),
    filename: Text(300).nullable(),
    caption: Text(4096).nullable(),
    /** a voice note (WhatsApp audio.voice) */
    voice: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: Text(500).nullable(),
    address: Text(1000).nullable(),
  }),
  z.object({
    type: z.literal('contacts'),
    contacts: z.array(z.object({ name: Text(300), phones: z.array(Text(64)).max(20), emails: z.array(Text(300)).max(20) })).max(20),
  }),
  /** an answer picked from what the business offered: WhatsApp interactive button_reply / list_reply, template `button`, Messenger quick_reply / postback */
  z.object({
    type: z.literal('interactive'),
    replyKind: z.enum(['button_reply', 'list_reply', 'button', 'quick_reply', 'postback']),
    /** the option's id (button/list id, payload) */
    replyId: Text(1000).nullable(),
    title: Text(1000),
    description: Text(1000).nullable(),
  }),
  /** a shared link (Messenger `fallback`) */
  z.object({ type: z.literal('link'), title: Text(1000).nullable(), url: Text(2000).nullable() }),
  /** the provider could not give the content (WhatsApp `unsupported`, `errors[]`): its type and error code only */
  z.object({ type: z.literal('unsupported'), providerType: Text(40), errorCode: z.number().int().nullable() }),
]);
export type MessagePart = z.infer<typeof MessagePart>;
export type MediaPart = Extract<MessagePart, { mediaId: string | null }>;
export const MEDIA_PART_TYPES: readonly string[] = ['image', 'document', 'audio', 'video', 'sticker'];
export function isMediaPart(p: MessagePart): p is MediaPart {
  return MEDIA_PART_TYPES.includes(p.type);
}

/** The message a customer's message answers (WhatsApp `context`, Messenger `reply_to`): its provider id and, when known here, its event. */
export const QuotedMessage = z.object({ providerMessageId: Text(500), eventId: Id.nullable() });
export type QuotedMessage = z.infer<typeof QuotedMessage>;

/**
 * What a bounce (RFC 3464 multipart/report delivery-status) says: who reported it, which recipients failed
 * (or were delayed) and why, and which message came back (stored as the attachment `returnedMessage.attachmentId`).
 */
export const BounceReport = z.object({
  /** the report's sender: MAILER-DAEMON@…, postmaster@…, or whatever From the reporting system used */
  reportedBy: z.string().max(320),
  /** Reporting-MTA (without its `dns;` type) */
  reportingMta: z.string().max(255).nullable(),
  recipients: z
    .array(
      z.object({
        /** Final-Recipient, else Original-Recipient (without its `rfc822;` type) */
        recipient: z.string().max(320),
        /** failed | delayed | delivered | relayed | expanded */
        action: z.string().max(40).nullable(),
        /** RFC 3463 status code, e.g. 5.1.1 */
        status: z.string().max(20).nullable(),
        remoteMta: z.string().max(255).nullable(),
        diagnostic: z.string().max(500).nullable(),
      }),
    )
    .max(50),
  returnedMessage: z
    .object({
      messageId: z.string().max(500).nullable(),
      subject: z.string().max(500).nullable(),
      date: z.string().max(40).nullable(),
      /** the returned part among the message's attachments (returned-message.eml / returned-message-headers.txt) */
      attachmentId: z.string().max(100).nullable(),
    })
    .nullable(),
});
export type BounceReport = z.infer<typeof BounceReport>;

/** Largest body an event may carry (a long email in plain text); attachments are stored apart. */
export const MAX_BODY_CHARS = 100_000;

const base = {
  id: Id,
  /** Global order, given by the server on commit; null while the event exists only in a desktop cache. */
  seq: z.number().int().positive().nullable(),
  customerId: Id,
  caseId: Id.nullable(),
  threadId: Id.nullable(),
  channel: EventChannel,
  author: Author,
  body: z.string().max(MAX_BODY_CHARS).nullable(),
  occurredAt: Instant,
};

const kind = <K extends string, M extends z.ZodRawShape>(k: K, meta: M) =>
  z.object({ ...base, kind: z.literal(k), meta: z.object(meta) });

const SlaMeta = {
  clock: z.enum(['firstResponse', 'nextResponse', 'resolution']),
  cycle: z.number().int().nonnegative(),
  /** the instant the clock reached its threshold */
  dueAt: Instant,
  late: z.boolean(),
  lateByMs: z.number().int().nonnegative(),
};

/**
 * Every change is an event (DESIGN.md). Entity-creating kinds carry the whole entity, so any cache can
 * build its projections from the log alone; the others carry just what changed.
 */
export const Event = z.discriminatedUnion('kind', [
  kind('customer.created', { customer: Customer }),
  kind('customer.updated', { patch: CustomerPatch }),
  kind('case.opened', { case: Case }),
  kind('case.status_changed', { from: CaseStatus, to: CaseStatus }),
  /** `routing`: set when the router assigned it (round robin, an accepted offer): why this agent (issue 15) */
  kind('case.assigned', {
    from: Id.nullable(),
    to: Id.nullable(),
    routing: RoutingReason.optional(),
    /** a lead's reason for moving it (issue 16: reassignment from the console), shown in the timeline */
    reason: z.string().min(1).max(500).optional(),
  }),
  /** The router offered the case to one available agent (issue 15); they accept, decline, or it expires. */
  kind('case.offered', CaseOfferedMeta),
  kind('case.offer_ended', CaseOfferEndedMeta),
  kind('case.priority_changed', { from: Priority, to: Priority }),
  /** Tags put on or taken off the case by an agent or a macro (issue 15); only real changes are recorded. */
  kind('case.tags_changed', { added: z.array(CaseTag).max(10), removed: z.array(CaseTag).max(10) }),
  /** The agent raised a flag: they need the team lead's help on this case (issue 16). */
  kind('case.help_requested', { note: z.string().max(1000) }),
  /** A lead answered the flag `requestId` (the case.help_requested event); the answer is for the agent who asked. */
  kind('case.help_answered', { requestId: Id, reply: z.string().min(1).max(2000) }),
  /** The emergency green channel (issue 16): a lead fast-tracked the case, with why; it is reviewed afterwards. */
  kind('case.fast_tracked', { reason: z.string().min(1).max(1000) }),
  /** A lead reviewed the fast-track `fastTrackId` (the case.fast_tracked event) afterwards. */
  kind('case.fast_track_reviewed', { fastTrackId: Id, note: z.string().min(1).max(2000) }),
  kind('thread.opened', { thread: Thread }),
  kind('message.received', {
    subject: z.string().max(500).nullable(),
    providerMessageId: z.string().max(500).nullable(),
    network: SocialNetwork.nullable(),
    /** email only: HTML already sanitized on the server; shown in a sandboxed frame, remote images blocked */
    html: z.string().max(1_000_000).nullable().optional(),
    attachments: z.array(Attachment).max(100).optional(),
    /** social content other than text (issue 10); media bytes arrive later as message.attachment_stored */
    parts: z.array(MessagePart).max(20).optional(),
    quoted: QuotedMessage.optional(),
    /** email bounce: the parsed delivery-status report */
    bounceReport: BounceReport.optional(),
  }),
  /**
   * A customer reacted to a message with an emoji (WhatsApp `reaction`, Messenger `reaction` event); an empty
   * emoji takes the reaction back. Not a customer message: it never opens or reopens a case and is no SLA fact.
   * Folded onto the message it reacts to (`targetEventId`, when that message is known here).
   */
  kind('message.reacted', {
    providerMessageId: Text(500).nullable(),
    network: SocialNetwork.nullable(),
    targetProviderMessageId: Text(500),
    targetEventId: Id.nullable(),
    emoji: Text(64),
  }),
  /** The server downloaded part `part` of message `messageId` from the provider and stored it (by sha256). */
  kind('message.attachment_stored', {
    messageId: Id,
    part: z.number().int().nonnegative().max(19),
    attachment: Attachment,
  }),
  /** The media part could not be fetched for good (too large, gone at the provider, corrupt after every retry). */
  kind('message.attachment_failed', {
    messageId: Id,
    part: z.number().int().nonnegative().max(19),
    reason: z.enum(['too_large', 'unavailable', 'corrupt', 'failed']),
  }),
  kind('message.sent', {
    subject: z.string().max(500).nullable(),
    deliveryStatus: DeliveryStatus,
    /** email only (issue 15): copies to these addresses, and the files the agent attached (uploaded first) */
    cc: z.array(z.email().max(254)).max(MAX_REPLY_CC).optional(),
    attachments: z.array(Attachment).max(MAX_REPLY_ATTACHMENTS).optional(),
    /** what the reply took from the knowledge base, with the exact text (issue 14) */
    articles: z.array(ArticleUse).max(20).optional(),
    /** the satisfaction survey this message carries (issue 18): the chat widget shows it as a card to answer in place */
    survey: z.object({ id: Id, link: z.string().url().max(2000) }).optional(),
  }),
  /** A channel reported progress on an outbound message (`messageId` = the message.sent event's id). */
  kind('message.delivery_updated', {
    messageId: Id,
    status: DeliveryStatus,
    providerMessageId: z.string().max(500).nullable(),
    /** why it failed, in words safe to show and log (no personal data) */
    error: z.string().max(500).nullable(),
  }),
  /** `safety`: the harm detector's verdict on what the agent typed (a call note), run by the note's own decision */
  kind('note.added', { safety: NoteSafety.optional() }),
  /** An agent's verdict on a knowledge article while working this customer's case (issue 14): counted for the lead. */
  kind('knowledge.feedback', {
    articleId: z.string().min(1).max(120),
    slug: z.string().min(1).max(100),
    version: z.number().int().positive(),
    locale: z.enum(['en', 'zh-CN']),
    verdict: z.enum(['helpful', 'not_helpful', 'wrong']),
    comment: Text(500).nullable(),
  }),
  /** An agent drafted an article from this solved case (issue 14); `body` is its Markdown. The server puts it in review. */
  kind('knowledge.drafted', {
    slug: z.string().min(1).max(100),
    locale: z.enum(['en', 'zh-CN']),
    title: Text(300),
    category: z.string().max(40),
    summary: Text(1000),
    products: z.array(Text(100)).max(20),
    deviceKinds: z.array(z.string().max(40)).max(5),
  }),
  kind('call.started', { direction: CallDirection, from: z.string().max(64), to: z.string().max(64), callId: z.string().max(200) }),
  kind('call.answered', { callId: z.string().max(200), answeredBy: Id.nullable() }),
  /** The contact matched several customers, or only weakly: agents decide (customer.merge or ignore). */
  kind('customer.merge_suggested', {
    candidates: z.array(z.object({ customerId: Id, reason: MergeSuggestionReason })).min(1).max(20),
  }),
  /** A lead decided that the event's customer and `candidateId` are not the same person: the suggestion is gone on both sides. */
  kind('customer.merge_dismissed', { candidateId: Id }),
  /**
   * Customer `sourceId` merged into `targetId` (the event's customerId). Records exactly what moved, so
   * customer.unmerged restores it: the source's cases, threads, its events outside them, its identities.
   */
  kind('customer.merged', MergeMeta),
  /** Undoes the merge `mergeId`: the same lists move back to the source, which is active again. */
  kind('customer.unmerged', MergeMeta),
  /**
   * An SLA clock of the case passed its warning threshold or its target (written by the server's deadline job,
   * once per clock cycle: the id is derived from case, clock, cycle and type). `late`: fired after its instant
   * (the server was down or busy), by `lateByMs`.
   */
  kind('sla.warned', SlaMeta),
  kind('sla.breached', SlaMeta),
  /**
   * A message reports possible harm (issue 12): the categories and the words that show it (offsets into the
   * message's body). Written by the server's detector on arrival; the case went to P0 with it.
   */
  kind('safety.flagged', SafetyFlagMeta),
  /** A flag is confirmed (`flagId`: the safety.flagged event, or a note.added with its own flag); the first opens the complaint record. */
  kind('safety.confirmed', { flagId: Id, reason: Text(2000), complaint: ComplaintRecord.nullable() }),
  /** A flag is dismissed: `final` when a specialist or lead decided; an agent's dismissal is a proposal they review. */
  kind('safety.dismissed', { flagId: Id, reason: Text(2000), final: z.boolean() }),
  /** A specialist completed part of the case's complaint record. */
  kind('complaint.updated', { complaintId: Id, patch: ComplaintPatch }),
  /** The reportability decision, its rationale and who decided (820.198(a)(3)). */
  kind('complaint.decided', { complaintId: Id, reportability: Reportability, rationale: Text(4000), decidedByName: Text(200) }),
  /**
   * An admin erased this customer's personal data (issue 9): every desktop that holds the customer scrubs its
   * cache the same way the server scrubbed its log and projections (src/shared/features/privacy). No PII.
   */
  kind('customer.erased', { erasureId: Id }),
  /**
   * An escalation rule fired on the case (issue 13), once per rule and case: what set it off (`detail`: the mood, the
   * ask, the tier, the clock) and the actions it took (raise priority and add tag are applied by the projection).
   * Written by the server's evaluation on append; what only a desktop sees (a draft, a note not yet synced) shows
   * there as a prompt without an event until the server has it.
   */
  kind('escalation.fired', { ruleId: z.string().min(1).max(64), trigger: z.string().max(40), detail: z.string().max(100).nullable(), actions: z.array(Action).max(10) }),
  /** One entry of a script run: shown, answered, skipped, overridden, moved on; hash-chained per case. */
  kind('script.recorded', { entry: ScriptEntry, prev: z.string().regex(/^[0-9a-f]{64}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** The case goes to the lead's or the specialists' queue with a summary written from the case. */
  kind('case.handed_off', { to: HandoffTarget, summary: HandoffSummary, ruleId: z.string().max(64).nullable() }),
  /** Compensation above the agent's tier waits for a lead (the event's id is the approval's). */
  kind('approval.requested', { kind: z.literal('compensation'), tier: CompensationTier, note: Text(1000) }),
  kind('approval.decided', { approvalId: Id, approved: z.boolean(), reason: Text(1000) }),
  /**
   * A satisfaction survey went to the customer (issue 18) on the case's channel, attributed to the agent who resolved
   * it (`attributedTo`; transfers are on the case's own events). The link itself is in the message.sent beside it.
   */
  kind('survey.sent', { surveyId: Id, channel: Channel, attributedTo: Id.nullable(), manual: z.boolean() }),
  /** The customer answered (once): the scores only; a comment arrives as a message.received, so it is complaint intake. */
  kind('survey.answered', {
    surveyId: Id,
    attributedTo: Id.nullable(),
    csat: z.number().int().min(1).max(5).nullable(),
    nps: z.number().int().min(0).max(10).nullable(),
    ces: z.number().int().min(1).max(7).nullable(),
    dimensions: z.record(z.string().max(40), z.number().int().min(1).max(5)),
    detractor: z.boolean(),
  }),
  /** An agent decided the case gets no survey (issue 18), with the reason; the automatic one will not go either. */
  kind('survey.skipped', { reason: SurveySkipReason }),
  /** A detractor's answer opened a follow-up task for the lead, due in 48 h. */
  kind('survey.followup_opened', { followUpId: Id, surveyId: Id, dueAt: Instant }),
  /** The lead closed it with the outcome. */
  kind('survey.followup_closed', { followUpId: Id, outcome: z.enum(['called_back', 'resolved', 'no_answer', 'declined']), late: z.boolean() }),
  kind('call.ended', {
    direction: CallDirection,
    callId: z.string().max(200),
    durationSec: z.number().int().nonnegative(),
    outcome: CallOutcome,
    recordingUrl: z.string().max(2000).nullable(),
    answeredBy: Id.nullable(),
  }),
]);
export type Event = z.infer<typeof Event>;
export type EventKind = Event['kind'];
export type EventOf<K extends EventKind> = Extract<Event, { kind: K }>;
export const EVENT_KINDS = Event.options.map((o) => o.shape.kind.value) as EventKind[];

/** Kinds that appear as items in the customer timeline (entity snapshots do not). */
export const TIMELINE_KINDS: readonly EventKind[] = [
  'message.received',
  'message.sent',
  'note.added',
  'call.started',
  'call.ended',
  'case.opened',
  'case.status_changed',
  'case.assigned',
  'case.offered',
  'case.priority_changed',
  'case.tags_changed',
  'case.help_requested',
  'case.help_answered',
  'case.fast_tracked',
  'case.fast_track_reviewed',
  'sla.warned',
  'sla.breached',
  'safety.confirmed',
  'safety.dismissed',
  'complaint.updated',
  'complaint.decided',
  'escalation.fired',
  'script.recorded',
  'case.handed_off',
  'approval.requested',
  'approval.decided',
  'survey.sent',
  'survey.answered',
  'survey.skipped',
  'survey.followup_opened',
  'survey.followup_closed',
];

/**
 * Kinds the timeline query also returns, but that are folded onto another item instead of being shown:
 * a `message.delivery_updated` sets the delivery status shown on its message, a `safety.flagged` marks its message,
 * a `message.reacted` puts its emoji on
 * the message it reacts to, a `message.attachment_stored` gives a media part its stored file (or
 * `message.attachment_failed` says why there is none).
 */
export const TIMELINE_FOLDED_KINDS: readonly EventKind[] = ['message.delivery_updated', 'safety.flagged', 'message.reacted', 'message.attachment_stored', 'message.attachment_failed'];

export function authorOf(agent: Pick<Agent, 'id' | 'displayName'>): Author {
  return { type: 'agent', id: agent.id, name: agent.displayName };
}
