/**
 * The one state the ingestion stages share for a batch (one transaction): the inbound items, their
 * answers, what was loaded from the database or created so far, and the events and rows to write.
 * Later items see what earlier ones created (a second message on a new thread joins it), so the
 * stages read and extend these maps in item order.
 */
import type { SafetyVerdict } from '../../../shared/features/safety/categories';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import type { Author, Event } from '../../../shared/kernel/event';
import { applyToCase } from '../../../shared/kernel/projection';
import type { Candidate, IdentityKey } from '../../features/identity';
import type { InboundMessage, IngestResult } from '../types';

/** An inbound message validated and normalised (prepare.ts), ready for a batch. */
export interface Prepared {
  msg: InboundMessage;
  body: string;
  /** provider-asserted keys: they join */
  keys: IdentityKey[];
  /** self-declared keys (InboundIdentity.claimedEmail / claimedPhone): they only ever suggest */
  claims: IdentityKey[];
  /** the thread of this message says "identity not verified" (and what was claimed) */
  unverified: { email: string | null; phone: string | null } | null;
  /** the email (asserted, else claimed) for the similar-email lookup */
  email: string | null;
  rawName: string | null;
  name: string | null;
  occurredAt: string;
  /** the harm detector's verdict on subject and body, read once (the case decision and the safety flag use it) */
  harm: SafetyVerdict;
  /** who the provider id is unique for: the lower-case sender address for email, '' for the other channels */
  dedupeSender: string;
  /** channel + NUL + provider message id + NUL + dedupeSender */
  dedupeKey: string;
}

/** A thread already known, with its case as stored. */
export interface ThreadHit {
  thread: Thread;
  case: Case | null;
}

/** Notes that `pid` on `channel` is stored for `sender` (dedupe is per sender: several may share one id). */
export function notePidSender(batch: IngestBatch, channel: string, pid: string, sender: string): void {
  const key = `${channel}\u0000${pid}`;
  const set = batch.pidSenders.get(key) ?? new Set<string>();
  set.add(sender);
  batch.pidSenders.set(key, set);
}

/** Another sender's message already holds this item's provider id (a Message-ID collision, or a spoof). */
export function sharesIdWithAnotherSender(batch: IngestBatch, item: Prepared): boolean {
  const set = batch.pidSenders.get(`${item.msg.channel}\u0000${clean(item.msg.providerMessageId)}`);
  return set !== undefined && [...set].some((s) => s !== item.dedupeSender);
}

export interface DedupeRow {
  channel: string;
  pid: string;
  sender: string;
  event_id: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string | null;
}

/** A message a social item quotes or reacts to, found by its provider id (ours or theirs). */
export interface ProviderHit {
  eventId: string;
  hit: ThreadHit | null;
}

export interface SuggestionRow {
  id: string;
  customer_id: string;
  candidate_id: string;
  reason: string;
}

export interface IngestBatch {
  readonly items: readonly Prepared[];
  /** team (id or name) for brand-new customers without a usable hint */
  readonly defaultTeamId: string | null | undefined;
  /** per item, in order: its answer (set by dedupe for a repeat, by append for a new message) */
  readonly results: IngestResult[];

  // dedupe
  /** dedupeKey → answer: provider ids the log already holds, then those appended by this batch */
  readonly seen: Map<string, IngestResult>;
  /** channel + NUL + provider message id → the senders it is stored (or being appended) for */
  readonly pidSenders: Map<string, Set<string>>;
  /** items whose provider id the log did not hold when the batch started */
  fresh: Prepared[];

  // threads
  /** refKey(channel, threadRef) → threads on that ref, newest first (new ones put in front) */
  readonly threadsByRef: Map<string, ThreadHit[]>;
  /** email: provider message id (ours or theirs) → the thread it is on */
  readonly replyHits: Map<string, ThreadHit>;
  /** social: refKey(channel, provider id) of quoted / reacted-to messages → their event and thread */
  readonly providerHits: Map<string, ProviderHit>;

  // identity
  /** keyString → customers holding that strong key (new customers of this batch added) */
  strong: Map<string, Candidate[]>;
  readonly customers: Map<string, Customer>;
  /** resolved default team, cached for the batch (undefined: not looked up yet) */
  defaultTeam: string | null | undefined;

  // cases
  /** every case the batch may touch, kept current as events apply */
  readonly cases: Map<string, Case>;
  /** customerId + NUL + channel → the newest case not resolved, which a new thread on that channel joins */
  readonly openCase: Map<string, string>;

  // append
  readonly events: Event[];
  readonly dedupeRows: DedupeRow[];
  readonly suggestionRows: SuggestionRow[];
  /** media to download after commit: the message event and where from */
  readonly mediaJobs: { eventId: string; channel: string; source: import('../types').MediaSource }[];
}

export function newBatch(items: readonly Prepared[], defaultTeamId: string | null | undefined): IngestBatch {
  return {
    items,
    defaultTeamId,
    results: new Array<IngestResult>(items.length),
    seen: new Map(),
    pidSenders: new Map(),
    fresh: [...items],
    threadsByRef: new Map(),
    replyHits: new Map(),
    providerHits: new Map(),
    strong: new Map(),
    customers: new Map(),
    defaultTeam: undefined,
    cases: new Map(),
    openCase: new Map(),
    events: [],
    dedupeRows: [],
    suggestionRows: [],
    mediaJobs: [],
  };
}

export const SYSTEM: Author = { type: 'system', id: null, name: null };

export const refKey = (channel: string, ref: string): string => `${channel}\u0000${ref}`;
export const openCaseKey = (customerId: string, channel: string): string => `${customerId}\u0000${channel}`;

/** Customers the loaded threads and strong keys name, in that order: the ones the batch may touch. */
export function customersInReach(batch: IngestBatch): string[] {
  const ids = new Set<string>();
  for (const list of batch.threadsByRef.values()) for (const h of list) ids.add(h.thread.customerId);
  for (const h of batch.replyHits.values()) ids.add(h.thread.customerId);
  for (const list of batch.strong.values()) for (const c of list) ids.add(c.customerId);
  return [...ids];
}

/** The batch's current version of a case (null: none, or not loaded). */
export function caseState(batch: IngestBatch, id: string | null): Case | null {
  return id ? (batch.cases.get(id) ?? null) : null;
}

/** Queues an event on the case it belongs to and applies it there, so later items see the case as it will be. */
export function pushOnCase(batch: IngestBatch, e: Event): void {
  batch.events.push(e);
  const k = caseState(batch, e.caseId);
  if (k) batch.cases.set(k.id, applyToCase(k, e));
}

/** Postgres text cannot hold NUL; a valid message keeps everything else. */
export function clean(s: string): string {
  return s.includes('\u0000') ? s.split('\u0000').join('') : s;
}
