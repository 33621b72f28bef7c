import { OmnideskError } from '../../../shared/kernel/errors';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { Event } from '../../../shared/kernel/event';
import { applyToCase, applyToCustomer } from '../../../shared/kernel/projection';
import { appendHooks } from './hooks';
import { bulkInsert } from '../db/bulk';
import { toNumber, type Queryable } from '../db/types';
import { EVENT_ROW_COLUMNS, eventToRow, type EventRow } from './rows';

/**
 * The single-writer lock of the event log. Held from seq assignment to commit, so seq order equals
 * commit order: when a reader sees seq N committed, every seq < N is committed too, and a pull after
 * a cursor can never skip a late commit.
 */
export const EVENT_LOG_LOCK = 7_300_002;

export interface AppendResult {
  /** The appended events with their seq, in seq order. */
  events: Event[];
  /** Highest seq appended per team (for sync:poke). */
  teamSeqs: Map<string, number>;
}

/** Takes the event-log lock (idempotent within a transaction; callers may take it earlier). */
export async function lockEventLog(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK]);
}

/**
 * Appends events in order, assigning seq = max+1…, and updates the projections (customers, cases,
 * threads) in the same transaction with the shared pure functions. `tx` must be a transaction.
 * Entity-creating events (customer.created, case.opened, thread.opened) insert their snapshot.
 * Throws OmnideskError INVALID_ARGUMENT / NOT_FOUND / CONFLICT for inconsistent input; nothing is
 * written then (the caller's transaction rolls back).
 */
export async function appendEvents(tx: Queryable, input: readonly Event[]): Promise<AppendResult> {
  if (input.length === 0) return { events: [], teamSeqs: new Map() };
  // Features may check and complete events first (a merge fills in exactly what moves).
  let prepared = input;
  for (const h of appendHooks()) if (h.prepare) prepared = await h.prepare(tx, prepared);
  const events = prepared.map((e, i) => {
    const r = Event.safeParse(e);
    if (!r.success) throw new OmnideskError('INVALID_ARGUMENT', `event ${i} does not match the Event schema`);
    if (hasNul(r.data.body) || hasNul(r.data.meta) || hasNul(r.data.author)) {
      throw new OmnideskError('INVALID_ARGUMENT', `event ${i}: text must not contain NUL characters`);
    }
    return r.data;
  });

  await lockEventLog(tx);
  const { rows: seqRows } = await tx.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events');
  let seq = toNumber(seqRows[0]?.m);

  // Load everything the batch refers to, including the ids it creates (so an existing one is a CONFLICT).
  const wantedCustomers = unique(events.map((e) => e.customerId));
  const wantedCases = unique(events.flatMap((e) => (e.caseId ? [e.caseId] : [])));
  const wantedThreads = unique(events.flatMap((e) => (e.threadId ? [e.threadId] : [])));

  const customers = new Map<string, Customer>();
  const cases = new Map<string, Case>();
  const threads = new Map<string, Pick<Thread, 'id' | 'customerId' | 'caseId'>>();
  if (wantedCustomers.length) {
    const { rows } = await tx.query<{ data: Customer }>('select data from customers where id = any($1::uuid[])', [wantedCustomers]);
    for (const r of rows) customers.set(r.data.id, r.data);
  }
  if (wantedCases.length) {
    const { rows } = await tx.query<{ data: Case }>('select data from cases where id = any($1::uuid[])', [wantedCases]);
    for (const r of rows) cases.set(r.data.id, r.data);
  }
  if (wantedThreads.length) {
    const { rows } = await tx.query<{ id: string; customer_id: string; case_id: string | null }>(
      'select id, customer_id, case_id from threads where id = any($1::uuid[])',
      [wantedThreads],
    );
    for (const r of rows) threads.set(r.id, { id: r.id, customerId: r.customer_id, caseId: r.case_id });
  }

  const dirtyCustomers = new Set<string>();
  const dirtyCases = new Set<string>();
  const newThreads: Thread[] = [];
  const newCustomers: Customer[] = [];
  const stored: Event[] = [];
  const rows: EventRow[] = [];
  const teamSeqs = new Map<string, number>();

  events.forEach((e, i) => {
    const where = `event ${i} (${e.kind})`;
    switch (e.kind) {
      case 'customer.created': {
        const c = e.meta.customer;
        if (c.id !== e.customerId) throw new OmnideskError('INVALID_ARGUMENT', `${where}: customerId differs from the snapshot`);
        if (customers.has(c.id)) throw new OmnideskError('CONFLICT', `${where}: customer exists`);
        customers.set(c.id, c);
        dirtyCustomers.add(c.id);
        newCustomers.push(c);
        break;
      }
      case 'case.opened': {
        const k = e.meta.case;
        if (k.id !== e.caseId || k.customerId !== e.customerId) {
          throw new OmnideskError('INVALID_ARGUMENT', `${where}: ids differ from the snapshot`);
        }
        if (cases.has(k.id)) throw new OmnideskError('CONFLICT', `${where}: case exists`);
        cases.set(k.id, k);
        dirtyCases.add(k.id);
        break;
      }
      case 'thread.opened': {
        const t = e.meta.thread;
        if (t.id !== e.threadId || t.customerId !== e.customerId || t.caseId !== e.caseId) {
          throw new OmnideskError('INVALID_ARGUMENT', `${where}: ids differ from the snapshot`);
        }
        if (threads.has(t.id)) throw new OmnideskError('CONFLICT', `${where}: thread exists`);
        threads.set(t.id, t);
        newThreads.push(t);
        break;
      }
      default:
        break;
    }
    const customer = customers.get(e.customerId);
    if (!customer) throw new OmnideskError('NOT_FOUND', `${where}: customer not found`);
    if (e.kind === 'case.opened' && e.meta.case.teamId !== customer.teamId) {
      throw new OmnideskError('INVALID_ARGUMENT', `${where}: a case belongs to its customer's team`);
    }
    if (e.caseId) {
      const k = cases.get(e.caseId);
      if (!k) throw new OmnideskError('NOT_FOUND', `${where}: case not found`);
      if (k.customerId !== e.customerId) throw new OmnideskError('INVALID_ARGUMENT', `${where}: case belongs to another customer`);
      const next = applyToCase(k, e);
      if (next !== k) {
        cases.set(k.id, next);
        dirtyCases.add(k.id);
      }
    }
    if (e.threadId) {
      const t = threads.get(e.threadId);
      if (!t) throw new OmnideskError('NOT_FOUND', `${where}: thread not found`);
      if (t.customerId !== e.customerId) throw new OmnideskError('INVALID_ARGUMENT', `${where}: thread belongs to another customer`);
    }
    if (e.kind === 'customer.updated') {
      customers.set(customer.id, applyToCustomer(customer, e));
      dirtyCustomers.add(customer.id);
    }
    seq += 1;
    const teamId = customer.teamId;
    stored.push({ ...e, seq });
    teamSeqs.set(teamId, seq);
    rows.push(eventToRow(e, seq, teamId));
  });

  await upsertCustomers(tx, [...dirtyCustomers].map((id) => customers.get(id) as Customer));
  await insertIdentities(tx, newCustomers);
  await upsertCases(tx, [...dirtyCases].map((id) => cases.get(id) as Case));
  await insertThreads(tx, newThreads, customers);
  await bulkInsert(tx, 'events', EVENT_ROW_COLUMNS, rows);
  // Then what features add in the same transaction (a delivery row per reply, merges re-pointing projections).
  for (const h of appendHooks()) if (h.afterAppend) await h.afterAppend(tx, stored);
  return { events: stored, teamSeqs };
}

