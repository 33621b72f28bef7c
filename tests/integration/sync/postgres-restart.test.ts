/**
 * PostgreSQL restarts (crash: immediate shutdown) while a desktop pushes through a real server process: the
 * server survives, answers INTERNAL/UNAVAILABLE meanwhile, and once the database is back every change is on
 * the server exactly once and the desktop converges. Runs on a PRIVATE PostgreSQL instance (never the shared one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg } from '../../../src/server/kernel/db/pg';
import type { Db } from '../../../src/server/kernel/db/types';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { privatePostgresProblem, startPrivatePostgres, type PrivatePostgres } from '../../support/postgres';
import { startServerProcess, type ServerProcess } from '../../support/server-proc';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { waitFor } from '../../support/wait-for';
import { REQUIRE_SERVICES } from '../helpers/databases';
import { cacheFileIn, eventCounts, expectConverged, serverTeamsOf } from './convergence';
import { openDesk, type Desk } from '../helpers/desk';

const problem = privatePostgresProblem();
if (problem) {
  console.warn(`\n${'!'.repeat(100)}\nWARNING: cannot start a private PostgreSQL (${problem}): the PostgreSQL restart test is ${REQUIRE_SERVICES ? 'FAILED' : 'SKIPPED'}.\n${'!'.repeat(100)}\n`);
}
const skip = problem !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: no private PostgreSQL (${problem})` : 'PostgreSQL restart under a pushing desktop', () => {
  let pgi: PrivatePostgres;
  let server: ServerProcess;
  let db: Db;
  let proxy: TcpProxy;
  let alice: Desk;

  beforeAll(async () => {
    pgi = await startPrivatePostgres();
    server = await startServerProcess({ databaseUrl: pgi.url, name: 'server-private-pg' });
    db = await openPg({ connectionString: pgi.url, max: 2 });
    proxy = await startTcpProxy(server.port);
  }, 180_000);

  afterAll(async () => {
    await alice?.close().catch(() => undefined);
    await proxy?.close();
    await server?.dispose();
    await db?.close().catch(() => undefined);
    await pgi?.dispose();
  }, 60_000);

  it('restart PostgreSQL mid-push: the server carries on, every change lands exactly once, the desktop converges', async () => {
    alice = openDesk(proxy.url);
    await alice.login('alice');
    await alice.synced(db);
    const { rows } = await db.query<{ id: string }>("select id from cases where customer_id = $1 and status <> 'closed' limit 1", [SHOWCASE_CUSTOMER_ID]);
    const caseId = rows[0]!.id;

    proxy.block();
    await alice.offline();
    const ids: string[] = [];
    for (let i = 0; i < 1500; i++) {
      ids.push((await alice.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: `pg-restart ${i}` })).eventId);
    }
    proxy.unblock();
    await server.proc().waitFor(/"msg":"sync:push"/, 60_000);
    await pgi.restart();
    await waitFor(async () => (server.proc().child.exitCode === null ? true : null), { what: 'server still running' });

    await alice.synced(db, 90_000);
    const counts = await eventCounts(db, ids);
    expect([...counts.values()].every((n) => n === 1), 'every change exactly once on the server').toBe(true);
    expect(server.proc().child.exitCode, 'the server process survived the database restart').toBeNull();
    await expectConverged(db, cacheFileIn(alice.dir), await serverTeamsOf(db, 'alice'));
    // the test's own waits (a push seen: 60 s, synced: 90 s, converged: 15 s) need more than the default 60 s
  }, 180_000);
});
