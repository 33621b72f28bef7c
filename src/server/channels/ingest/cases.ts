/**
 * Stage 4, cases: which case the message lands on. A continued thread keeps its case; a new thread
 * joins the customer's open case on that channel, or opens a case (P2; P0 on safety language, with
 * SLA due times). A customer message reopens a resolved / waiting case and raises it to P0 on safety
 * language. Machine-sent mail (auto-reply, bounce) never opens, reopens or raises a case.
 */
import type { Case, Priority, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { newId } from '../../../shared/kernel/ids';
import { slaDueTimes } from '../../../shared/features/sla/due';
import type { Queryable } from '../../kernel/db/types';
import { caseState, clean, customersInReach, openCaseKey, pushOnCase, SYSTEM, type IngestBatch, type Prepared, type ThreadHit } from './batch';
import { openThread } from './threads';

/** Customer messages on a case in these states reopen it (the customer is waiting again). */
const REOPEN_ON_MESSAGE: ReadonlySet<Case['status']> = new Set(['resolved', 'waiting_on_customer']);
const OPEN_STATUSES = ['open', 'pending', 'waiting_on_customer', 'resolved'] as const;

/** Loads the open cases of every customer the batch may touch, and the cases of the loaded threads. */
export async function loadCases(tx: Queryable, batch: IngestBatch): Promise<void> {
  const ids = customersInReach(batch);
  if (ids.length) {
    const { rows: open } = await tx.query<{ k: Case; channel: string }>(
      `select distinct on (k.id) k.data as k, t.channel from cases k join threads t on t.case_id = k.id
        where k.customer_id = any($1::uuid[]) and k.status = any($2::text[])
        order by k.id, t.opened_at`,
      [ids, OPEN_STATUSES],
    );
    // oldest first, so the newest case not resolved is the one a channel's new thread joins
    for (const r of open.sort((a, b) => a.k.openedAt.localeCompare(b.k.openedAt))) {
      batch.cases.set(r.k.id, r.k);
      if (r.k.status !== 'resolved') batch.openCase.set(openCaseKey(r.k.customerId, r.channel), r.k.id);
    }
  }
  for (const list of batch.threadsByRef.values()) for (const h of list) if (h.case && !batch.cases.has(h.case.id)) batch.cases.set(h.case.id, h.case);
  for (const h of batch.replyHits.values()) if (h.case && !batch.cases.has(h.case.id)) batch.cases.set(h.case.id, h.case);
}

export interface CaseInput {
  /** the message continues a known thread (else a new thread is opened for it) */
  continuesThread: boolean;
  /** the continued thread's case, or (new thread) the customer's open case on the channel */
  current: Case | null;
  automated: boolean;
  /** the message reports possible harm (Prepared.harm) */
  harm: boolean;
}

export type CaseDecision =
  /** on no case (a thread of its own without one, or a continued thread that has none) */
  | { kind: 'none' }
  | { kind: 'open'; priority: Priority }
  /** on `current`, possibly reopened and raised to P0 */
  | { kind: 'continue'; reopen: boolean; raiseToP0: boolean };

/** The case decision for one message (pure). */
export function decideCase(input: CaseInput): CaseDecision {
  const safety = input.harm;
  const { current, automated } = input;
  if (!input.continuesThread) {
    // machine-sent mail never opens a case: it gets a thread of its own without one
    if (automated) return { kind: 'none' };
    if (!current || current.status === 'closed') return { kind: 'open', priority: safety ? 'P0' : 'P2' };
  }
  if (!current) return { kind: 'none' };
  return {
    kind: 'continue',
    reopen: !automated && REOPEN_ON_MESSAGE.has(current.status),
    raiseToP0: !automated && safety && current.priority !== 'P0',
  };
}

/** A new case's subject: the message's, else its first line (80 characters), else "<Channel> conversation". */
export function caseSubject(subject: string | null | undefined, body: string, channel: string): string {
  const s = subject ? clean(subject).trim() : '';
  if (s) return s.slice(0, 500);
  const line = body.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  if (line) return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return `${channel[0]?.toUpperCase() ?? ''}${channel.slice(1)} conversation`;
}

/** Places the message: decides its case, opens case and thread as needed, queues reopen / P0 events. */
export function placeOnCase(batch: IngestBatch, item: Prepared, customer: Customer, hit: ThreadHit | null): { thread: Thread; kase: Case | null } {
  const { msg } = item;
  const channelKey = openCaseKey(customer.id, msg.channel);
  const current = caseState(batch, hit ? hit.thread.caseId : (batch.openCase.get(channelKey) ?? null));
  const decision = decideCase({ continuesThread: hit !== null, current, automated: Boolean(msg.automated), harm: item.harm.decision === 'harm' });
  const kase = decision.kind === 'open' ? openCase(batch, item, customer, decision.priority) : decision.kind === 'continue' ? current : null;
  const thread = hit ? hit.thread : openThread(batch, item, customer, kase);
  if (kase && decision.kind === 'continue') {
    const at = item.occurredAt;
    if (decision.reopen) {
      pushOnCase(batch, { id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'internal', kind: 'case.status_changed', author: SYSTEM, body: null, occurredAt: at, meta: { from: kase.status, to: 'open' } });
      batch.openCase.set(channelKey, kase.id);
    }
    if (decision.raiseToP0) {
      pushOnCase(batch, { id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'internal', kind: 'case.priority_changed', author: SYSTEM, body: null, occurredAt: at, meta: { from: kase.priority, to: 'P0' } });
    }
  }
  return { thread, kase: caseState(batch, kase?.id ?? null) };
}

/**
 * A reaction's place (issue 10): the thread of the message it reacts to (whatever its case's state), else the
 * conversation's continued thread, else none (a customer-level event). It never opens, reopens or raises a case
 * and is no SLA fact: a thumbs-up on a closed case is not the customer waiting again.
 */
export function placeReaction(batch: IngestBatch, item: Prepared, customer: Customer, hit: ThreadHit | null): { thread: Thread | null; kase: Case | null; targetEventId: string | null } {
  const target = item.msg.reaction ? batch.providerHits.get(refKeyOf(item.msg.channel, item.msg.reaction.targetProviderMessageId)) : undefined;
  const targetHit = target?.hit && target.hit.thread.customerId === customer.id ? target.hit : null;
  const place = targetHit ?? (hit && hit.thread.customerId === customer.id ? hit : null);
  return { thread: place?.thread ?? null, kase: place ? caseState(batch, place.thread.caseId) ?? place.case : null, targetEventId: target?.eventId ?? null };
}

const refKeyOf = (channel: string, pid: string): string => `${channel}\u0000${clean(pid)}`;

function openCase(batch: IngestBatch, item: Prepared, customer: Customer, priority: Priority): Case {
  const { msg } = item;
  const at = item.occurredAt;
  const kase: Case = {
    id: newId(),
    customerId: customer.id,
    teamId: customer.teamId,
    subject: caseSubject(msg.subject, item.body, msg.channel),
    status: 'open',
    priority,
    assigneeId: null,
    openedAt: at,
    updatedAt: at,
    ...slaDueTimes(at, priority),
    firstRespondedAt: null,
    resolvedAt: null,
  };
  batch.cases.set(kase.id, kase);
  batch.openCase.set(openCaseKey(customer.id, msg.channel), kase.id);
  batch.events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: msg.channel, kind: 'case.opened', author: SYSTEM, body: null, occurredAt: at, meta: { case: kase } });
  return kase;
}
