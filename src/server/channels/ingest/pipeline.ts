import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Case, Priority, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { MAX_BODY_CHARS, type Author, type Event } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import { Channel } from '../../../shared/kernel/primitives';
import { detectSafetyLanguage } from '../../../shared/features/safety/detect';
import { slaDueTimes } from '../../../shared/features/sla/due';
import { applyToCase } from '../../../shared/kernel/projection';
import type { Db, Queryable } from '../../kernel/db/types';
import { appendEvents, lockEventLog } from '../../kernel/events/append';
import { safeError } from '../../kernel/logger';
import { decideMatch, keyString, type Candidate } from '../../features/identity/match';
import { identityKeys, normaliseEmail, normaliseHandle, normaliseName, normalisePhone, type IdentityKey } from '../../features/identity/normalise';
import { findStrong, findWeak } from '../../features/identity/store';
import type { InboundMessage, IngestResult } from '../types';

export interface IngestDeps {
  db: Db;
  /** called after commit with the highest seq appended per team (server.poke) */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** team (id or name) of brand-new customers when the message has no usable teamHint; default: the first team by name */
  defaultTeamId?: string | null;
  /** region for phone numbers written without a country code (default US) */
  phoneRegion?: CountryCode;
}

/** Customer messages on a case in these states reopen it (the customer is waiting again). */
const REOPEN_ON_MESSAGE: ReadonlySet<Case['status']> = new Set(['resolved', 'waiting_on_customer']);
const OPEN_STATUSES = ['open', 'pending', 'waiting_on_customer', 'resolved'] as const;
const SUBJECT_FALLBACK_DAYS = 30;
/** Messages per transaction when messages arrive faster than a transaction commits. */
const MAX_BATCH = 500;

const SYSTEM: Author = { type: 'system', id: null, name: null };

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

interface Prepared {
  msg: InboundMessage;
  body: string;
  keys: IdentityKey[];
  email: string | null;
  rawName: string | null;
  name: string | null;
  occurredAt: string;
  dedupeKey: string;
}

function clean(s: string): string {
  // Postgres text cannot hold NUL; a valid message keeps everything else.
  return s.includes('\u0000') ? s.split('\u0000').join('') : s;
}

/** Validates the shape every adapter must produce; throws INVALID_ARGUMENT with a data-free message. */
export function prepareInbound(msg: InboundMessage, phoneRegion?: CountryCode): Prepared {
  if (!Channel.safeParse(msg.channel).success) throw new OmnideskError('INVALID_ARGUMENT', 'unknown channel');
  if (typeof msg.providerMessageId !== 'string' || !msg.providerMessageId.trim() || msg.providerMessageId.length > 500) {
    throw new OmnideskError('INVALID_ARGUMENT', 'providerMessageId must be 1-500 characters');
  }
  if (typeof msg.threadRef !== 'string' || !msg.threadRef.trim() || msg.threadRef.length > 500) {
    throw new OmnideskError('INVALID_ARGUMENT', 'threadRef must be 1-500 characters');
  }
  if (typeof msg.body !== 'string') throw new OmnideskError('INVALID_ARGUMENT', 'body must be text');
  const t = Date.parse(msg.occurredAt);
  if (Number.isNaN(t)) throw new OmnideskError('INVALID_ARGUMENT', 'occurredAt must be an ISO instant');
  const identity = {
    email: normaliseEmail(msg.identity.email),
    phone: normalisePhone(msg.identity.phone, phoneRegion),
    social: normaliseHandle(msg.identity.social ?? null),
  };
  const rawName = msg.identity.displayName?.trim() ? clean(msg.identity.displayName.trim()).slice(0, 200) : null;
  return {
    msg,
    body: clean(msg.body).slice(0, MAX_BODY_CHARS),
    keys: identityKeys(identity, phoneRegion),
    email: identity.email,
    rawName,
    name: normaliseName(rawName),
    occurredAt: new Date(t).toISOString(),
    dedupeKey: `${msg.channel}\u0000${clean(msg.providerMessageId)}`,
  };
}

interface ThreadHit {
  thread: Thread;
  case: Case | null;
}

interface BatchOutcome {
  results: IngestResult[];
  teamSeqs: Map<string, number>;
}

