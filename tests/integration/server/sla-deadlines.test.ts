/**
 * The SLA deadlines fire on the server with nobody online (issue 11): a deadline becomes a durable job in the
 * appending transaction, the job records sla.warned / sla.breached once per clock cycle, late firings (after a
 * restart or downtime) are marked late, and two instances on one PostgreSQL fire each deadline once.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OmnideskServer } from '../../../src/server/app';
import { installServerFeatures } from '../../../src/server/features';
import { insertTeams } from '../../../src/server/features/directory';
import { openPg } from '../../../src/server/kernel/db/pg';
import type { Db } from '../../../src/server/kernel/db/types';
import { withEventLog } from '../../../src/server/kernel/events';
import { createLogger } from '../../../src/server/kernel/logger';
import { DEMO_TEAMS } from '../../../src/server/seed';
import type { Case, Customer, Event, Priority } from '../../../src/shared';
import { newId } from '../../../src/shared/kernel/ids';
import { startServerProcess } from '../../support/server-proc';
import { waitFor } from '../../support/wait-for';
import { createScratchDatabase } from '../../support/postgres';
import { forEachDatabase, REQUIRE_SERVICES, POSTGRES_PROBLEM } from '../helpers/databases';

const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const silent = () => createLogger({ level: 'silent' });
const TEAM = DEMO_TEAMS.glucose;

/** Polls (every 15 ms) until `fn` gives something truthy: the shared helper, with this file's longer default. */
const until = <T>(what: string, fn: () => Promise<T | null | false | undefined>, timeoutMs = 30_000): Promise<T> =>
  waitFor(fn, { what, timeoutMs }) as Promise<T>;

/** A customer with a case of `priority` opened at `openedAt` on chat, appended as the ingest would (hooks run). */
async function openCase(db: Db, openedAt: number, priority: Priority = 'P0'): Promise<string> {
  installServerFeatures();
  const at = new Date(openedAt).toISOString();
  const customerId = newId();
  const caseId = newId();
  const customer: Customer = { id: customerId, teamId: TEAM.id, name: 'SLA test customer', emails: [], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at };
  const kase: Case = { id: caseId, customerId, teamId: TEAM.id, subject: 'sensor', status: 'open', priority, assigneeId: null, openedAt: at, updatedAt: at, firstResponseDueAt: at, resolutionDueAt: at, firstRespondedAt: null, resolvedAt: null };
  const system = { type: 'system' as const, id: null, name: null };
  const events: Event[] = [
    { id: newId(), seq: null, customerId, caseId: null, threadId: null, channel: 'internal', kind: 'customer.created', author: system, body: null, occurredAt: at, meta: { customer } },
    { id: newId(), seq: null, customerId, caseId, threadId: null, channel: 'chat', kind: 'case.opened', author: system, body: null, occurredAt: at, meta: { case: kase } },
  ];
  await withEventLog(db, null, (log) => log.append(events));
  return caseId;
}

interface SlaRow {
  kind: string;
  clock: string;
  late: boolean;
  late_by_ms: number;
}
async function slaEvents(db: Db, caseId: string): Promise<SlaRow[]> {
  const { rows } = await db.query<SlaRow>(
    `select kind, meta->>'clock' as clock, (meta->>'late')::boolean as late, (meta->>'lateByMs')::bigint as late_by_ms
       from events where case_id = $1 and kind like 'sla.%' order by seq`,
    [caseId],
  );
  return rows.map((r) => ({ ...r, late_by_ms: Number(r.late_by_ms) }));
}
const breaches = (rows: SlaRow[], clock = 'firstResponse') => rows.filter((r) => r.kind === 'sla.breached' && r.clock === clock);

