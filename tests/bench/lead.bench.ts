/**
 * The lead console (issue 16).
 * - lead.kpis.events_500k_ms (< 500; goal ≤ 100): the quality figures of 30 days of a 50-agent team — about 500,000
 *   events in the log — per day and per agent, from the read model (lead_case_facts), on PostgreSQL.
 * - lead.readmodel.catchup_events_per_s: the read model rebuilt from that log (every case's events folded again).
 * - lead.wallboard.update.median_ms / .p99_ms (p99 < 2000; goal ≤ 300): a stream of inbound chats into a real server
 *   with 50 agents' desktops connected; from the message's arrival to the lead's socket receiving a wallboard that
 *   counts it (pushed; the push gathers changes for WALLBOARD_DEBOUNCE_MS first).
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createServer } from '../../src/server/app';
import { ingestInbound } from '../../src/server/channels/ingest';
import type { InboundMessage } from '../../src/server/channels/types';
import { leadFactsHook, rebuildFacts, teamKpis, WALLBOARD_DEBOUNCE_MS } from '../../src/server/features/lead';
import { signAccessToken } from '../../src/server/kernel/auth/tokens';
import { migrate, type Db } from '../../src/server/kernel/db/index';
import { appendEvents, registerAppendHook } from '../../src/server/kernel/events/index';
import { createLogger } from '../../src/server/kernel/logger';
import { DEMO_TEAMS, generateDemoData, seedDatabase } from '../../src/server/seed';
import { deterministicId, KpiQuery, LEAD_LIVE, newId, slaDueTimes, type Event, type Wallboard } from '../../src/shared';
import { eachOnScratchDatabase } from './bench-database';
import { record, time } from './lib';

const TEAM = DEMO_TEAMS.glucose.id;
const AGENTS = 50;
const DAYS = 30;
const TARGET_EVENTS = 500_000;
const SECRET = 'bench-lead-secret-0123456789-abcdefghijklmnop';

/** A small deterministic PRNG (mulberry32): the same month every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 30 days of one team: customers write on all four channels, agents answer (some late, after an SLA warning or
 * breach), calls are answered and talked through, cases are transferred, wait on the customer, are resolved and some
 * reopened, and customers come back. About 10 events a case.
 */