/**
 * Ingests messages in ONE transaction, in order (see ingestInbound). Exposed for adapters that receive
 * several messages at once (a webhook delivery) and for benchmarks.
 */
export async function ingestBatchInTx(
  tx: Queryable,
  items: readonly Prepared[],
  opts: { defaultTeamId?: string | null },
): Promise<BatchOutcome> {
  await lockEventLog(tx);
  const results: IngestResult[] = new Array<IngestResult>(items.length);
  const events: Event[] = [];
  const dedupeRows: Array<{ channel: string; pid: string; event_id: string; customer_id: string; case_id: string | null; thread_id: string }> = [];
  const suggestionRows: Array<{ id: string; customer_id: string; candidate_id: string; reason: string }> = [];

  // 1. dedupe: known provider ids, and repeats inside this batch
  const { rows: known } = await tx.query<{ channel: string; provider_message_id: string; event_id: string; customer_id: string; case_id: string | null; thread_id: string }>(
    `select channel, provider_message_id, event_id, customer_id, case_id, thread_id from inbound_provider_ids
      where (channel, provider_message_id) in (select * from unnest($1::text[], $2::text[]))`,
    [items.map((i) => i.msg.channel), items.map((i) => clean(i.msg.providerMessageId))],
  );
  const seen = new Map<string, IngestResult>();
  for (const r of known) {
    seen.set(`${r.channel}\u0000${r.provider_message_id}`, {
      status: 'duplicate',
      customerId: r.customer_id,
      caseId: r.case_id,
      threadId: r.thread_id,
      eventId: r.event_id,
      newCustomer: false,
      mergeSuggested: false,
    });
  }
  const fresh = items.filter((i) => !seen.has(i.dedupeKey));

  // 2. threads by (channel, threadRef), newest first; email also by the ids it replies to
  const threadsByRef = new Map<string, ThreadHit[]>();
  const refKey = (channel: string, ref: string) => `${channel}\u0000${ref}`;
  if (fresh.length) {
    const { rows } = await tx.query<{ t: Thread; k: Case | null }>(
      `select t.data as t, k.data as k from threads t left join cases k on k.id = t.case_id
        where (t.channel, t.external_ref) in (select * from unnest($1::text[], $2::text[]))
        order by t.opened_at desc, t.id desc`,
      [fresh.map((i) => i.msg.channel), fresh.map((i) => clean(i.msg.threadRef))],
    );
    for (const r of rows) {
      const key = refKey(r.t.channel, r.t.externalRef ?? '');
      const list = threadsByRef.get(key) ?? [];
      list.push({ thread: r.t, case: r.k });
      threadsByRef.set(key, list);
    }
  }
  const replyHits = new Map<string, ThreadHit>();
  const replyIds = [...new Set(fresh.flatMap((i) => (i.msg.channel === 'email' ? (i.msg.replyTo ?? []).slice(0, 100) : [])))];
  if (replyIds.length) {
    const { rows } = await tx.query<{ pid: string; t: Thread; k: Case | null }>(
      `select p.pid, t.data as t, k.data as k from (
          select provider_message_id as pid, thread_id from inbound_provider_ids where channel = 'email' and provider_message_id = any($1::text[])
          union all
          select provider_message_id as pid, thread_id from outbound_provider_ids where channel = 'email' and provider_message_id = any($1::text[])
        ) p join threads t on t.id = p.thread_id left join cases k on k.id = t.case_id`,
      [replyIds],
    );
    for (const r of rows) replyHits.set(r.pid, { thread: r.t, case: r.k });
  }

  // 3. strong identity candidates for everyone (cheap, one query)
  const strong = await findStrong(
    tx,
    fresh.flatMap((i) => i.keys),
  );

  // 4. customers we may touch, and their open cases per channel
  const customers = new Map<string, Customer>();
  const cases = new Map<string, Case>();
  const openCase = new Map<string, string>(); // customerId\0channel → caseId (newest)
  const wantedCustomers = new Set<string>();
  for (const list of threadsByRef.values()) for (const h of list) wantedCustomers.add(h.thread.customerId);
  for (const h of replyHits.values()) wantedCustomers.add(h.thread.customerId);
  for (const list of strong.values()) for (const c of list) wantedCustomers.add(c.customerId);
  if (wantedCustomers.size) {
    const ids = [...wantedCustomers];
    const { rows } = await tx.query<{ data: Customer }>('select data from customers where id = any($1::uuid[])', [ids]);
    for (const r of rows) customers.set(r.data.id, r.data);
    const { rows: open } = await tx.query<{ k: Case; channel: string }>(
      `select distinct on (k.id) k.data as k, t.channel from cases k join threads t on t.case_id = k.id
        where k.customer_id = any($1::uuid[]) and k.status = any($2::text[])
        order by k.id, t.opened_at`,
      [ids, OPEN_STATUSES],
    );
    for (const r of open.sort((a, b) => a.k.openedAt.localeCompare(b.k.openedAt))) {
      cases.set(r.k.id, r.k);
      if (r.k.status !== 'resolved') openCase.set(`${r.k.customerId}\u0000${r.channel}`, r.k.id);
    }
  }
  for (const list of threadsByRef.values()) for (const h of list) if (h.case && !cases.has(h.case.id)) cases.set(h.case.id, h.case);
  for (const h of replyHits.values()) if (h.case && !cases.has(h.case.id)) cases.set(h.case.id, h.case);

  let defaultTeam: string | null | undefined;
  const teamFor = async (hint: string | null | undefined): Promise<string> => {
    if (hint) {
      const { rows } = await tx.query<{ id: string }>(
        `select id from teams where id::text = $1 or lower(name) = lower($1) limit 1`,
        [hint],
      );
      if (rows[0]) return rows[0].id;
    }
    if (defaultTeam === undefined) {
      const { rows } = await tx.query<{ id: string }>(
        `select id from teams where $1::text is null or id::text = $1 or lower(name) = lower($1) order by name, id limit 1`,
        [opts.defaultTeamId ?? null],
      );
      defaultTeam = rows[0]?.id ?? null;
    }
    if (!defaultTeam) throw new OmnideskError('UNAVAILABLE', 'no team to route new customers to');
    return defaultTeam;
  };

  const caseState = (id: string | null): Case | null => (id ? (cases.get(id) ?? null) : null);

  for (let idx = 0; idx < items.length; idx++) {
    const it = items[idx] as Prepared;
    const prior = seen.get(it.dedupeKey);
    if (prior) {
      results[idx] = prior.status === 'duplicate' ? prior : { ...prior, status: 'duplicate', newCustomer: false, mergeSuggested: false };
      continue;
    }
    const { msg } = it;
    const channel = msg.channel;
    const at = it.occurredAt;
    let newCustomer = false;
    let mergeSuggested = false;

    // the conversation first: a known thread names its customer
    let hit: ThreadHit | null = null;
    let customerId: string | null = null;
    const byRef = threadsByRef.get(refKey(channel, clean(msg.threadRef))) ?? [];
    const candidates: ThreadHit[] = [...byRef];
    if (channel === 'email') for (const id of msg.replyTo ?? []) {
      const h = replyHits.get(id);
      if (h) candidates.unshift(h);
    }
    for (const h of candidates) {
      customerId ??= h.thread.customerId;
      const k = caseState(h.thread.caseId);
      if (h.thread.customerId !== customerId) continue;
      if (!k || k.status !== 'closed') {
        hit = { thread: h.thread, case: k };
        break;
      }
    }
    if (customerId && !customers.has(customerId)) customerId = null; // merged away meanwhile: resolve again
    if (customerId) {
      const c = customers.get(customerId) as Customer;
      if (c.mergedInto && customers.has(c.mergedInto)) customerId = c.mergedInto;
    }

    // else who is it
    if (!customerId) {
      const weak = it.keys.length === 0 || !it.keys.some((k) => strong.has(keyString(k)))
        ? await findWeak(tx, { rawName: it.rawName, email: it.email })
        : [];
      const decision = decideMatch({ keys: it.keys, name: it.name, strong, weak });
      if (decision.kind === 'join' && customers.has(decision.customerId)) {
        customerId = decision.customerId;
      } else {
        const suggestions = decision.kind === 'new' ? decision.suggestions.filter((s) => s.customerId) : [];
        // a suggestion is only actionable inside one team: prefer the candidates' team when they share one
        let team: string | null = null;
        if (!msg.teamHint && suggestions.length) {
          const { rows } = await tx.query<{ team_id: string }>('select distinct team_id from customers where id = any($1::uuid[])', [suggestions.map((s) => s.customerId)]);
          if (rows.length === 1) team = (rows[0] as { team_id: string }).team_id;
        }
        team ??= await teamFor(msg.teamHint);
        const c = newCustomerFrom(it, team, at);
        customers.set(c.id, c);
        customerId = c.id;
        newCustomer = true;
        events.push({ id: newId(), seq: null, customerId: c.id, caseId: null, threadId: null, channel, kind: 'customer.created', author: SYSTEM, body: null, occurredAt: at, meta: { customer: c } });
        for (const k of it.keys) {
          const list = strong.get(keyString(k)) ?? [];
          list.push({ customerId: c.id, name: it.name } satisfies Candidate);
          strong.set(keyString(k), list);
        }
        if (suggestions.length) {
          mergeSuggested = true;
          events.push({
            id: newId(), seq: null, customerId: c.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.merge_suggested',
            author: SYSTEM, body: null, occurredAt: at, meta: { candidates: suggestions.slice(0, 20) },
          });
          for (const s of suggestions) suggestionRows.push({ id: newId(), customer_id: c.id, candidate_id: s.customerId, reason: s.reason });
        }
      }
    }
    const customer = customers.get(customerId) as Customer;

    // email: same customer, same base subject, within 30 days
    if (!hit && channel === 'email' && !newCustomer && baseSubject(msg.subject)) {
      hit = await findBySubject(tx, customer.id, baseSubject(msg.subject), at, caseState, threadsByRef);
    }

    const safety = detectSafetyLanguage(msg.subject, it.body);
    let thread: Thread;
    let kase: Case | null;
    if (hit) {
      thread = hit.thread;
      kase = caseState(thread.caseId);
    } else {
      const openId = openCase.get(`${customer.id}\u0000${channel}`);
      // machine-sent mail (auto-reply, bounce) never opens a case: it gets a thread of its own without one
      kase = msg.automated ? null : caseState(openId ?? null);
      if (!msg.automated && (!kase || kase.status === 'closed')) {
        const priority: Priority = safety.matched ? 'P0' : 'P2';
        kase = {
          id: newId(),
          customerId: customer.id,
          teamId: customer.teamId,
          subject: caseSubject(msg.subject, it.body, channel),
          status: 'open',
          priority,
          assigneeId: null,
          openedAt: at,
          updatedAt: at,
          ...slaDueTimes(at, priority),
          firstRespondedAt: null,
          resolvedAt: null,
        };
        cases.set(kase.id, kase);
        openCase.set(`${customer.id}\u0000${channel}`, kase.id);
        events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel, kind: 'case.opened', author: SYSTEM, body: null, occurredAt: at, meta: { case: kase } });
      }
      thread = {
        id: newId(),
        customerId: customer.id,
        caseId: kase?.id ?? null,
        channel,
        subject: msg.subject ? clean(msg.subject).slice(0, 500) : null,
        externalRef: clean(msg.threadRef),
        openedAt: at,
      };
      const list = threadsByRef.get(refKey(channel, thread.externalRef as string)) ?? [];
      list.unshift({ thread, case: kase });
      threadsByRef.set(refKey(channel, thread.externalRef as string), list);
      events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase?.id ?? null, threadId: thread.id, channel, kind: 'thread.opened', author: SYSTEM, body: null, occurredAt: at, meta: { thread } });
    }

    const push = (e: Event) => {
      events.push(e);
      if (kase) {
        kase = applyToCase(kase, e);
        cases.set(kase.id, kase);
      }
    };
    if (kase && !msg.automated && REOPEN_ON_MESSAGE.has(kase.status)) {
      push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'internal', kind: 'case.status_changed', author: SYSTEM, body: null, occurredAt: at, meta: { from: kase.status, to: 'open' } });
      openCase.set(`${customer.id}\u0000${channel}`, kase.id);
    }
    if (kase && !msg.automated && safety.matched && kase.priority !== 'P0') {
      push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'internal', kind: 'case.priority_changed', author: SYSTEM, body: null, occurredAt: at, meta: { from: kase.priority, to: 'P0' } });
    }
    const eventId = newId();
    push({
      id: eventId,
      seq: null,
      customerId: customer.id,
      caseId: kase?.id ?? null,
      threadId: thread.id,
      channel,
      kind: 'message.received',
      author: { type: 'customer', id: customer.id, name: it.rawName ?? customer.name },
      body: it.body,
      occurredAt: at,
      meta: {
        subject: msg.subject ? clean(msg.subject).slice(0, 500) : null,
        providerMessageId: clean(msg.providerMessageId),
        network: msg.network ?? null,
        ...(msg.html ? { html: clean(msg.html).slice(0, 1_000_000) } : {}),
        ...(msg.attachments?.length ? { attachments: [...msg.attachments] } : {}),
      },
    });
    const result: IngestResult = { status: 'appended', customerId: customer.id, caseId: kase?.id ?? null, threadId: thread.id, eventId, newCustomer, mergeSuggested };
    results[idx] = result;
    seen.set(it.dedupeKey, result);
    dedupeRows.push({ channel, pid: clean(msg.providerMessageId), event_id: eventId, customer_id: customer.id, case_id: kase?.id ?? null, thread_id: thread.id });
  }

  const appended = await appendEvents(tx, events);
  if (dedupeRows.length) {
    await tx.query(
      `insert into inbound_provider_ids (channel, provider_message_id, event_id, customer_id, case_id, thread_id)
       select x.channel, x.pid, x.event_id, x.customer_id, x.case_id, x.thread_id
         from jsonb_to_recordset($1::text::jsonb) as x(channel text, pid text, event_id uuid, customer_id uuid, case_id uuid, thread_id uuid)`,
      [JSON.stringify(dedupeRows)],
    );
  }
  if (suggestionRows.length) {
    await tx.query(
      `insert into merge_suggestions (id, customer_id, candidate_id, reason)
       select x.id, x.customer_id, x.candidate_id, x.reason from jsonb_to_recordset($1::text::jsonb) as x(id uuid, customer_id uuid, candidate_id uuid, reason text)
       on conflict do nothing`,
      [JSON.stringify(suggestionRows)],
    );
  }
  return { results, teamSeqs: appended.teamSeqs };
}

