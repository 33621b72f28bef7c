import type { ScriptEntry } from '../../../shared/kernel/escalation';
import type { SyncState, TimelineItem, TimelinePage } from '../../../shared/contracts/bridge';
import type { Case, CaseStatus, Priority, Thread } from '../../../shared/kernel/case';
import type { Reportability } from '../../../shared/kernel/complaint';
import { TIMELINE_KINDS, type Attachment, type DeliveryStatus, type Event, type EventKind } from '../../../shared/kernel/event';
import { advancesDelivery } from '../../../shared/kernel/delivery-status';
import type { EventChannel } from '../../../shared/kernel/primitives';
import type { RoutingReason } from '../../../shared/kernel/routing';

/**
 * The customer timeline as data: ordering, merging pages, channel filters, grouping by case,
 * direction and system-line descriptions, and which thread a reply goes to. Pure; Timeline.tsx renders.
 */

export const TIMELINE_CHANNELS: readonly EventChannel[] = ['email', 'chat', 'social', 'phone', 'internal'];

export type ChannelFilter = Readonly<Record<EventChannel, boolean>>;

export const ALL_CHANNELS: ChannelFilter = { email: true, chat: true, social: true, phone: true, internal: true };

export function toggleChannel(filter: ChannelFilter, channel: EventChannel): ChannelFilter {
  return { ...filter, [channel]: !filter[channel] };
}

export function allHidden(filter: ChannelFilter): boolean {
  return TIMELINE_CHANNELS.every((c) => !filter[c]);
}