async function upsertCustomers(tx: Queryable, list: Customer[]): Promise<void> {
  const rows = list.map((c) => ({
    id: c.id, team_id: c.teamId, name: c.name, language: c.language, segment: c.segment, vip: c.vip,
    created_at: c.createdAt, updated_at: c.updatedAt, data: c,
  }));
  await bulkInsert(
    tx,
    'customers',
    { id: 'uuid', team_id: 'uuid', name: 'text', language: 'text', segment: 'text', vip: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz', data: 'jsonb' },
    rows,
    { conflict: { on: ['id'], update: ['team_id', 'name', 'language', 'segment', 'vip', 'updated_at', 'data'] } },
  );
}

async function insertIdentities(tx: Queryable, list: Customer[]): Promise<void> {
  const rows: Array<{ kind: string; value: string; customer_id: string }> = [];
  for (const c of list) {
    for (const e of c.emails) rows.push({ kind: 'email', value: e.toLowerCase(), customer_id: c.id });
    for (const p of c.phones) rows.push({ kind: 'phone', value: p, customer_id: c.id });
    for (const s of c.socialHandles) rows.push({ kind: 'social', value: `${s.network}:${s.handle.toLowerCase()}`, customer_id: c.id });
  }
  await bulkInsert(tx, 'customer_identities', { kind: 'text', value: 'text', customer_id: 'uuid' }, rows, { conflict: 'ignore' });
}

async function upsertCases(tx: Queryable, list: Case[]): Promise<void> {
  const rows = list.map((k) => ({
    id: k.id, customer_id: k.customerId, team_id: k.teamId, status: k.status, priority: k.priority, assignee_id: k.assigneeId,
    opened_at: k.openedAt, updated_at: k.updatedAt, data: k,
  }));
  await bulkInsert(
    tx,
    'cases',
    { id: 'uuid', customer_id: 'uuid', team_id: 'uuid', status: 'text', priority: 'text', assignee_id: 'uuid', opened_at: 'timestamptz', updated_at: 'timestamptz', data: 'jsonb' },
    rows,
    { conflict: { on: ['id'], update: ['team_id', 'status', 'priority', 'assignee_id', 'updated_at', 'data'] } },
  );
}

async function insertThreads(tx: Queryable, list: Thread[], customers: Map<string, Customer>): Promise<void> {
  const rows = list.map((t) => ({
    id: t.id, customer_id: t.customerId, case_id: t.caseId, team_id: (customers.get(t.customerId) as Customer).teamId,
    channel: t.channel, external_ref: t.externalRef, opened_at: t.openedAt, data: t,
  }));
  await bulkInsert(
    tx,
    'threads',
    { id: 'uuid', customer_id: 'uuid', case_id: 'uuid', team_id: 'uuid', channel: 'text', external_ref: 'text', opened_at: 'timestamptz', data: 'jsonb' },
    rows,
  );
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** Postgres text cannot hold U+0000; refuse it clearly instead of failing inside the database. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.values(v).some(hasNul);
  return false;
}