async function findBySubject(
  tx: Queryable,
  customerId: string,
  subject: string,
  at: string,
  caseState: (id: string | null) => Case | null,
  local: Map<string, ThreadHit[]>,
): Promise<ThreadHit | null> {
  for (const list of local.values()) {
    for (const h of list) {
      if (h.thread.customerId === customerId && h.thread.channel === 'email' && baseSubject(h.thread.subject) === subject) {
        const k = caseState(h.thread.caseId);
        if (!k || k.status !== 'closed') return { thread: h.thread, case: k };
      }
    }
  }
  const since = new Date(Date.parse(at) - SUBJECT_FALLBACK_DAYS * 86_400_000).toISOString();
  const { rows } = await tx.query<{ t: Thread; k: Case | null }>(
    `select t.data as t, k.data as k from threads t left join cases k on k.id = t.case_id
      where t.customer_id = $1 and t.channel = 'email' and t.opened_at >= $2 and (k.status is null or k.status <> 'closed')
      order by t.opened_at desc limit 200`,
    [customerId, since],
  );
  for (const r of rows) if (baseSubject(r.t.subject) === subject) return { thread: r.t, case: caseState(r.t.caseId) ?? r.k };
  return null;
}

function caseSubject(subject: string | null | undefined, body: string, channel: string): string {
  const s = subject ? clean(subject).trim() : '';
  if (s) return s.slice(0, 500);
  const line = body.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  if (line) return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return `${channel[0]?.toUpperCase() ?? ''}${channel.slice(1)} conversation`;
}