/** Chronological: occurredAt, then id (UUIDv7, so creation order) — the order timeline.get uses. */
export function compareItems(a: TimelineItem, b: TimelineItem): number {
  const ta = Date.parse(a.event.occurredAt);
  const tb = Date.parse(b.event.occurredAt);
  if (ta !== tb) return ta - tb;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/** Merge pages (older page + what is loaded, or a refetch): one item per event id, the later list wins. */
export function mergeItems(...lists: ReadonlyArray<readonly TimelineItem[]>): TimelineItem[] {
  const byId = new Map<string, TimelineItem>();
  for (const list of lists) for (const item of list) byId.set(item.event.id, item);
  return [...byId.values()].sort(compareItems);
}

const timelineKinds = new Set<EventKind>(TIMELINE_KINDS);

/**
 * What the timeline shows: timeline kinds of the channels switched on, chronological. A reaction is folded onto its
 * message, except one to a message the server does not know (`targetEventId` null): that one is an item of its own,
 * or the agent would never see it.
 */
export function visibleItems(items: readonly TimelineItem[], filter: ChannelFilter): TimelineItem[] {
  return items.filter((i) => (timelineKinds.has(i.event.kind) || isOrphanReaction(i.event)) && filter[i.event.channel]).sort(compareItems);
}

export function isOrphanReaction(e: Event): boolean {
  return e.kind === 'message.reacted' && e.meta.targetEventId === null && e.meta.emoji !== '';
}

export type TimelineRow =
  | { type: 'case'; key: string; caseId: string | null; case: Case | null; count: number }
  | { type: 'item'; key: string; item: TimelineItem };

/**
 * The rows the virtual list renders. Ungrouped: the items. Grouped: a header per case (and one for
 * items without a case) followed by its items, groups ordered by their first item, each chronological.
 */
export function buildRows(
  items: readonly TimelineItem[],
  opts: { groupByCase: boolean; cases: readonly Case[] },
): TimelineRow[] {
  const sorted = [...items].sort(compareItems);
  if (!opts.groupByCase) return sorted.map((item) => ({ type: 'item', key: item.event.id, item }));
  const groups = new Map<string, TimelineItem[]>(); // insertion order = order of first item
  for (const item of sorted) {
    const k = item.event.caseId ?? '';
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  const casesById = new Map(opts.cases.map((c) => [c.id, c]));
  const rows: TimelineRow[] = [];
  for (const [k, groupItems] of groups) {
    const caseId = k === '' ? null : k;
    rows.push({
      type: 'case',
      key: `case:${k || 'none'}`,
      caseId,
      case: caseId ? (casesById.get(caseId) ?? null) : null,
      count: groupItems.length,
    });
    for (const item of groupItems) rows.push({ type: 'item', key: item.event.id, item });
  }
  return rows;
}

export type Direction = 'in' | 'out' | 'internal' | 'system';

const SYSTEM_KINDS = new Set<EventKind>([
  'case.opened', 'case.status_changed', 'case.assigned', 'case.offered', 'case.priority_changed', 'case.tags_changed', 'case.help_requested', 'case.help_answered', 'case.fast_tracked', 'case.fast_track_reviewed', 'sla.warned', 'sla.breached',
  'safety.confirmed', 'safety.dismissed', 'complaint.updated', 'complaint.decided',
  'escalation.fired', 'script.recorded', 'case.handed_off', 'approval.requested', 'approval.decided',
  'survey.sent', 'survey.answered', 'survey.skipped', 'survey.followup_opened', 'survey.followup_closed',
]);

export function isSystemKind(kind: EventKind): boolean {
  return SYSTEM_KINDS.has(kind);
}

/** in ← customer, out → agent, internal (notes), system (case changes). */
/** Whether the direction label adds anything beside the channel badge: a note is "Internal" once, not twice (issue 15). */
export function showsDirection(channel: Event['channel'], direction: Direction): boolean {
  return !(channel === 'internal' && direction === 'internal');
}

export function directionOf(e: Event): Direction {
  switch (e.kind) {
    case 'message.received':
      return 'in';
    case 'message.sent':
      return 'out';
    case 'call.started':
    case 'call.ended':
      return e.meta.direction;
    case 'note.added':
      return 'internal';
    default:
      return isSystemKind(e.kind) ? 'system' : e.author.type === 'customer' ? 'in' : 'internal';
  }
}

/** A case change as a small system line; the view translates it. */
export type SystemLine =
  | { type: 'caseOpened'; subject: string; priority: Priority }
  | { type: 'statusChanged'; from: CaseStatus; to: CaseStatus }
  | { type: 'assigned'; to: string; routing: RoutingReason | null; reason: string | null }
  | { type: 'offered'; to: string; reason: RoutingReason }
  | { type: 'unassigned' }
  | { type: 'priorityChanged'; from: Priority; to: Priority }
  | { type: 'tagsChanged'; added: string[]; removed: string[] }
  | { type: 'surveySent'; channel: string }
  | { type: 'surveyAnswered'; csat: number | null; nps: number | null; ces: number | null; detractor: boolean }
  | { type: 'surveySkipped'; reason: string }
  | { type: 'followUpOpened'; dueAt: string }
  | { type: 'followUpClosed'; outcome: string; late: boolean }
  | { type: 'slaWarned' | 'slaBreached'; clock: 'firstResponse' | 'nextResponse' | 'resolution'; late: boolean }
  | { type: 'safetyConfirmed'; reason: string; opened: boolean }
  | { type: 'safetyDismissed' | 'safetyDismissalProposed'; reason: string }
  | { type: 'complaintUpdated'; fields: string[] }
  | { type: 'complaintDecided'; reportability: Reportability; rationale: string }
  | { type: 'escalationFired'; ruleId: string; detail: string | null }
  | { type: 'scriptRecorded'; entry: ScriptEntry }
  | { type: 'handedOff'; to: 'lead' | 'specialist' }
  | { type: 'approvalRequested'; tier: 'basic' | 'medium' | 'severe'; note: string }
  | { type: 'approvalDecided'; approved: boolean; reason: string }
  | { type: 'helpRequested'; note: string }
  | { type: 'helpAnswered'; reply: string }
  | { type: 'fastTracked'; reason: string }
  | { type: 'fastTrackReviewed'; note: string };

export function systemLine(e: Event): SystemLine | null {
  switch (e.kind) {
    case 'case.opened':
      return { type: 'caseOpened', subject: e.meta.case.subject, priority: e.meta.case.priority };
    case 'case.status_changed':
      return { type: 'statusChanged', from: e.meta.from, to: e.meta.to };
    case 'case.assigned':
      return e.meta.to === null ? { type: 'unassigned' } : { type: 'assigned', to: e.meta.to, routing: e.meta.routing ?? null, reason: e.meta.reason ?? null };
    case 'case.offered':
      return { type: 'offered', to: e.meta.agentId, reason: e.meta.reason };
    case 'case.priority_changed':
      return { type: 'priorityChanged', from: e.meta.from, to: e.meta.to };
    case 'case.tags_changed':
      return { type: 'tagsChanged', added: e.meta.added, removed: e.meta.removed };
    case 'survey.sent':
      return { type: 'surveySent', channel: e.meta.channel };
    case 'survey.answered':
      return { type: 'surveyAnswered', csat: e.meta.csat, nps: e.meta.nps, ces: e.meta.ces, detractor: e.meta.detractor };
    case 'survey.skipped':
      return { type: 'surveySkipped', reason: e.meta.reason };
    case 'survey.followup_opened':
      return { type: 'followUpOpened', dueAt: e.meta.dueAt };
    case 'survey.followup_closed':
      return { type: 'followUpClosed', outcome: e.meta.outcome, late: e.meta.late };
    case 'case.help_requested':
      return { type: 'helpRequested', note: e.meta.note };
    case 'case.help_answered':
      return { type: 'helpAnswered', reply: e.meta.reply };
    case 'case.fast_tracked':
      return { type: 'fastTracked', reason: e.meta.reason };
    case 'case.fast_track_reviewed':
      return { type: 'fastTrackReviewed', note: e.meta.note };
    case 'sla.warned':
    case 'sla.breached':
      return { type: e.kind === 'sla.warned' ? 'slaWarned' : 'slaBreached', clock: e.meta.clock, late: e.meta.late };
    case 'safety.confirmed':
      return { type: 'safetyConfirmed', reason: e.meta.reason, opened: e.meta.complaint !== null };
    case 'safety.dismissed':
      return { type: e.meta.final ? 'safetyDismissed' : 'safetyDismissalProposed', reason: e.meta.reason };
    case 'complaint.updated':
      return { type: 'complaintUpdated', fields: Object.keys(e.meta.patch) };
    case 'complaint.decided':
      return { type: 'complaintDecided', reportability: e.meta.reportability, rationale: e.meta.rationale };
    case 'escalation.fired':
      return { type: 'escalationFired', ruleId: e.meta.ruleId, detail: e.meta.detail };
    case 'script.recorded':
      return { type: 'scriptRecorded', entry: e.meta.entry };
    case 'case.handed_off':
      return { type: 'handedOff', to: e.meta.to };
    case 'approval.requested':
      return { type: 'approvalRequested', tier: e.meta.tier, note: e.meta.note };
    case 'approval.decided':
      return { type: 'approvalDecided', approved: e.meta.approved, reason: e.meta.reason };
    default:
      return null;
  }
}

/**
 * What a pending item says. An outgoing reply: "will send when online" while the desktop is offline (or
 * still connecting), "sending" otherwise. Anything else made here (notes, case changes): "waiting to sync".
 */
export type PendingNotice = 'pendingSend' | 'pendingSending' | 'pendingSync';

export function pendingNotice(item: TimelineItem, syncState: SyncState | null): PendingNotice | null {
  if (item.localState !== 'pending') return null;
  if (item.event.kind !== 'message.sent') return 'pendingSync';
  return syncState === 'online' || syncState === 'syncing' ? 'pendingSending' : 'pendingSend';
}

export function subjectOf(e: Event): string | null {
  return e.kind === 'message.received' || e.kind === 'message.sent' ? e.meta.subject : null;
}

/** A written reply needs a case and a channel that carries text (not a phone call). */
export function canReplyOn(thread: Pick<Thread, 'caseId' | 'channel'>): boolean {
  return thread.caseId !== null && thread.channel !== 'phone';
}

/** Threads newest first, the order the thread selector lists them. */
export function threadsNewestFirst(threads: readonly Thread[]): Thread[] {
  return [...threads].sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.id < b.id ? 1 : -1));
}

