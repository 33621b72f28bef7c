import { z } from 'zod';
import { Agent } from '../kernel/agent';
import { Case, CaseStatus, Priority, Thread } from '../kernel/case';
import { Customer } from '../kernel/customer';
import { Attachment, Event, MAX_REPLY_ATTACHMENT_BYTES, MergeSuggestionReason } from '../kernel/event';
import { Channel, Id, Instant } from '../kernel/primitives';
import { DirectoryResponse } from './http';
import { CaseSla } from '../features/sla/contract';
import { SlaAlert } from '../features/sla/alerts';
import { ErrorBody } from '../kernel/errors';
import type { MutationDef } from '../kernel/mutation';
import { MUTATIONS } from '../mutations';
import { AuditAction, AuditListResponse, AuditVerifyResponse } from '../features/audit';
import { accountsBridgeMethods } from '../features/accounts/bridge';
import { slaBridgeMethods } from '../features/sla/bridge';
import { QueueSafety } from '../features/safety/queue';
import { HandoffTarget } from '../kernel/escalation';
import { SafetyAlert, safetyBridgeMethods } from '../features/safety/alerts';
import { complaintBridgeMethods } from '../features/safety/bridge';
import { EscalationAlert, escalationBridgeMethods } from '../features/escalation/bridge';
import { knowledgeBridgeMethods } from '../features/knowledge/bridge';
import { routingBridgeEvents, routingBridgeMethods } from '../features/routing/bridge';
import { leadBridgeEvents, leadBridgeMethods } from '../features/lead/bridge';
import { macrosBridgeMethods } from '../features/macros/bridge';
import { surveysBridgeMethods } from '../features/surveys/contract';
import { OutboundChannels } from '../features/conversations/outbound';
import { Viewers, Viewing } from '../features/conversations/viewers';

/**
 * The renderer↔main bridge: `window.omnidesk`. One typed contract, validated on the main side for every
 * call. In Electron the preload exposes it over ipcRenderer.invoke; in a browser it is the same object over
 * a WebSocket to web-host. See docs/architecture.md.
 */

const Empty = z.object({}).strict();