function newCustomerFrom(it: Prepared, teamId: string, at: string): Customer {
  const emails = it.keys.filter((k) => k.kind === 'email').map((k) => k.value);
  const phones = it.keys.filter((k) => k.kind === 'phone').map((k) => k.value);
  const social = normaliseHandle(it.msg.identity.social ?? null);
  const name = it.rawName ?? emails[0] ?? phones[0] ?? (social ? `@${social.handle}` : null) ?? 'Unknown contact';
  const text = `${it.msg.subject ?? ''} ${it.body}`;
  return {
    id: newId(),
    teamId,
    name: name.slice(0, 200),
    emails,
    phones,
    socialHandles: social ? [social] : [],
    language: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
    segment: 'adult',
    vip: false,
    devices: [],
    createdAt: at,
    updatedAt: at,
  };
}

// ---------------------------------------------------------------------------------------------
// Group commit: concurrent calls on one database share transactions (one in flight at a time).

interface Pending {
  item: Prepared;
  deps: IngestDeps;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

interface Queue {
  pending: Pending[];
  running: boolean;
}
const queues = new WeakMap<Db, Queue>();

/**
 * The one ingestion pipeline (DESIGN.md "Channel adapters"). In one transaction: dedupe on
 * (channel, providerMessageId) — a duplicate appends nothing and answers the existing ids; resolve the
 * customer (identity module: strong match joins, several or weak → new customer + merge suggestion);
 * find the thread (channel + threadRef; email also In-Reply-To/References and the subject within 30
 * days) or open one on the customer's open case for that channel or a new case (P2; P0 on safety
 * language, with SLA due times); append message.received. After commit, `poke`.
 * Calls arriving while a transaction runs are committed together in the next one (group commit).
 * Throws OmnideskError INVALID_ARGUMENT for a malformed message.
 */
export function ingestInbound(deps: IngestDeps, msg: InboundMessage): Promise<IngestResult> {
  let item: Prepared;
  try {
    item = prepareInbound(msg, deps.phoneRegion);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error('invalid inbound message'));
  }
  return new Promise<IngestResult>((resolve, reject) => {
    let q = queues.get(deps.db);
    if (!q) {
      q = { pending: [], running: false };
      queues.set(deps.db, q);
    }
    q.pending.push({ item, deps, resolve, reject });
    if (!q.running) void drain(deps.db, q);
  });
}