function month(agentIds: readonly string[], end: number): Event[] {
  const rand = rng(16);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const start = end - DAYS * 86_400_000;
  const events: Event[] = [];
  let n = 0;
  const id = () => deterministicId(start, ++n);
  const sys = { type: 'system' as const, id: null, name: null };
  const at = (ms: number) => new Date(ms).toISOString();
  const customers: string[] = [];
  const createdAt = new Map<string, number>();
  const kinds = ['cgm', 'ecg_patch', 'bp_cuff', 'pulse_oximeter', 'smart_watch'] as const;
  while (events.length < TARGET_EVENTS) {
    const opened = start + Math.floor(rand() * (DAYS * 86_400_000 - 3 * 3600_000));
    let customerId = customers.length > 100 && rand() < 0.15 ? pick(customers) : '';
    // a returning customer: one who existed before this contact
    if (!customerId || createdAt.get(customerId)! >= opened - 1000) {
      customerId = id();
      customers.push(customerId);
      createdAt.set(customerId, opened - 1000);
      events.push({
        id: id(), seq: 0, customerId, caseId: null, threadId: null, channel: 'internal', author: sys, body: null, occurredAt: at(opened - 1000), kind: 'customer.created',
        meta: { customer: { id: customerId, teamId: TEAM, name: `Lead Bench ${customers.length}`, emails: [], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [{ kind: pick(kinds), model: 'M1', serial: 'SN1', firmware: '1.0', warrantyUntil: '2027-12-31' }], createdAt: at(opened - 1000), updatedAt: at(opened - 1000) } },
      } as Event);
    }
    const caseId = id();
    const channel = pick(['email', 'chat', 'chat', 'phone', 'social'] as const);
    const base = { customerId, caseId, threadId: null, body: null } as const;
    const priority = pick(['P1', 'P2', 'P2', 'P2', 'P3'] as const);
    events.push({
      ...base, id: id(), seq: 0, channel, author: sys, occurredAt: at(opened), kind: 'case.opened',
      meta: { case: { id: caseId, customerId, teamId: TEAM, subject: 'Bench case', status: 'open', priority, assigneeId: null, openedAt: at(opened), updatedAt: at(opened), ...slaDueTimes(at(opened), priority), firstRespondedAt: null, resolvedAt: null } },
    } as Event);
    const agent = pick(agentIds);
    const by = { type: 'agent' as const, id: agent, name: 'Bench Agent' };
    const cust = { type: 'customer' as const, id: customerId, name: null };
    let t = opened;
    events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 60_000)), kind: 'case.assigned', meta: { from: null, to: agent } } as Event);
    if (channel === 'phone') {
      events.push({ ...base, id: id(), seq: 0, channel, author: sys, occurredAt: at(opened), kind: 'call.started', meta: { direction: 'in', from: '+14155550100', to: '+14155550199', callId: caseId } } as Event);
      events.push({ ...base, id: id(), seq: 0, channel, author: sys, occurredAt: at((t += 20_000)), kind: 'call.answered', meta: { callId: caseId, answeredBy: agent } } as Event);
      const talk = 120 + Math.floor(rand() * 900);
      events.push({ ...base, id: id(), seq: 0, channel, author: sys, occurredAt: at((t += talk * 1000)), kind: 'call.ended', meta: { direction: 'in', callId: caseId, durationSec: talk, outcome: 'normalClearing', recordingUrl: null, answeredBy: agent } } as Event);
    }
    const rounds = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < rounds; i++) {
      events.push({ ...base, id: id(), seq: 0, channel: channel === 'phone' ? 'email' : channel, author: cust, body: 'Question', occurredAt: at((t += 5 * 60_000)), kind: 'message.received', meta: { subject: null, providerMessageId: null, network: null } } as Event);
      const late = rand() < 0.1;
      if (late) events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: sys, occurredAt: at((t += 30 * 60_000)), kind: 'sla.breached', meta: { clock: i === 0 ? 'firstResponse' : 'nextResponse', cycle: i, dueAt: at(t), late: false, lateByMs: 0 } } as Event);
      events.push({ ...base, id: id(), seq: 0, channel: channel === 'phone' ? 'email' : channel, author: by, body: 'Answer', occurredAt: at((t += (late ? 10 : 3 + Math.floor(rand() * 20)) * 60_000)), kind: 'message.sent', meta: { subject: null, deliveryStatus: 'sent' } } as Event);
    }
    if (rand() < 0.2) {
      events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 10 * 60_000)), kind: 'case.status_changed', meta: { from: 'open', to: 'waiting_on_customer' } } as Event);
      events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 3600_000)), kind: 'case.status_changed', meta: { from: 'waiting_on_customer', to: 'open' } } as Event);
    }
    if (rand() < 0.1) {
      const other = pick(agentIds);
      events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 60_000)), kind: 'case.assigned', meta: { from: agent, to: other } } as Event);
    }
    if (rand() < 0.85 && t + 3600_000 < end) {
      events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 3600_000)), kind: 'case.status_changed', meta: { from: 'open', to: 'resolved' } } as Event);
      if (rand() < 0.05 && t + 86_400_000 < end) {
        events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at((t += 86_400_000)), kind: 'case.status_changed', meta: { from: 'resolved', to: 'open' } } as Event);
        events.push({ ...base, id: id(), seq: 0, channel: 'internal', author: by, occurredAt: at(t + 3600_000), kind: 'case.status_changed', meta: { from: 'open', to: 'resolved' } } as Event);
      }
    }
  }
  // the log's order is time order
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

async function addAgents(db: Db, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId());
  await db.query(
    `insert into agents (id, username, display_name, password_hash, role, team_ids, languages)
     select x.id, 'bench-lead-agent-' || x.n || '-' || substr(x.id::text, 1, 8), 'Bench Agent ' || x.n, 'x', 'agent', jsonb_build_array($2::text), '["en"]'::jsonb
       from unnest($1::uuid[]) with ordinality as x(id, n)`,
    [ids, TEAM],
  );
  return ids;
}

