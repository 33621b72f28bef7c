import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import type { z } from 'zod';
import type { Author, CallOutcome, Event } from '../../../shared/kernel/event';
import { newId } from '../../../shared/kernel/ids';
import { slaDueTimes } from '../../../shared/features/sla/due';
import { toIso, type Queryable } from '../../kernel/db/types';
import type { EventLogTx } from '../../kernel/events/unit-of-work';
import { decideMatch } from '../../features/identity/match';
import { customerPhone, DEFAULT_PHONE_SETTINGS, isDeskNumber, type PhoneSettings } from '../../features/identity/phone-settings';
import { findStrong } from '../../features/identity/store';
import type { IngestDeps } from '../ingest';
import { firstUser, MISSED_CAUSES, type CtiEvent } from './cti';

export interface CallPop {
  callId: string;
  customerId: string;
  /** the caller was not known: the customer was just created from the number (the desktop shows a "new caller" form) */
  newCaller: boolean;
  from: string;
  direction: 'in' | 'out';
}

export interface CtiOutcome {
  /** recorded: kept in `calls` only (a withheld number not answered yet, or missed); ignored: internal or unknown */
  status: 'appended' | 'duplicate' | 'ignored' | 'recorded';
  /** who to pop the call to (answer events with a known agent) */
  pop: { agentId: string; call: CallPop } | null;
  teamSeqs: Map<string, number>;
}

const SYSTEM: Author = { type: 'system', id: null, name: null };

interface CallRow {
  call_id: string;
  /** null: the number is withheld and nobody has answered yet */
  customer_id: string | null;
  direction: 'in' | 'out';
  started_at: unknown;
  answered_at: unknown;
  answered_by: string | null;
  ended_at: unknown;
  new_caller?: boolean;
}

export interface CtiOptions {
  defaultTeamId?: string | null;
  teamHint?: string | null;
  /** the desk's region and own numbers (OMNIDESK_PHONE_REGION, OMNIDESK_DESK_NUMBERS) */
  phone?: PhoneSettings;
}

/**
 * One CTI event → events, in one transaction under the event-log lock, at most once per (callId, event):
 *  newCall → the customer by number, read in the desk's region (from for inbound, to for outbound; unknown →
 *            a new customer named after the number, ambiguous → new + merge suggestion) and `call.started`;
 *            a call from or to one of the desk's own numbers is internal: ignored. A withheld or unreadable
 *            caller number makes no customer yet: the call is recorded and waits for an answer;
 *  answer  → `call.answered` (answeredBy = the agent whose username is `user`) and a pop to that agent (a
 *            withheld caller becomes an "Unknown caller" customer now, for the agent to fill in);
 *  hangup  → the call joins a case: a missed inbound call (cancel/noAnswer/busy before an answer) opens a
 *            "Callback" case (P2, in the queue), unless there is no number to call back (withheld: the
 *            missed call is recorded, nothing opens); an answered call joins the customer's open phone case
 *            or a new one; then `call.ended` with duration, outcome and recording link.
 * An answer or hangup of a call we never saw starts it implicitly (telephony systems lose events too).
 */