/**
 * The thread a reply goes to by default: reply where the customer last wrote (within the selected case
 * when there is one), else the newest thread that can take a reply, else the newest thread.
 */
export function pickDefaultThread(
  threads: readonly Thread[],
  items: readonly TimelineItem[],
  caseId: string | null,
): string | null {
  const inCase = (t: Thread) => caseId === null || t.caseId === caseId;
  const byId = new Map(threads.map((t) => [t.id, t]));
  const sorted = [...items].sort(compareItems);
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i]!.event;
    if (e.kind !== 'message.received' || e.threadId === null) continue;
    const t = byId.get(e.threadId);
    if (t && inCase(t) && canReplyOn(t)) return t.id;
  }
  const newest = threadsNewestFirst(threads);
  return (
    newest.find((t) => inCase(t) && canReplyOn(t))?.id ??
    newest.find(inCase)?.id ??
    newest.find(canReplyOn)?.id ??
    newest[0]?.id ??
    null
  );
}

/** The case shown first: the one asked for, else the most urgent unresolved one, else the newest. */
export function pickDefaultCase(cases: readonly Case[], wanted: string | null): string | null {
  if (wanted && cases.some((c) => c.id === wanted)) return wanted;
  const rank: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };
  const active = cases.filter((c) => c.status !== 'resolved' && c.status !== 'closed');
  const pool = active.length > 0 ? active : [...cases];
  pool.sort(
    (a, b) =>
      (active.length > 0 ? rank[a.priority] - rank[b.priority] : 0) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt),
  );
  return pool[0]?.id ?? null;
}