async function kpiBench(db: Db, kind: string): Promise<void> {
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 7, customers: 10 }));
  const agentIds = await addAgents(db, AGENTS);
  const end = Date.now();
  const events = month(agentIds, end);
  registerAppendHook(leadFactsHook);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 5000) await db.transaction((tx) => appendEvents(tx, events.slice(i, i + 5000).map((e) => ({ ...e, seq: null }))));
  const fillMs = performance.now() - t0;
  await db.exec('analyze');
  const { rows } = await db.query<{ n: unknown; c: unknown }>('select (select count(*) from events) as n, (select count(*) from lead_case_facts) as c');
  console.log(`  ${Number(rows[0]!.n).toLocaleString('en')} events, ${Number(rows[0]!.c).toLocaleString('en')} cases on ${kind}; appended with the read model folded live in ${(fillMs / 1000).toFixed(1)} s`);

  const q = KpiQuery.parse({ from: new Date(end - DAYS * 86_400_000).toISOString(), to: new Date(end).toISOString(), period: 'day', by: 'agent' });
  let rowsOut = 0;
  const t = await time(
    async () => {
      rowsOut = (await teamKpis(db, [TEAM], q)).rows.length;
    },
    10,
    2,
  );
  if (rowsOut < DAYS) throw new Error(`expected a row per day and agent, got ${rowsOut}`);
  record({ id: kind === 'postgres' ? 'lead.kpis.events_500k_ms' : 'lead.kpis.events_500k_ms_pglite', value: t.median, unit: 'ms', target: kind === 'postgres' ? '< 500' : null });

  const r0 = performance.now();
  const rebuilt = await db.transaction((tx) => rebuildFacts(tx, 1000));
  const rebuildMs = performance.now() - r0;
  record({ id: kind === 'postgres' ? 'lead.readmodel.catchup_events_per_s' : 'lead.readmodel.catchup_events_per_s_pglite', value: rebuilt.events / (rebuildMs / 1000), unit: 'events/s', target: null });
}

async function wallboardBench(db: Db, kind: string): Promise<void> {
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 8, customers: 60 }));
  const agentIds = await addAgents(db, AGENTS);
  const server = createServer({ db, jwtSecret: SECRET, logger: createLogger({ level: 'warn' }), jobs: { pollIntervalMs: 500 } });
  const url = await server.listen({ port: 0 });
  const sockets: Socket[] = [];
  const connect = async (agent: { id: string; role: 'agent' | 'lead'; teamIds: string[] }) => {
    const { token } = await signAccessToken(agent, SECRET);
    const s = connectSocket(url, { auth: { token, clientId: newId() }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    return s;
  };
  try {
    for (const id of agentIds) await connect({ id, role: 'agent', teamIds: [TEAM] });
    const { rows } = await db.query<{ id: string }>(`select id from agents where username = 'lena'`);
    const lead = await connect({ id: rows[0]!.id, role: 'lead', teamIds: [TEAM] });
    let latest: Wallboard | null = null;
    const waiters: Array<{ open: number; resolve(): void }> = [];
    lead.on(LEAD_LIVE.wallboard, (b: Wallboard) => {
      if (b.teamId !== TEAM) return;
      latest = b;
      for (const w of [...waiters]) if (b.totals.open >= w.open) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    const { rows: open } = await db.query<{ n: unknown }>(`select count(*) as n from cases where team_id = $1 and status not in ('resolved', 'closed')`, [TEAM]);
    let expected = Number(open[0]!.n);
    const deps = { db, poke: (s: ReadonlyMap<string, number>) => server.poke(s), logger: createLogger({ level: 'warn' }) };
    const latencies: number[] = [];
    const ROUNDS = 150;
    for (let i = 0; i < ROUNDS; i++) {
      const msg: InboundMessage = { channel: 'chat', providerMessageId: `bench-lead-${i}-${newId()}`, threadRef: `bench-lead-${i}-${newId()}`, identity: { displayName: `Visitor ${i}` }, body: `My sensor ${i} shows no readings`, occurredAt: new Date().toISOString(), teamHint: TEAM };
      expected += 1;
      const seen = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no wallboard counting ${expected} within 10 s (last: ${latest?.totals.open})`)), 10_000);
        waiters.push({ open: expected, resolve: () => (clearTimeout(timer), resolve()) });
      });
      const t0 = performance.now();
      await ingestInbound(deps, msg);
      await seen;
      latencies.push(performance.now() - t0);
      // a stream, not a flood: a new conversation every ~100 ms on top of the push's wait
      await new Promise((r) => setTimeout(r, 50 + (i % 5) * 20));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    console.log(`  ${AGENTS} agent sockets and the lead's; the push waits ${WALLBOARD_DEBOUNCE_MS} ms to gather changes`);
    record({ id: kind === 'postgres' ? 'lead.wallboard.update.p99_ms' : 'lead.wallboard.update.p99_ms_pglite', value: p(0.99), unit: 'ms', target: kind === 'postgres' ? '< 2000' : null });
    record({ id: kind === 'postgres' ? 'lead.wallboard.update.median_ms' : 'lead.wallboard.update.median_ms_pglite', value: p(0.5), unit: 'ms', target: null });
  } finally {
    for (const s of sockets) s.disconnect();
    await server.close();
  }
}

export async function benchLead(): Promise<void> {
  console.log(`\nLead console: figures of ${DAYS} days of a ${AGENTS}-agent team (~${TARGET_EVENTS.toLocaleString('en')} events); wallboard pushes with ${AGENTS} agents connected`);
  await eachOnScratchDatabase([kpiBench, wallboardBench]);
}