export async function handleCtiEvent(log: EventLogTx, e: CtiEvent, options: CtiOptions = {}): Promise<CtiOutcome> {
  const { tx } = log;
  const phone = options.phone ?? DEFAULT_PHONE_SETTINGS;
  const key = `${e.callId}:${e.event}`;
  const { rows: dup } = await tx.query('select 1 from inbound_provider_ids where channel = $1 and provider_message_id = $2', ['phone', key]);
  if (dup.length) return { status: 'duplicate', pop: null, teamSeqs: new Map() };
  const now = new Date().toISOString();
  const events: Event[] = [];
  let call = await loadCall(tx, e.callId);

  if (!call) {
    const number = e.direction === 'in' ? e.from : e.to;
    // an internal call (a transfer between the desk's lines, a test call) is nobody's timeline
    if (isDeskNumber(phone, number) || (e.direction === 'out' && !customerPhone(phone, number))) return { status: 'ignored', pop: null, teamSeqs: new Map() };
    call = { call_id: e.callId, customer_id: null, direction: e.direction, started_at: now, answered_at: null, answered_by: null, ended_at: null, new_caller: true };
    await tx.query(`insert into calls (call_id, customer_id, direction, new_caller, started_at) values ($1, null, $2, true, $3)`, [e.callId, e.direction, now]);
    if (customerPhone(phone, number)) await identifyCaller(tx, call, e, phone, options, events);
  }

  let pop: CtiOutcome['pop'] = null;
  if (e.event === 'answer' && !call.answered_at && !call.ended_at) {
    if (!call.customer_id) await identifyCaller(tx, call, e, phone, options, events);
    const customerId = call.customer_id as string;
    const username = firstUser(e);
    const { rows } = username ? await tx.query<{ id: string }>('select id from agents where username = $1', [username]) : { rows: [] };
    const agentId = rows[0]?.id ?? null;
    events.push({ id: newId(), seq: null, customerId, caseId: null, threadId: null, channel: 'phone', kind: 'call.answered', author: SYSTEM, body: null, occurredAt: now, meta: { callId: e.callId, answeredBy: agentId } });
    await tx.query('update calls set answered_at = $2, answered_by = $3 where call_id = $1', [e.callId, now, agentId]);
    call.answered_at = now;
    call.answered_by = agentId;
    if (agentId) {
      pop = { agentId, call: { callId: e.callId, customerId, newCaller: call.new_caller ?? false, from: e.from, direction: call.direction } };
    }
  }

  if (e.event === 'hangup' && !call.ended_at) {
    const answeredAt = call.answered_at ? Date.parse(toIso(call.answered_at)) : null;
    const outcome = e.cause ?? (answeredAt ? 'normalClearing' : 'noAnswer');
    await tx.query('update calls set ended_at = $2, outcome = $3 where call_id = $1', [e.callId, now, outcome]);
    const customer = call.customer_id ? (await tx.query<{ data: Customer }>('select data from customers where id = $1', [call.customer_id])).rows[0]?.data : undefined;
    if (customer) events.push(...(await endCall(tx, call, customer, e, { now, answeredAt, outcome })));
  }

  const appended = await log.append(events);
  const last = events.at(-1);
  await tx.query(
    `insert into inbound_provider_ids (channel, provider_message_id, event_id, customer_id, case_id, thread_id) values ('phone', $1, $2, $3, $4, $5)`,
    [key, last?.id ?? newId(), call.customer_id, last?.caseId ?? null, last?.threadId ?? null],
  );
  return { status: events.length ? 'appended' : call.customer_id ? 'ignored' : 'recorded', pop, teamSeqs: appended.teamSeqs };
}

/** The call gets its customer (found or new) and `call.started`; `call` is updated in place. */
async function identifyCaller(tx: Queryable, call: CallRow, e: CtiEvent, phone: PhoneSettings, options: CtiOptions, events: Event[]): Promise<void> {
  const at = toIso(call.started_at);
  const resolved = await resolveCaller(tx, customerPhone(phone, e.direction === 'in' ? e.from : e.to), at, options);
  events.push(...resolved.events);
  events.push({
    id: newId(), seq: null, customerId: resolved.customer.id, caseId: null, threadId: null, channel: 'phone', kind: 'call.started', author: SYSTEM, body: null, occurredAt: at,
    meta: { direction: e.direction, from: e.from.slice(0, 64), to: e.to.slice(0, 64), callId: e.callId },
  });
  call.customer_id = resolved.customer.id;
  call.new_caller = resolved.newCustomer;
  await tx.query('update calls set customer_id = $2, new_caller = $3 where call_id = $1', [call.call_id, call.customer_id, call.new_caller]);
}

/** Hangup of a call with a customer: the case it joins (a Callback for a missed one with a number), its thread, `call.ended`. */
async function endCall(tx: Queryable, call: CallRow, customer: Customer, e: CtiEvent, t: { now: string; answeredAt: number | null; outcome: z.infer<typeof CallOutcome> }): Promise<Event[]> {
  const { now, answeredAt, outcome } = t;
  const events: Event[] = [];
  const missed = call.direction === 'in' && !answeredAt && MISSED_CAUSES.has(outcome);
  let kase: Case | null = null;
  if (missed && customer.phones.length > 0) {
    kase = newCase(customer, 'Callback', now);
    events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'phone', kind: 'case.opened', author: SYSTEM, body: null, occurredAt: now, meta: { case: kase } });
  } else if (answeredAt) {
    const { rows } = await tx.query<{ data: Case }>(
      `select k.data from cases k join threads t on t.case_id = k.id
        where k.customer_id = $1 and t.channel = 'phone' and k.status in ('open', 'pending', 'waiting_on_customer')
        order by k.opened_at desc limit 1`,
      [customer.id],
    );
    kase = rows[0]?.data ?? null;
    if (!kase) {
      // the agent who took the call owns what it opened: the router does not offer a call someone answered (issue 15)
      kase = { ...newCase(customer, call.direction === 'in' ? 'Phone call' : 'Outgoing call', now), assigneeId: call.answered_by };
      events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId: null, channel: 'phone', kind: 'case.opened', author: SYSTEM, body: null, occurredAt: now, meta: { case: kase } });
    }
  }
  let threadId: string | null = null;
  if (kase) {
    const thread: Thread = { id: newId(), customerId: customer.id, caseId: kase.id, channel: 'phone', subject: null, externalRef: e.callId, openedAt: now };
    threadId = thread.id;
    events.push({ id: newId(), seq: null, customerId: customer.id, caseId: kase.id, threadId, channel: 'phone', kind: 'thread.opened', author: SYSTEM, body: null, occurredAt: now, meta: { thread } });
  }
  const durationSec = answeredAt ? Math.max(0, Math.round((Date.parse(now) - answeredAt) / 1000)) : 0;
  events.push({
    id: newId(), seq: null, customerId: customer.id, caseId: kase?.id ?? null, threadId, channel: 'phone', kind: 'call.ended', author: SYSTEM, body: null, occurredAt: now,
    meta: { direction: call.direction, callId: e.callId, durationSec, outcome, recordingUrl: e.recordingUrl ?? null, answeredBy: call.answered_by },
  });
  await tx.query('update calls set case_id = $2, thread_id = $3 where call_id = $1', [e.callId, kase?.id ?? null, threadId]);
  return events;
}