/** How many items a refetch asks for, so everything already loaded (plus what is new) comes back. */
export function refetchLimit(loaded: number, page: number, max = 5000): number {
  return Math.min(max, Math.max(page, loaded + 20));
}

/** Position of an item relative to a page cursor ({occurredAt, id}), in timeline order. */
function compareToCursor(item: TimelineItem, cursor: NonNullable<TimelinePage['nextBefore']>): number {
  const ta = Date.parse(item.event.occurredAt);
  const tb = Date.parse(cursor.occurredAt);
  if (ta !== tb) return ta - tb;
  return item.event.id < cursor.id ? -1 : item.event.id > cursor.id ? 1 : 0;
}

/**
 * Fold a refetched newest page (asked with refetchLimit, so at least as many items as are loaded) into
 * what is loaded, keeping the loaded window where it was:
 * - the page replaces everything in its range (a pending item turns synced; a discarded one disappears);
 * - the page reaches below the window's cursor: trimmed to the window, the cursor kept (so the list does
 *   not grow by itself on every refresh, and "load older" stays);
 * - older pages loaded before and not covered by the page stay, with their cursor;
 * - so much is new that the page does not reach what was loaded: just the page (never a silent gap).
 */
export function combineRefetch(
  loaded: readonly TimelineItem[],
  loadedNextBefore: TimelinePage['nextBefore'],
  page: TimelinePage,
): { items: TimelineItem[]; nextBefore: TimelinePage['nextBefore'] } {
  const fresh = mergeItems(page.items);
  const asPage = { items: fresh, nextBefore: page.nextBefore };
  const first = fresh[0];
  // had the whole history (or nothing): the page is the truth, including back-dated arrivals
  if (loadedNextBefore === null || loaded.length === 0 || !first) return asPage;
  if (compareToCursor(first, loadedNextBefore) < 0) {
    return { items: fresh.filter((i) => compareToCursor(i, loadedNextBefore) >= 0), nextBefore: loadedNextBefore };
  }
  if (page.nextBefore === null) return asPage;
  const older = loaded.filter((i) => compareItems(i, first) < 0);
  if (older.length === loaded.length) return asPage;
  return { items: mergeItems(older, fresh), nextBefore: loadedNextBefore };
}

/** The latest delivery report of an outbound message (folded from its `message.delivery_updated` events). */
export interface DeliveryInfo {
  status: DeliveryStatus;
  /** why it failed, in words safe to show */
  error: string | null;
}