export const SessionInfo = z.object({
  agent: Agent,
  serverUrl: z.string(),
  /** signed in while the server was unreachable, from this workstation's remembered credentials */
  offline: z.boolean().optional(),
  /** signed in with a one-time password: the app shows only "Change password" until it is changed */
  mustChangePassword: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const QueueRow = z.object({
  caseId: Id,
  customerId: Id,
  customerName: z.string(),
  vip: z.boolean(),
  subject: z.string(),
  status: CaseStatus,
  priority: Priority,
  /** channel of the case's most recent thread */
  channel: Channel.nullable(),
  assigneeId: Id.nullable(),
  teamId: Id,
  openedAt: Instant,
  updatedAt: Instant,
  firstResponseDueAt: Instant,
  resolutionDueAt: Instant,
  firstRespondedAt: Instant.nullable(),
  /** the case's SLA clocks, computed on the desktop from its cache (the same function as the server) */
  sla: CaseSla,
  /** absent unless a message of the case was flagged (issue 12) */
  safety: QueueSafety.optional(),
  /** absent unless an escalation handed the case to the lead's or the specialists' queue (issue 13) */
  handoff: HandoffTarget.optional(),
  /** a lead fast-tracked the case (the green channel, issue 16): it goes first */
  fastTracked: z.boolean().optional(),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const CustomerView = z.object({ customer: Customer, cases: z.array(Case), threads: z.array(Thread) });
export type CustomerView = z.infer<typeof CustomerView>;

export const LocalState = z.enum(['synced', 'pending', 'rejected']);
export type LocalState = z.infer<typeof LocalState>;

export const TimelineItem = z.object({
  event: Event,
  /** pending: made here, not yet on the server; rejected: the server refused it (error says why). */
  localState: LocalState,
  error: ErrorBody.nullable(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelinePage = z.object({
  /** ascending by occurredAt (then id): oldest first, as the timeline shows them */
  items: z.array(TimelineItem),
  /** pass as `before` to load the older page; null when there is none */
  nextBefore: z.object({ occurredAt: Instant, id: Id }).nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

export const SearchHit = z.object({
  customerId: Id,
  customerName: z.string(),
  caseId: Id.nullable(),
  eventId: Id.nullable(),
  /** a short excerpt around the match, plain text */
  snippet: z.string(),
  occurredAt: Instant.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A customer found in the server's directory (customer.find); `cached`: already on this desktop. */
export const DirectoryCustomer = z.object({ customerId: Id, name: z.string(), teamId: Id, vip: z.boolean(), cached: z.boolean() });
export type DirectoryCustomer = z.infer<typeof DirectoryCustomer>;

/** reauth: the server refused the session's token (expired, revoked): the agent must sign in again (the cache stays). */
export const SyncState = z.enum(['signed_out', 'connecting', 'offline', 'syncing', 'online', 'reauth']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  /** changes made here and not yet acknowledged by the server */
  pending: z.number().int().nonnegative(),
  /** changes the server refused, waiting for the agent to redo or discard */
  rejected: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  lastSyncedAt: Instant.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const Accepted = z.object({ eventId: Id });

/** A change the server refused: what it was, on what, and why. */
export const RejectedChange = z.object({
  eventId: Id,
  /** the mutation name (reply.send, case.setStatus, …); newer names may appear */
  name: z.string().max(64),
  customerId: Id.nullable(),
  caseId: Id.nullable(),
  occurredAt: Instant,
  error: ErrorBody,
});
export type RejectedChange = z.infer<typeof RejectedChange>;

export const MergeInfo = z.object({
  /** set when this customer is merged into another: reads should go there */
  mergedInto: Id.nullable(),
  suggestions: z.array(z.object({ customerId: Id, name: z.string(), reason: MergeSuggestionReason })),
  /** merges into this customer that are still in effect (each can be undone) */
  merges: z.array(z.object({ mergeId: Id, sourceId: Id, sourceName: z.string(), occurredAt: Instant, by: z.string().nullable() })),
});
export type MergeInfo = z.infer<typeof MergeInfo>;

export const CallIncoming = z.object({
  callId: z.string().max(200),
  customerId: Id,
  newCaller: z.boolean(),
  from: z.string().max(64),
  direction: z.enum(['in', 'out']),
});
export type CallIncoming = z.infer<typeof CallIncoming>;

/**
 * The mutating methods: one per mutation definition (src/shared/mutations.ts), same name, the mutation's args as
 * input, the new event's id as output. The desktop records them in its outbox; see docs "Adding a mutation".
 */
type MutationMethodsOf<T extends readonly unknown[]> = {
  [D in T[number] as D extends MutationDef<infer N, z.ZodObject> ? N : never]: D extends MutationDef<string, infer A> ? { input: A; output: typeof Accepted } : never;
};
const mutationMethods = Object.fromEntries(MUTATIONS.map((d) => [d.name, { input: d.args, output: Accepted }])) as MutationMethodsOf<typeof MUTATIONS>;

export const bridgeMethods = {
  ...mutationMethods,
  'session.login': {
    input: z.object({ serverUrl: z.url().optional(), username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: SessionInfo,
  },
  'session.current': { input: Empty, output: SessionInfo.nullable() },
  'session.logout': { input: Empty, output: Empty },
  /** POST /api/auth/password for the signed-in agent (the policy is the server's; its message names the problems) */
  'session.changePassword': {
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict(),
    output: Empty,
  },
  'directory.get': { input: Empty, output: DirectoryResponse },
  'queue.list': {
    input: z.object({ statuses: z.array(CaseStatus).min(1).optional() }).strict(),
    output: z.array(QueueRow),
  },
  'customer.get': { input: z.object({ customerId: Id }).strict(), output: CustomerView },
  /** the case's SLA clocks now (the case header counts down from them) */
  'case.sla': { input: z.object({ caseId: Id }).strict(), output: CaseSla },
  'timeline.get': {
    input: z
      .object({
        customerId: Id,
        channels: z.array(z.enum(['email', 'chat', 'social', 'phone', 'internal'])).min(1).optional(),
        before: z.object({ occurredAt: Instant, id: Id }).optional(),
        limit: z.number().int().positive().max(5000).optional(),
      })
      .strict(),
    output: TimelinePage,
  },
  /** the server's customer directory (online only): for customers outside this desktop's cache */
  'customer.find': {
    input: z.object({ q: z.string().trim().min(2).max(200), limit: z.number().int().positive().max(50).optional() }).strict(),
    output: z.array(DirectoryCustomer),
  },
  /** makes sure the customer is on this desktop (fetched whole and kept when it was not): then customer.get works */
  'customer.open': { input: z.object({ customerId: Id }).strict(), output: z.object({ customerId: Id, fetched: z.boolean() }) },
  'search.query': {
    input: z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().positive().max(200).optional() }).strict(),
    output: z.array(SearchHit),
  },
  'sync.status': { input: Empty, output: SyncStatus },
  /** changes the server refused, oldest first: each waits for the agent to redo or discard it */
  'sync.rejected': { input: Empty, output: z.array(RejectedChange) },
  /** makes a rejected change again as a new change (checked against the cache now); returns the new event id */
  'sync.redo': { input: z.object({ eventId: Id }).strict(), output: Accepted },
  /** drops a rejected change for good */
  'sync.discard': { input: z.object({ eventId: Id }).strict(), output: Empty },
  /** merge suggestions involving the customer, merges into it that can be undone, and where it was merged to */
  'customer.mergeInfo': { input: z.object({ customerId: Id }).strict(), output: MergeInfo },
  /** the audit trail (admins, online): newest first, filtered; `before` pages back */
  'audit.list': {
    input: z
      .object({
        actorId: Id.optional(),
        customerId: Id.optional(),
        action: AuditAction.optional(),
        from: Instant.optional(),
        to: Instant.optional(),
        before: z.number().int().positive().optional(),
        limit: z.number().int().positive().max(1000).optional(),
      })
      .strict(),
    output: AuditListResponse,
  },
  /** checks the whole hash chain on the server: where it breaks, if it does */
  'audit.verify': { input: Empty, output: AuditVerifyResponse },
  /** the filtered trail as a file's text (JSON or CSV), for the renderer to save */
  'audit.export': {
    input: z
      .object({ format: z.enum(['json', 'csv']), actorId: Id.optional(), customerId: Id.optional(), action: AuditAction.optional(), from: Instant.optional(), to: Instant.optional() })
      .strict(),
    output: z.object({ filename: z.string().max(200), mimeType: z.string().max(100), content: z.string() }),
  },
  /** the agent is typing in a chat thread (relayed live to the customer's widget; never stored) */
  'live.typing': { input: z.object({ threadId: Id, typing: z.boolean() }).strict(), output: Empty },
  /** which customer and case this agent has open, and whether they write a reply (the collision warning; live only) */
  'conversations.viewing': { input: Viewing, output: Empty },
  /**
   * The bytes of a file a message carried (issue 10: a WhatsApp image in the timeline, a document to save), from the
   * server's attachment store with the customer's visibility (online only). `eventId` is the event that names it
   * (message.received for email, message.attachment_stored for social media).
   */
  'attachment.get': {
    input: z.object({ eventId: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    output: z.object({ contentType: z.string().max(200), size: z.number().int().nonnegative(), dataBase64: z.string().max(40_000_000) }),
  },
  /** a file for an email reply, uploaded to the server before the reply is sent (online only; issue 15) */
  'attachment.upload': {
    input: z.object({ filename: z.string().trim().min(1).max(300), contentType: z.string().max(200), dataBase64: z.string().min(1).max(Math.ceil((MAX_REPLY_ATTACHMENT_BYTES * 4) / 3) + 4) }).strict(),
    output: Attachment,
  },
  /** admin: agents, teams, lockouts (online only) */
  ...accountsBridgeMethods,
  ...slaBridgeMethods,
  ...safetyBridgeMethods,
  /** the complaint / adverse-event record as a file (specialists, leads, admins; online only) */
  ...complaintBridgeMethods,
  /** the escalation panel: prompts, script runs, handoff, approvals (from the cache); the admin's rule files */
  ...escalationBridgeMethods,
  /** the knowledge panel: article search and suggestions, solved cases, one article rendered (from the cache) */
  ...knowledgeBridgeMethods,
  /** which channels the server can send replies on (null until it said so): a queued reply on one that cannot says why */
  'conversations.outbound': { input: Empty, output: OutboundChannels.nullable() },
  /** presence, offers and a team's routing (issue 15) */
  ...routingBridgeMethods,
  /** the lead console: wallboard and quality figures (issue 16) */
  ...leadBridgeMethods,
  /** canned replies and signatures (issue 15) */
  ...macrosBridgeMethods,
  ...surveysBridgeMethods,
} as const;

export type BridgeMethod = keyof typeof bridgeMethods;
export type BridgeInput<M extends BridgeMethod> = z.input<(typeof bridgeMethods)[M]['input']>;
export type BridgeOutput<M extends BridgeMethod> = z.output<(typeof bridgeMethods)[M]['output']>;
export const BRIDGE_METHODS = Object.keys(bridgeMethods) as BridgeMethod[];

/** Notifications main → renderer. */
export const bridgeEvents = {
  'sync.status': SyncStatus,
  /** Something in the cache changed: refetch what shows these. `all` after a bulk catch-up. */
  'data.changed': z.object({ customerIds: z.array(Id), caseIds: z.array(Id), all: z.boolean() }),
  /** a call this agent answered (CTI): pop the caller (customerId) or a "new caller" form */
  'call.incoming': CallIncoming,
  /** the customer is typing in a chat thread */
  'chat.typing': z.object({ threadId: Id, customerId: Id, typing: z.boolean() }),
  /** who else has this customer open, and who is replying (features/conversations viewers) */
  'conversations.viewers': Viewers,
  /** SLA warnings and breaches the server recorded that this agent is to hear about (features/sla alerts) */
  'sla.alert': z.object({ alerts: z.array(SlaAlert).min(1) }),
  /** possible harm reported on a case of this lead's or specialist's team (features/safety alerts) */
  'safety.alert': z.object({ alerts: z.array(SafetyAlert).min(1) }),
  /** a handoff, an approval to decide or decided, a rule asking to tell the lead (features/escalation alerts) */
  'escalation.alert': z.object({ alerts: z.array(EscalationAlert).min(1) }),
  /** the shell asks the app to show a case (a click on an OS notification) */
  'app.open': z.object({ customerId: Id, caseId: Id.nullable() }),
  /** a case offered to this agent by the router, and one no longer theirs to take (features/routing) */
  ...routingBridgeEvents,
  /** a team's wallboard pushed by the server (features/lead) */
  ...leadBridgeEvents,
} as const;
export type BridgeEventName = keyof typeof bridgeEvents;
export type BridgeEventPayload<E extends BridgeEventName> = z.output<(typeof bridgeEvents)[E]>;

/** What the renderer holds as `window.omnidesk`, whichever transport is under it. */
export interface OmnideskBridge {
  /** Resolves with the method's output, or rejects with an OmnideskError carrying the code. */
  call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>>;
  /** Returns the function that unsubscribes. */
  on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void;
}

/** The wire envelope both transports carry (IPC invoke result, WebSocket frames). */
export const BridgeRequest = z.object({ id: z.number().int().nonnegative(), method: z.string().max(64), input: z.unknown() });
export type BridgeRequest = z.infer<typeof BridgeRequest>;
export const BridgeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorBody }),
]);
export type BridgeResult = z.infer<typeof BridgeResult>;
export const BridgeResponse = z.object({ id: z.number().int().nonnegative() }).and(BridgeResult);
export type BridgeResponse = z.infer<typeof BridgeResponse>;
export const BridgeNotification = z.object({ event: z.string(), payload: z.unknown() });
export type BridgeNotification = z.infer<typeof BridgeNotification>;

/** The Electron IPC channel names (preload ↔ main). */
export const IPC_CHANNELS = { call: 'omnidesk:call', event: 'omnidesk:event' } as const;
