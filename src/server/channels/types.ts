/**
 * The shape every channel adapter shares (DESIGN.md "Channel adapters"): parse + validate inbound into an
 * `InboundMessage`, hand it to the one ingestion pipeline (dedupe by provider id, resolve the customer,
 * find or open thread and case, append events); deliver outbound through a `ChannelSender` driven by the
 * delivery worker (retries, visible delivery status, exactly once per message event).
 */
import type { Case, Channel, Customer, SocialHandle, SocialNetwork, Thread, Attachment } from '../../shared';
import type { BounceReport, MessagePart } from '../../shared/kernel/event';

/** Who sent it, as the channel knows them: the identity resolver turns this into one customer. */
export interface InboundIdentity {
  /** as received; the resolver normalises (lower-case email, E.164 phone via libphonenumber-js) */
  email?: string | null;
  phone?: string | null;
  social?: SocialHandle | null;
  displayName?: string | null;
  /**
   * Self-declared contact details (an email typed into the chat widget, a Chatwoot contact's email/phone):
   * CLAIMS, not keys. They never join an existing customer by themselves: a holder becomes a merge suggestion
   * (`unverified_identity`) on a new customer, and the thread shows "identity not verified" (issue 9).
   */
  claimedEmail?: string | null;
  claimedPhone?: string | null;
  /**
   * Numbers the sender gives in an email signature (raw; normalised in the desk's region by the pipeline). Weaker
   * still than a claim: they only suggest a merge with a customer who has the number, and never mark the thread
   * unverified (the email's From: is what the provider asserts).
   */
  signaturePhones?: readonly string[];
  /**
   * false: the channel does not vouch for who this is (anonymous chat, Chatwoot); the thread is marked unverified
   * even without claims. Default true: email From:, caller id, WhatsApp wa_id, Messenger PSID are provider-asserted.
   */
  verified?: boolean;
}

export interface InboundMessage {
  channel: Channel;
  /** the provider's id of this message: the dedupe key together with `channel` (Message-ID, wamid, chat msg id, CTI callId+event) */
  providerMessageId: string;
  identity: InboundIdentity;
  /** how the channel names the conversation: root Message-ID, chat session id, social conversation/phone, callId */
  threadRef: string;
  /** email: Message-IDs this one answers (In-Reply-To first, then References), for threading */
  replyTo?: readonly string[];
  subject?: string | null;
  /** plain text (for HTML email: the text part, or text derived from the sanitized HTML) */
  body: string;
  /** sanitized HTML (email only) */
  html?: string | null;
  attachments?: readonly Attachment[];
  network?: SocialNetwork | null;
  occurredAt: string;
  /** the team to route a brand-new customer to, when the channel knows (a support address, a queue) */
  teamHint?: string | null;
  /** the address the customer wrote to (the mailbox, the business number): the routing rules' `recipient` */
  recipient?: string | null;
  /**
   * machine-sent (email auto-reply, bounce/DSN): stored as a message.received on its thread, but it never
   * opens a case, reopens one or changes its priority
   */
  automated?: 'auto-reply' | 'bounce' | null;
  /** social content other than text (issue 10): media, location, contacts, the answer picked */
  parts?: readonly MessagePart[];
  /** the provider id of the message this one answers (WhatsApp `context.id`, Messenger `reply_to.mid`) */
  quotes?: string | null;
  /**
   * A reaction, not a message: stored as `message.reacted` on the thread of the message it reacts to. It never
   * opens, reopens or raises a case and is no SLA fact (a thumbs-up is not the customer waiting again).
   */
  reaction?: { targetProviderMessageId: string; emoji: string } | null;
  /** where the job downloads each media part from after the message is committed (never stored in the event) */
  media?: readonly MediaSource[];
  /** email bounce: what its delivery-status report says (kept on the event, never logged) */
  bounceReport?: BounceReport | null;
}

/** How to fetch one media part: WhatsApp by media id (GET /{media-id} → url), Messenger by its attachment URL. */
export type MediaSource =
  | { part: number; kind: 'whatsapp'; mediaId: string; sha256: string | null; mimeType: string | null; filename: string | null }
  | { part: number; kind: 'url'; url: string; mimeType: string | null; filename: string | null };

export interface IngestResult {
  status: 'appended' | 'duplicate';
  customerId: string;
  caseId: string | null;
  /** null only for a reaction to an unknown message on a conversation not seen before */
  threadId: string | null;
  /** id of the message.received event (the existing one for a duplicate) */
  eventId: string;
  /** a new customer was created for this contact */
  newCustomer: boolean;
  /** the contact matched several customers, or only weakly: a merge suggestion was recorded */
  mergeSuggested: boolean;
}

/** The customer's message a reply answers, for the quote under it (email). */
export interface QuotedMessage {
  body: string;
  /** the customer's name as the message was signed, or null */
  from: string | null;
  occurredAt: string;
}

/** What a sender needs to deliver one agent reply. */
export interface OutboundMessage {
  /** the message.sent event's id: the idempotency key for the provider where it supports one */
  eventId: string;
  body: string;
  subject: string | null;
  thread: Thread;
  customer: Customer;
  case: Case | null;
  /** the provider message ids of the thread's messages, oldest first (email threading headers) */
  threadProviderIds: readonly string[];
  /** the customer's last message on the thread before this reply (not a bounce), quoted under an email reply */
  quoted?: QuotedMessage | null;
  /** email: copies (issue 15) */
  cc?: readonly string[];
  /** email: the files the agent attached, with their bytes */
  attachments?: ReadonlyArray<{ filename: string; contentType: string; content: Buffer }>;
  /** the satisfaction survey the message carries (issue 18): chat shows a card */
  survey?: { id: string; link: string };
}

export interface ChannelSender {
  channel: Channel;
  /**
   * Delivers once. Resolve with the provider's id; throw `PermanentDeliveryError` for a failure that no
   * retry can fix (invalid address, blocked recipient) and any other error for one worth retrying.
   */
  send(message: OutboundMessage): Promise<{ providerMessageId: string | null }>;
}

export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
