/**
 * Fault tests with real processes: the central server runs as its own process (its CLI) on PostgreSQL, and
 * is SIGKILLed mid-push; TCP connections are cut mid-stream by a local proxy; a desktop core process is
 * SIGKILLed mid-transaction and restarted; a desktop's clock is hours wrong. After each, every change is on
 * the server exactly once and every desktop converges to the server's state.
 * The PostgreSQL restart lives in postgres-restart.test.ts (it needs a private instance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg } from '../../../src/server/kernel/db/pg';
import type { Db } from '../../../src/server/kernel/db/types';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { startDesktopChild, type DesktopChild } from '../../support/desktop-child';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres';
import { startServerProcess, type ServerProcess } from '../../support/server-proc';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { POSTGRES_PROBLEM, REQUIRE_SERVICES } from '../helpers/databases';
import { cacheFileIn, eventCounts, expectConverged, readCache, serverTeamsOf } from './convergence';
import { maxServerSeq, openDesk, type Desk } from '../helpers/desk';

const skip = POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;

async function openCaseOf(db: Db, customerId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>("select id from cases where customer_id = $1 and status <> 'closed' order by opened_at limit 1", [customerId]);
  if (!rows[0]) throw new Error('no open case');
  return rows[0].id;
}

async function notesWithTag(db: Db, tag: string): Promise<Array<{ id: string; body: string }>> {
  const { rows } = await db.query<{ id: string; body: string }>("select id, body from events where kind = 'note.added' and body like $1", [`${tag} %`]);
  return rows;
}

describe.skipIf(skip)(skip ? `SKIPPED: PostgreSQL not reachable (${POSTGRES_PROBLEM})` : 'sync under faults (server process on PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let server: ServerProcess;
  let db: Db;
  const desks: Desk[] = [];
  const proxies: TcpProxy[] = [];

  /** until a desktop process is online and has seen the server's whole log (`drained`: and has pushed everything) */
  const caughtUp = (child: DesktopChild, what: string, opts: { drained?: boolean } = {}) =>
    waitFor(async () => {
      const s = await child.call('sync.status', {});
      return s.state === 'online' && (!opts.drained || s.pending === 0) && s.cursor >= (await maxServerSeq(db)) ? true : null;
    }, { timeoutMs: 60_000, what });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startServerProcess({ databaseUrl: scratch.url });
    db = await openPg({ connectionString: scratch.url, max: 3 });
  }, 180_000);

  afterAll(async () => {
    for (const d of desks) await d.close().catch(() => undefined);
    for (const p of proxies) await p.close().catch(() => undefined);
    await server?.dispose();
    await db?.close();
    await scratch?.drop();
  }, 60_000);

  it('SIGKILL of the server in the middle of a push: every queued change lands exactly once and the desktop converges', async () => {
    const alice = openDesk(server.url);
    desks.push(alice);
    await alice.login('alice');
    await alice.synced(db);
    const caseId = await openCaseOf(db, SHOWCASE_CUSTOMER_ID);

    await server.stop('SIGKILL');
    await alice.offline();
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) {
      ids.push((await alice.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: `kill-push ${i}` })).eventId);
    }
    ids.push((await alice.call('case.setPriority', { caseId, priority: 'P1' })).eventId);
    ids.push((await alice.call('case.setStatus', { caseId, status: 'pending' })).eventId);
    expect((await alice.status()).pending).toBe(2002);

    await server.start();
    // the first batch of 500 is committed and logged; the next one is on its way: kill now
    await server.proc().waitFor(/"msg":"sync:push"/, 60_000);
    await server.stop('SIGKILL');
    const between = await eventCounts(db, ids);
    const landed = [...between.values()].filter((n) => n === 1).length;
    // not asserted (it depends on timing): how far the push got before the kill
    console.info(`server SIGKILLed with ${landed} of ${ids.length} queued changes committed`);

    await server.start();
    await alice.synced(db);
    const counts = await eventCounts(db, ids);
    expect([...counts.values()].every((n) => n === 1), 'every change exactly once on the server').toBe(true);
    expect((await notesWithTag(db, 'kill-push')).length).toBe(2000);
    const { rows } = await db.query<{ status: string; priority: string }>('select status, priority from cases where id = $1', [caseId]);
    expect(rows[0]).toEqual({ status: 'pending', priority: 'P1' });
    await expectConverged(db, cacheFileIn(alice.dir), await serverTeamsOf(db, 'alice'));
  });

  it('TCP connections cut mid-stream by a proxy (during catch-up and during a push): nothing lost, nothing doubled, both desktops converge', async () => {
    const proxy = await startTcpProxy(server.port);
    proxies.push(proxy);
    const mei = openDesk(proxy.url, { pullLimit: 20 });
    desks.push(mei);
    await mei.login('mei');
    // cut every connection again and again while mei catches up page by page
    let cutting = true;
    const cutter = (async () => {
      for (let i = 0; i < 200 && cutting; i++) {
        await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 120)));
        if (cutting) proxy.cut();
      }
    })();
    await waitFor(async () => ((await mei.status()).cursor > 0 ? true : null), { timeoutMs: 60_000, what: 'some catch-up' });
    cutting = false;
    await cutter;
    await mei.synced(db);

    const caseId = await openCaseOf(db, SHOWCASE_CUSTOMER_ID);
    proxy.block();
    await mei.offline();
    const ids: string[] = [];
    for (let i = 0; i < 700; i++) {
      ids.push((await mei.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: `cut-push ${i}` })).eventId);
    }
    // a change to the customer (the case is alice's: an agent may not change another agent's case)
    ids.push((await mei.call('customer.update', { customerId: SHOWCASE_CUSTOMER_ID, patch: { language: 'zh' } })).eventId);
    proxy.unblock();
    cutting = true;
    const cutter2 = (async () => {
      for (let i = 0; i < 40 && cutting; i++) {
        await new Promise((r) => setTimeout(r, 40 + Math.floor(Math.random() * 160)));
        if (cutting) proxy.cut();
      }
    })();
    await waitFor(async () => ((await mei.status()).pending < ids.length ? true : null), { timeoutMs: 60_000, what: 'some pushed' });
    await cutter2;
    cutting = false;
    expect(proxy.cuts, 'connections were really cut').toBeGreaterThan(0);
    await mei.synced(db);
    const counts = await eventCounts(db, ids);
    expect([...counts.values()].every((n) => n === 1), 'every change exactly once on the server').toBe(true);
    expect((await notesWithTag(db, 'cut-push')).length).toBe(700);
    await expectConverged(db, cacheFileIn(mei.dir), await serverTeamsOf(db, 'mei'));
    // alice (direct connection, same team) converges to the same state, mei's changes included
    const alice = desks[0]!;
    await alice.synced(db);
    await expectConverged(db, cacheFileIn(alice.dir), await serverTeamsOf(db, 'alice'));
  });

  it('SIGKILL of the desktop core mid-transaction: the cache reopens whole (outbox = pending events), every committed change reaches the server once', async () => {
    const dir = tempDir('omnidesk-deskproc-');
    try {
      let lena = await startDesktopChild({ serverUrl: server.url, dataDir: dir.dir }, 'desktop-lena');
      await lena.call('session.login', { username: 'lena', password: 'omnidesk-lead' });
      await caughtUp(lena, 'lena synced');
      const caseId = await openCaseOf(db, SHOWCASE_CUSTOMER_ID);
      const burst = lena.burst({ count: 5000, customerId: SHOWCASE_CUSTOMER_ID, caseId, tag: 'kill-desk' }).catch(() => null);
      const killAt = 150 + Math.floor(Math.random() * 400);
      await waitFor(() => (lena.progress() >= killAt ? true : null), { timeoutMs: 60_000, what: 'burst under way' });
      const reported = lena.progress();
      await lena.kill();
      expect(await burst, 'the burst did not finish').toBeNull();

      // the cache as the killed process left it: every outbox row has its pending event and vice versa
      const file = cacheFileIn(dir.dir);
      const after = readCache(file);
      expect(after.orphans).toBe(0);

      lena = await startDesktopChild({ serverUrl: server.url, dataDir: dir.dir }, 'desktop-lena-2');
      await lena.call('session.login', { username: 'lena', password: 'omnidesk-lead' });
      await caughtUp(lena, 'lena synced after restart', { drained: true });
      await lena.stop();

      const notes = await notesWithTag(db, 'kill-desk');
      const numbers = notes.map((n) => Number(n.body.split(' ')[1])).sort((a, b) => a - b);
      expect(new Set(numbers).size, 'no note twice').toBe(numbers.length);
      expect(numbers.length, 'every note reported as made before the kill is on the server').toBeGreaterThanOrEqual(reported);
      expect(numbers, 'the notes are exactly the first N made, no gap').toEqual(numbers.map((_, i) => i));
      await expectConverged(db, file, await serverTeamsOf(db, 'lena'));
    } finally {
      dir.cleanup();
    }
  });

  it('a desktop whose clock is 5 hours behind: the server’s time is authoritative, seq orders the log, the desktop converges', async () => {
    const dir = tempDir('omnidesk-skew-');
    try {
      const skewed = await startDesktopChild({ serverUrl: server.url, dataDir: dir.dir, clockOffsetMs: -5 * 3600_000 }, 'desktop-skewed');
      // a lead: the case it changes is alice's (kernel/permissions)
      await skewed.call('session.login', { username: 'lena', password: 'omnidesk-lead' });
      await caughtUp(skewed, 'skewed desktop synced');
      const caseId = await openCaseOf(db, SHOWCASE_CUSTOMER_ID);
      const alice = desks[0]!;
      const a1 = await alice.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: 'skew before' });
      await alice.synced(db);
      const s1 = await skewed.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: 'skew during' });
      const s2 = await skewed.call('case.setPriority', { caseId, priority: 'P2' });
      await waitFor(async () => ((await skewed.call('sync.status', {})).pending === 0 ? true : null), { timeoutMs: 30_000, what: 'skewed pushed' });
      const a2 = await alice.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: 'skew after' });
      await alice.synced(db);
      await caughtUp(skewed, 'skewed converged', { drained: true });

      const { rows } = await db.query<{ id: string; seq: string; occurred_at: Date }>('select id, seq, occurred_at from events where id = any($1::uuid[]) order by seq', [
        [a1.eventId, s1.eventId, s2.eventId, a2.eventId],
      ]);
      expect(rows.map((r) => r.id), 'seq follows the order the server received them').toEqual([a1.eventId, s1.eventId, s2.eventId, a2.eventId]);
      const times = rows.map((r) => r.occurred_at.getTime());
      expect([...times].sort((x, y) => x - y), 'server times follow seq').toEqual(times);
      // the skewed client's changes carry the server's time, not a time 5 hours ago
      for (const t of times) expect(Math.abs(t - Date.now())).toBeLessThan(30 * 60_000);

      const timeline = await skewed.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID });
      const mine = timeline.items.filter((i) => [a1.eventId, s1.eventId, s2.eventId, a2.eventId].includes(i.event.id));
      expect(mine.map((i) => i.event.id), 'the skewed desktop shows them in server order').toEqual([a1.eventId, s1.eventId, s2.eventId, a2.eventId]);
      expect(mine.every((i) => i.localState === 'synced')).toBe(true);
      const { rows: c } = await db.query<{ data: { updatedAt: string } }>('select data from cases where id = $1', [caseId]);
      expect(Math.abs(Date.parse(c[0]!.data.updatedAt) - Date.now())).toBeLessThan(30 * 60_000);
      await skewed.stop();
      await expectConverged(db, cacheFileIn(dir.dir), await serverTeamsOf(db, 'lena'));
    } finally {
      dir.cleanup();
    }
  });
});
