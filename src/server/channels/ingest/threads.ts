/**
 * Stage 2, threads: the conversation a message continues. By (channel, threadRef), newest first; email
 * also by the message ids it replies to (In-Reply-To / References, ours or theirs), and — once the
 * customer is known — by base subject within 30 days. A thread on a closed case is not continued.
 */
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { newId } from '../../../shared/kernel/ids';
import type { Queryable } from '../../kernel/db/types';
import { caseState, clean, refKey, sharesIdWithAnotherSender, SYSTEM, type IngestBatch, type Prepared, type ThreadHit } from './batch';

const SUBJECT_FALLBACK_DAYS = 30;
/** at most this many reply ids per message are looked up */
const MAX_REPLY_IDS = 100;

/** Subject without reply/forward prefixes (English and Chinese), lower-case, spaces collapsed. */
export function baseSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').trim();
  for (;;) {
    const next = s.replace(/^\s*(re|fw|fwd|aw|wg|回复|回覆|答复|转发|轉發)\s*(\[\d+\])?\s*[:：]\s*/i, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Loads the threads the fresh items name, by ref and (email) by replied-to message id. */
export async function loadThreads(tx: Queryable, batch: IngestBatch): Promise<void> {
  const { fresh } = batch;
  if (fresh.length) {
    const { rows } = await tx.query<{ t: Thread; k: Case | null }>(
      `select t.data as t, k.data as k from threads t left join cases k on k.id = t.case_id
        where (t.channel, t.external_ref) in (select * from unnest($1::text[], $2::text[]))
        order by t.opened_at desc, t.id desc`,
      [fresh.map((i) => i.msg.channel), fresh.map((i) => clean(i.msg.threadRef))],
    );
    for (const r of rows) {
      const key = refKey(r.t.channel, r.t.externalRef ?? '');
      const list = batch.threadsByRef.get(key) ?? [];
      list.push({ thread: r.t, case: r.k });
      batch.threadsByRef.set(key, list);
    }
  }
  const replyIds = [...new Set(fresh.flatMap((i) => (i.msg.channel === 'email' ? (i.msg.replyTo ?? []).slice(0, MAX_REPLY_IDS) : [])))];
  if (replyIds.length) {
    const { rows } = await tx.query<{ pid: string; t: Thread; k: Case | null }>(
      `select p.pid, t.data as t, k.data as k from (
          select provider_message_id as pid, thread_id from inbound_provider_ids where channel = 'email' and provider_message_id = any($1::text[])
          union all
          select provider_message_id as pid, thread_id from outbound_provider_ids where channel = 'email' and provider_message_id = any($1::text[])
        ) p join threads t on t.id = p.thread_id left join cases k on k.id = t.case_id`,
      [replyIds],
    );
    for (const r of rows) batch.replyHits.set(r.pid, { thread: r.t, case: r.k });
  }
}

/** Social: the messages the fresh items quote or react to, by provider id (inbound or ours), with their thread. */
export async function loadQuoted(tx: Queryable, batch: IngestBatch): Promise<void> {
  const wanted = new Map<string, { channel: string; pid: string }>();
  for (const i of batch.fresh) {
    if (i.msg.channel === 'email') continue;
    for (const pid of [i.msg.quotes, i.msg.reaction?.targetProviderMessageId]) {
      if (pid) wanted.set(refKey(i.msg.channel, clean(pid)), { channel: i.msg.channel, pid: clean(pid) });
    }
  }
  if (!wanted.size) return;
  const list = [...wanted.values()];
  const { rows } = await tx.query<{ channel: string; pid: string; event_id: string; t: Thread | null; k: Case | null }>(
    `select p.channel, p.pid, p.event_id, t.data as t, k.data as k from (
        select channel, provider_message_id as pid, event_id, thread_id from inbound_provider_ids
         where (channel, provider_message_id) in (select * from unnest($1::text[], $2::text[]))
        union all
        select channel, provider_message_id as pid, event_id, thread_id from outbound_provider_ids
         where (channel, provider_message_id) in (select * from unnest($1::text[], $2::text[]))
      ) p left join threads t on t.id = p.thread_id left join cases k on k.id = t.case_id`,
    [list.map((x) => x.channel), list.map((x) => x.pid)],
  );
  for (const r of rows) batch.providerHits.set(refKey(r.channel, r.pid), { eventId: r.event_id, hit: r.t ? { thread: r.t, case: r.k } : null });
}

export interface ThreadMatch {
  /** the thread the message continues (null: none found by ref or reply id) */
  hit: ThreadHit | null;
  /** the customer the conversation names (the first candidate's), even when all its threads are on closed cases */
  customerId: string | null;
}

/**
 * The conversation first: reply ids (email), then the ref's threads newest first; only threads of the
 * first candidate's customer count, and the first not on a closed case is continued. An email root (no
 * In-Reply-To/References) whose Message-ID another sender's message holds matches no thread by ref. Pure over the batch.
 */
export function matchThread(batch: IngestBatch, item: Prepared): ThreadMatch {
  const { msg } = item;
  // An email that names no other message (its thread ref is its own Message-ID) whose id another sender's message
  // already holds continues nothing: a thread on that ref is that other message's (dedupe is per sender), and
  // joining it would file this sender under that customer. (A root that a reply named first still joins it.)
  const root = msg.channel === 'email' && clean(msg.threadRef) === clean(msg.providerMessageId) && !(msg.replyTo ?? []).length;
  const foreign = root && sharesIdWithAnotherSender(batch, item);
  const candidates: ThreadHit[] = foreign ? [] : [...(batch.threadsByRef.get(refKey(msg.channel, clean(msg.threadRef))) ?? [])];
  if (msg.channel === 'email') {
    for (const id of msg.replyTo ?? []) {
      const h = batch.replyHits.get(id);
      if (h) candidates.unshift(h);
    }
  }
  let customerId: string | null = null;
  for (const h of candidates) {
    customerId ??= h.thread.customerId;
    const k = caseState(batch, h.thread.caseId);
    if (h.thread.customerId !== customerId) continue;
    if (!k || k.status !== 'closed') return { hit: { thread: h.thread, case: k }, customerId };
  }
  return { hit: null, customerId };
}

/** Email without a known thread: the customer's thread with the same base subject within 30 days (not for a brand-new customer). */
export async function matchBySubject(tx: Queryable, batch: IngestBatch, item: Prepared, customer: Customer, newCustomer: boolean): Promise<ThreadHit | null> {
  const subject = baseSubject(item.msg.subject);
  if (item.msg.channel !== 'email' || newCustomer || !subject) return null;
  for (const list of batch.threadsByRef.values()) {
    for (const h of list) {
      if (h.thread.customerId === customer.id && h.thread.channel === 'email' && baseSubject(h.thread.subject) === subject) {
        const k = caseState(batch, h.thread.caseId);
        if (!k || k.status !== 'closed') return { thread: h.thread, case: k };
      }
    }
  }
  const since = new Date(Date.parse(item.occurredAt) - SUBJECT_FALLBACK_DAYS * 86_400_000).toISOString();
  const { rows } = await tx.query<{ t: Thread; k: Case | null }>(
    `select t.data as t, k.data as k from threads t left join cases k on k.id = t.case_id
      where t.customer_id = $1 and t.channel = 'email' and t.opened_at >= $2 and (k.status is null or k.status <> 'closed')
      order by t.opened_at desc limit 200`,
    [customer.id, since],
  );
  for (const r of rows) if (baseSubject(r.t.subject) === subject) return { thread: r.t, case: caseState(batch, r.t.caseId) ?? r.k };
  return null;
}

/** A new thread for the message (on `kase`, or on no case), in front of its ref's list so later items continue it. */
export function openThread(batch: IngestBatch, item: Prepared, customer: Customer, kase: Case | null): Thread {
  const { msg } = item;
  const thread: Thread = {
    id: newId(),
    customerId: customer.id,
    caseId: kase?.id ?? null,
    channel: msg.channel,
    subject: msg.subject ? clean(msg.subject).slice(0, 500) : null,
    externalRef: clean(msg.threadRef),
    openedAt: item.occurredAt,
    ...(item.unverified ? { unverified: true, claims: item.unverified } : {}),
  };
  const key = refKey(msg.channel, thread.externalRef as string);
  const list = batch.threadsByRef.get(key) ?? [];
  list.unshift({ thread, case: kase });
  batch.threadsByRef.set(key, list);
  batch.events.push({
    id: newId(), seq: null, customerId: customer.id, caseId: kase?.id ?? null, threadId: thread.id, channel: msg.channel,
    kind: 'thread.opened', author: SYSTEM, body: null, occurredAt: item.occurredAt, meta: { thread },
  });
  return thread;
}