/** Several messages of one delivery (a webhook with many entries), in order, sharing transactions. */
export function ingestInboundAll(deps: IngestDeps, msgs: readonly InboundMessage[]): Promise<Array<PromiseSettledResult<IngestResult>>> {
  return Promise.allSettled(msgs.map((m) => ingestInbound(deps, m)));
}

async function drain(db: Db, q: Queue): Promise<void> {
  q.running = true;
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, MAX_BATCH);
      await runBatch(db, batch);
    }
  } finally {
    q.running = false;
  }
}

async function runBatch(db: Db, batch: Pending[]): Promise<void> {
  const deps = (batch[0] as Pending).deps;
  try {
    const out = await db.transaction((tx) => ingestBatchInTx(tx, batch.map((p) => p.item), { defaultTeamId: deps.defaultTeamId }));
    afterCommit(batch, out);
  } catch (err) {
    if (batch.length > 1) {
      // one bad message must not fail the others: retry one by one
      for (const p of batch) await runBatch(db, [p]);
      return;
    }
    const p = batch[0] as Pending;
    if (err instanceof OmnideskError) p.deps.logger.warn({ channel: p.item.msg.channel, code: err.code }, 'inbound message refused');
    else p.deps.logger.error({ channel: p.item.msg.channel, err: safeError(err) }, 'inbound message failed');
    p.reject(err);
  }
}