/**
 * message.sent id → its latest delivery report, from the `message.delivery_updated` items loaded with the
 * timeline (they are not shown as items of their own). Later reports win (timeline order), but never backwards
 * (`advancesDelivery`: a late `delivered` does not undo `read`).
 */
export function deliveryByMessage(items: readonly TimelineItem[]): ReadonlyMap<string, DeliveryInfo> {
  const out = new Map<string, DeliveryInfo>();
  for (const { event: e } of [...items].sort(compareItems)) {
    if (e.kind === 'message.delivery_updated' && advancesDelivery(out.get(e.meta.messageId)?.status, e.meta.status)) {
      out.set(e.meta.messageId, { status: e.meta.status, error: e.meta.error });
    }
  }
  return out;
}

/**
 * message id → the emoji its author's reaction shows now (issue 10), from the `message.reacted` items loaded with the
 * timeline (folded, never items of their own). A later reaction replaces an earlier one of the same author (WhatsApp and
 * Messenger keep one per person); an empty emoji takes it back.
 */
export function reactionsByMessage(items: readonly TimelineItem[]): ReadonlyMap<string, readonly string[]> {
  const latest = new Map<string, Map<string, string>>();
  for (const { event: e } of [...items].sort(compareItems)) {
    if (e.kind !== 'message.reacted' || !e.meta.targetEventId) continue;
    const byAuthor = latest.get(e.meta.targetEventId) ?? new Map<string, string>();
    byAuthor.set(e.author.id ?? '', e.meta.emoji);
    latest.set(e.meta.targetEventId, byAuthor);
  }
  const out = new Map<string, string[]>();
  for (const [id, byAuthor] of latest) {
    const emojis = [...byAuthor.values()].filter((x) => x !== '');
    if (emojis.length) out.set(id, emojis);
  }
  return out;
}

/** A media part's stored file: the `message.attachment_stored` event that names it (its id is where the bytes are read). */
export interface StoredFile {
  eventId: string;
  attachment: Attachment;
}

/** A media part the server gave up on, and why. */
export interface FailedFile {
  failed: 'too_large' | 'unavailable' | 'corrupt' | 'failed';
}

/**
 * `${messageId}:${part}` → the stored file of that media part (folded `message.attachment_stored`), or why there is
 * none (`message.attachment_failed`); a stored file wins.
 */
export function storedFiles(items: readonly TimelineItem[]): ReadonlyMap<string, StoredFile | FailedFile> {
  const out = new Map<string, StoredFile | FailedFile>();
  for (const { event: e } of items) {
    if (e.kind === 'message.attachment_stored') out.set(`${e.meta.messageId}:${e.meta.part}`, { eventId: e.id, attachment: e.meta.attachment });
    else if (e.kind === 'message.attachment_failed' && !out.has(`${e.meta.messageId}:${e.meta.part}`)) out.set(`${e.meta.messageId}:${e.meta.part}`, { failed: e.meta.reason });
  }
  return out;
}

/** What a quoted message (the "reply to" context) shows: the first line of the earlier message, if it is loaded. */
export function quoteSnippet(items: readonly TimelineItem[], eventId: string | null): { eventId: string; text: string } | null {
  if (!eventId) return null;
  const target = items.find((i) => i.event.id === eventId)?.event;
  if (!target) return null;
  const text = (target.body ?? '').split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return { eventId, text: text.length > 80 ? `${text.slice(0, 79)}…` : text };
}

/** Degrees as the location line shows them (5 decimals: about a metre). */
export function formatCoordinates(latitude: number, longitude: number): string {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/**
 * Whether an entry shows its body text. A social message with parts has a body made from them (WhatsApp: `[image]` +
 * caption, the answer's title, the place, the names; Messenger without text: `[image]`), which the parts show better:
 * then the body is left out. Messenger text typed beside attachments is shown.
 */
export function bodyShown(e: Event): boolean {
  if (e.kind !== 'message.received' || !e.meta.parts?.length) return true;
  if (e.meta.network === 'whatsapp') return false;
  return !/^\[[a-z ]+\]$/.test(e.body ?? '');
}
