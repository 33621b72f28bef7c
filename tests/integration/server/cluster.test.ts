/**
 * Several server instances on one PostgreSQL (issue 17), in one process here: each with its own socket.io server
 * and the socket.io Postgres adapter over its own pool. What one instance emits to a room reaches sockets connected
 * to the other: a sync poke after a change made through A wakes a desktop connected to B; a chat customer connected
 * to B gets the agent's reply sent through A; "is an agent online" counts the whole cluster.
 */
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgent } from '../../../src/server/seed';
import { nextEvent } from '../helpers/next-event';
import { createTestDatabase, POSTGRES_PROBLEM, REQUIRE_SERVICES, type TestDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

const skip = POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: no PostgreSQL (${POSTGRES_PROBLEM})` : 'two instances on one PostgreSQL, through the socket.io Postgres adapter', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const pools: pg.Pool[] = [];
  const widgets: Socket[] = [];
  const team = demoAgent('alice').teamIds[0]!;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const pool = () => {
      const p = new pg.Pool({ connectionString: database.url!, max: 2 });
      // the adapter's LISTEN client may still be open when the test database is dropped: its end is expected here
      p.on('error', () => undefined);
      pools.push(p);
      return p;
    };
    const server = (p: pg.Pool) => ({ cluster: { pool: p }, senders: [], channels: { defaultTeam: team }, delivery: { pollIntervalMs: 100 } });
    a = await startTestServer(database.db, { customers: 12, server: server(pool()) });
    b = await startTestServer(database.db, { seed: false, server: server(pool()) });
  }, 120_000);
  afterAll(async () => {
    for (const w of widgets) w.disconnect();
    await a?.close();
    await b?.close();
    for (const p of pools) await p.end();
    await database?.dispose();
  });

  it('a change made through A pokes a desktop connected to B at once', async () => {
    const onB = await b.connect(await b.token('alice'));
    const onA = await a.connect(await a.token('lena'));
    const { rows } = await database.db.query<{ id: string }>("select id from cases where team_id = $1 and status = 'open' limit 1", [team]);
    const poked = nextEvent<{ seq: number }>(onB, 'sync:poke');
    const r = await push(onA, [mutation('case.setPriority', { caseId: rows[0]!.id, priority: 'P1' })]);
    expect(r.results[0]!.status).toBe('applied');
    const poke = await poked;
    expect(poke.seq).toBeGreaterThan(0);
    // alice leaves B: below, only A has an agent connected
    onB.disconnect();
    onA.disconnect();
  });

  it('a chat customer on B sees the reply an agent sends through A; the widget on B knows an agent is online on A', async () => {
    const agentOnA = await a.connect(await a.token('alice'));
    const w = connect(`${b.baseUrl}/chat`, { auth: { session: '' }, transports: ['websocket'], forceNew: true, reconnection: false });
    widgets.push(w);
    const status = nextEvent<{ agentsOnline: boolean }>(w, 'chat:status');
    await nextEvent(w, 'chat:session');
    // alice is connected to A only: B asks the cluster
    expect((await status).agentsOnline).toBe(true);
    expect(await w.emitWithAck('chat:message', { id: 'cluster-1', text: 'Is my sensor data backed up?', name: 'Cleo Cluster' })).toMatchObject({ ok: true, status: 'appended' });
    const { rows } = await database.db.query<{ case_id: string; thread_id: string }>("select case_id, thread_id from events where kind = 'message.received' and meta->>'providerMessageId' like '%:cluster-1'");
    const reply = nextEvent<{ from: string; text: string }>(w, 'chat:message');
    const r = await push(agentOnA, [mutation('reply.send', { caseId: rows[0]!.case_id, threadId: rows[0]!.thread_id, body: 'Yes, every reading is kept in the app.' })]);
    expect(r.results[0]!.status).toBe('applied');
    expect(await reply).toMatchObject({ from: 'agent', text: 'Yes, every reading is kept in the app.' });
  });
});