async function loadCall(tx: Queryable, callId: string): Promise<CallRow | null> {
  const { rows } = await tx.query<CallRow>('select call_id, customer_id, direction, new_caller, started_at, answered_at, answered_by, ended_at from calls where call_id = $1', [callId]);
  return rows[0] ?? null;
}

function newCase(customer: Customer, subject: string, at: string): Case {
  return {
    id: newId(), customerId: customer.id, teamId: customer.teamId, subject, status: 'open', priority: 'P2', assigneeId: null,
    openedAt: at, updatedAt: at, ...slaDueTimes(at, 'P2'), firstRespondedAt: null, resolvedAt: null,
  };
}

async function resolveCaller(
  tx: Queryable,
  phone: string | null,
  at: string,
  options: CtiOptions,
): Promise<{ customer: Customer; newCustomer: boolean; events: Event[] }> {
  const keys = phone ? [{ kind: 'phone' as const, value: phone }] : [];
  const strong = await findStrong(tx, keys);
  const decision = decideMatch({ keys, name: null, strong, weak: [] });
  if (decision.kind === 'join') {
    const { rows } = await tx.query<{ data: Customer }>('select data from customers where id = $1', [decision.customerId]);
    if (rows[0]) return { customer: rows[0].data, newCustomer: false, events: [] };
  }
  const suggestions = decision.kind === 'new' ? decision.suggestions : [];
  let teamId: string | null = null;
  if (suggestions.length) {
    const { rows } = await tx.query<{ team_id: string }>('select distinct team_id from customers where id = any($1::uuid[])', [suggestions.map((s) => s.customerId)]);
    if (rows.length === 1) teamId = (rows[0] as { team_id: string }).team_id;
  }
  if (!teamId && options.teamHint) {
    const { rows } = await tx.query<{ id: string }>('select id from teams where id::text = $1 or lower(name) = lower($1) limit 1', [options.teamHint]);
    teamId = rows[0]?.id ?? null;
  }
  teamId ??=
    (
      await tx.query<{ id: string }>(`select id from teams where $1::text is null or id::text = $1 or lower(name) = lower($1) order by name, id limit 1`, [
        options.defaultTeamId ?? null,
      ])
    ).rows[0]?.id ?? null;
  if (!teamId) throw new Error('no team to route new callers to');
  const customer: Customer = {
    id: newId(), teamId, name: phone ?? 'Unknown caller', emails: [], phones: phone ? [phone] : [], socialHandles: [],
    language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at,
  };
  const events: Event[] = [{ id: newId(), seq: null, customerId: customer.id, caseId: null, threadId: null, channel: 'phone', kind: 'customer.created', author: SYSTEM, body: null, occurredAt: at, meta: { customer } }];
  if (suggestions.length) {
    events.push({ id: newId(), seq: null, customerId: customer.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.merge_suggested', author: SYSTEM, body: null, occurredAt: at, meta: { candidates: suggestions.slice(0, 20) } });
    for (const s of suggestions) {
      await tx.query('insert into merge_suggestions (id, customer_id, candidate_id, reason) values ($1, $2, $3, $4) on conflict do nothing', [newId(), customer.id, s.customerId, s.reason]);
    }
  }
  return { customer, newCustomer: true, events };
}

export type { IngestDeps };
