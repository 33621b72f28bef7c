/**
 * Presence that outlived its desktops (issue 15): an instance that dies never runs its sockets' disconnects, so its
 * agents would stay "available" and be offered work nobody sees. The sweep asks every instance (through the adapter)
 * who is connected and makes the others offline — not one still connected, not one whose presence is seconds old.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { presenceSweepJob, PRESENCE_SWEEP_KIND } from '../../../src/server/features/routing';
import { connectedAgents } from '../../../src/server/kernel/sync/socket';
import { demoAgent } from '../../../src/server/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/until';

describe('the presence sweep', () => {
  let database: TestDatabase;
  let ts: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 6 });
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await ts?.close();
    await database?.dispose();
  });

  const presence = async (username: string) =>
    (await database.db.query<{ presence: string }>('select presence from routing_agents where agent_id = $1', [demoAgent(username).id])).rows[0]?.presence ?? null;
  const setPresence = (username: string, p: string, agoMs: number) =>
    database.db.query(
      `insert into routing_agents (agent_id, presence, chosen, since) values ($1, $2, $2, $3)
       on conflict (agent_id) do update set presence = excluded.presence, chosen = excluded.chosen, since = excluded.since`,
      [demoAgent(username).id, p, new Date(Date.now() - agoMs).toISOString()],
    );

  it('is a recurring job of every instance', () => {
    const job = presenceSweepJob({ db: database.db, poke: () => undefined, notifyAgent: () => undefined, connectedAgents: async () => new Set() });
    expect(job).toMatchObject({ kind: PRESENCE_SWEEP_KIND, every: 60_000 });
  });

  it('makes offline who is connected nowhere, keeps who is, and leaves a presence seconds old alone', async () => {
    sockets.push(await ts.connect(await ts.token('alice')));
    await until('alice available on connecting', async () => ((await presence('alice')) === 'available' ? true : null));
    // as an instance that died would leave them: "available" / "away" without a socket anywhere
    await setPresence('bob', 'available', 5 * 60_000);
    await setPresence('mei', 'away', 5 * 60_000);
    // just set: its desktop may be connecting this moment
    await setPresence('lena', 'available', 1_000);
    // alice's presence is old too, but she is connected
    await database.db.query("update routing_agents set since = now() - interval '10 minutes' where agent_id = $1", [demoAgent('alice').id]);

    expect((await connectedAgents(ts.server.io)).has(demoAgent('alice').id)).toBe(true);
    const job = presenceSweepJob({ db: database.db, poke: (s) => ts.server.poke(s), notifyAgent: () => undefined, connectedAgents: () => connectedAgents(ts.server.io) });
    await job.handler(undefined, { id: 'test', kind: PRESENCE_SWEEP_KIND, key: null, attempt: 1, maxAttempts: 3 } as never);

    expect(await presence('bob')).toBe('offline');
    expect(await presence('mei')).toBe('offline');
    expect(await presence('alice')).toBe('available');
    expect(await presence('lena')).toBe('available');
    // what they chose is kept for their next connection
    const { rows } = await database.db.query<{ chosen: string }>('select chosen from routing_agents where agent_id = $1', [demoAgent('mei').id]);
    expect(rows[0]!.chosen).toBe('away');
  });
});