forEachDatabase('SLA deadlines', (ctx) => {
  const servers: OmnideskServer[] = [];
  const start = () => {
    const s = createServer({ db: ctx.db, jwtSecret: 'sla-test-secret-0123456789-abcdefghijkl', logger: silent(), jobs: { pollIntervalMs: 50 } });
    servers.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  beforeAll(async () => {
    await insertTeams(ctx.db, [TEAM]);
  });

  it('a deadline fires with no client connected: the breach on time, the warning that had passed marked late', async () => {
    start();
    // P0: first response 15 min on the 24/7 calendar; breaches 2 s from now, warned (12 min) 3 min ago
    const caseId = await openCase(ctx.db, Date.now() - 15 * MIN + 2000);
    expect(breaches(await slaEvents(ctx.db, caseId))).toHaveLength(0);
    const rows = await until('the breach', async () => {
      const r = await slaEvents(ctx.db, caseId);
      return breaches(r).length ? r : null;
    });
    expect(breaches(rows)).toHaveLength(1);
    expect(breaches(rows)[0]!.late).toBe(false);
    const warned = rows.filter((r) => r.kind === 'sla.warned' && r.clock === 'firstResponse');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.late).toBe(true);
    // nothing fires twice: the next deadline (resolution's warning) is far away
    await sleep(500);
    expect(breaches(await slaEvents(ctx.db, caseId))).toHaveLength(1);
  });

  it('an hour of downtime loses no deadline: they fire once, late, when a server starts', async () => {
    // written while no server runs: the jobs wait in the database
    const caseId = await openCase(ctx.db, Date.now() - 90 * MIN, 'P2');
    start();
    const rows = await until('the late breach', async () => {
      const r = await slaEvents(ctx.db, caseId);
      return breaches(r).length ? r : null;
    });
    expect(breaches(rows)).toHaveLength(1);
    expect(breaches(rows)[0]).toMatchObject({ late: true });
    expect(breaches(rows)[0]!.late_by_ms).toBeGreaterThan(55 * MIN);
    // a second instance starting later finds nothing left to fire
    await Promise.all(servers.splice(0).map((s) => s.close()));
    start();
    await sleep(700);
    expect(breaches(await slaEvents(ctx.db, caseId))).toHaveLength(1);
  });
});

describe.skipIf(POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES)('SLA deadlines on PostgreSQL with several instances and crashes', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('two server instances on one PostgreSQL fire each deadline once', async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    const dbA = await openPg({ connectionString: scratch.url, max: 4 });
    const dbB = await openPg({ connectionString: scratch.url, max: 4 });
    cleanups.push(() => dbA.close(), () => dbB.close());
    const { migrate } = await import('../../../src/server/kernel/db/migrate');
    await migrate(dbA);
    await insertTeams(dbA, [TEAM]);
    const a = createServer({ db: dbA, jwtSecret: 'sla-test-secret-0123456789-abcdefghijkl', logger: silent(), jobs: { pollIntervalMs: 30 } });
    const b = createServer({ db: dbB, jwtSecret: 'sla-test-secret-0123456789-abcdefghijkl', logger: silent(), jobs: { pollIntervalMs: 30 } });
    cleanups.push(() => a.close(), () => b.close());
    const cases: string[] = [];
    for (let i = 0; i < 12; i++) cases.push(await openCase(i % 2 ? dbA : dbB, Date.now() - 15 * MIN + 1500 + i * 50));
    for (const caseId of cases) {
      await until(`the breach of ${caseId}`, async () => breaches(await slaEvents(dbA, caseId)).length > 0);
    }
    await sleep(500);
    for (const caseId of cases) {
      const rows = await slaEvents(dbA, caseId);
      expect(breaches(rows), caseId).toHaveLength(1);
      expect(rows.filter((r) => r.kind === 'sla.warned' && r.clock === 'firstResponse'), caseId).toHaveLength(1);
    }
  });

  it('a server killed just before a deadline fires it once after the restart', async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    const srv = await startServerProcess({ databaseUrl: scratch.url, name: 'sla-server' });
    cleanups.push(() => srv.dispose());
    const db = await openPg({ connectionString: scratch.url, max: 2 });
    cleanups.push(() => db.close());
    const caseId = await openCase(db, Date.now() - 15 * MIN + 4000);
    await srv.stop('SIGKILL');
    await sleep(6000);
    expect(breaches(await slaEvents(db, caseId))).toHaveLength(0);
    await srv.start();
    const rows = await until('the breach after the restart', async () => {
      const r = await slaEvents(db, caseId);
      return breaches(r).length ? r : null;
    }, 60_000);
    await sleep(1000);
    expect(breaches(await slaEvents(db, caseId))).toHaveLength(1);
    expect(breaches(rows)[0]!.late_by_ms).toBeGreaterThan(1000);
  });
});