function afterCommit(batch: Pending[], out: BatchOutcome): void {
  const pokes = new Set<NonNullable<IngestDeps['poke']>>();
  batch.forEach((p, i) => {
    const r = out.results[i] as IngestResult;
    p.deps.logger.debug({ channel: p.item.msg.channel, status: r.status, eventId: r.eventId, customerId: r.customerId, newCustomer: r.newCustomer }, 'inbound message');
    if (p.deps.poke) pokes.add(p.deps.poke);
    p.resolve(r);
  });
  if (out.teamSeqs.size) {
    for (const poke of pokes) {
      try {
        poke(out.teamSeqs);
      } catch (err) {
        (batch[0] as Pending).deps.logger.error({ err: safeError(err) }, 'poke after ingest failed');
      }
    }
  }
}

/** For tests and benchmarks: prepare + one transaction, no group commit. */
export async function ingestBatchNow(deps: IngestDeps, msgs: readonly InboundMessage[]): Promise<IngestResult[]> {
  const items = msgs.map((m) => prepareInbound(m, deps.phoneRegion));
  const out = await deps.db.transaction((tx) => ingestBatchInTx(tx, items, { defaultTeamId: deps.defaultTeamId }));
  if (out.teamSeqs.size) deps.poke?.(out.teamSeqs);
  return out.results;
}
