/**
 * Push throughput with three server instances against one (issue 17): 40 desktops (simulated: socket.io clients
 * with real tokens, speaking the real protocol) each push 10 batches of 50 notes recorded offline, through one
 * server process, then spread over three (OMNIDESK_CLUSTER=postgres, one PostgreSQL).
 *  - sync.cluster.push_1.mutations_per_s, sync.cluster.push_3.mutations_per_s, and their ratio
 *    sync.cluster.push_3_vs_1.ratio.
 * Every process shares this machine's two cores, and every push appends under the one event-log lock, so the
 * ratio says how far more instances help before the database is the limit; see docs/architecture.md
 * "Deployment and scale".
 */
import { io as connect, type Socket } from 'socket.io-client';
import { newId } from '../../src/shared/kernel/ids';
import { startServerProcess, type ServerProcess } from '../support/server-proc';
import { openBenchDatabase } from './bench-database';
import { record } from './lib';
import { customerPerAgent, demoTokens } from './sync-common';

const DESKTOPS = 40;
const BATCHES = 10;
const BATCH = 50;
const AGENTS = ['alice', 'bob', 'mei', 'jun'] as const;

export async function benchClusterPush(): Promise<void> {
  console.log(`\nPush throughput, three instances against one: ${DESKTOPS} desktops × ${BATCHES} batches of ${BATCH} notes`);
  const bench = await openBenchDatabase();
  if (bench.kind !== 'postgres' || !bench.url) {
    console.log('  needs PostgreSQL (several server processes share it): skipped');
    await bench.close();
    return;
  }
  const servers: ServerProcess[] = [];
  try {
    const env = { OMNIDESK_CLUSTER: 'postgres', LOG_LEVEL: 'warn' };
    servers.push(await startServerProcess({ databaseUrl: bench.url, name: 'bench-push-1', env }));
    const customerOf = await customerPerAgent(bench.db, AGENTS);
    const tokens = await demoTokens(servers[0]!.url, AGENTS);
    const one = await pushAll([servers[0]!.url], tokens, customerOf);
    servers.push(...(await Promise.all([2, 3].map((n) => startServerProcess({ databaseUrl: bench.url!, name: `bench-push-${n}`, env })))));
    const three = await pushAll(servers.map((s) => s.url), tokens, customerOf);
    const { rows } = await bench.db.query<{ n: unknown }>("select count(*) as n from events where kind = 'note.added' and body like 'Pushed note %'");
    if (Number(rows[0]!.n) !== 2 * DESKTOPS * BATCHES * BATCH) throw new Error(`bench: expected ${2 * DESKTOPS * BATCHES * BATCH} notes once each, found ${String(rows[0]!.n)}`);
    console.log(`  one instance ${one.toFixed(0)} mutations/s; three instances ${three.toFixed(0)} mutations/s`);
    record({ id: 'sync.cluster.push_1.mutations_per_s', value: one, unit: 'mut/s', target: null });
    record({ id: 'sync.cluster.push_3.mutations_per_s', value: three, unit: 'mut/s', target: null });
    record({ id: 'sync.cluster.push_3_vs_1.ratio', value: three / one, unit: 'x', target: null });
  } finally {
    for (const s of servers) await s.dispose();
    await bench.close();
  }
}


/** Every desktop connects (round-robin over `urls`), then all push their batches at once; returns mutations/s. */
async function pushAll(urls: string[], tokens: Map<string, string>, customerOf: Map<string, string>): Promise<number> {
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < DESKTOPS; i++) {
      const s = connect(urls[i % urls.length]!, { auth: { token: tokens.get(AGENTS[i % AGENTS.length]!)!, clientId: newId() }, transports: ['websocket'], forceNew: true, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      sockets.push(s);
    }
    const t0 = performance.now();
    await Promise.all(
      sockets.map(async (s, i) => {
        const customerId = customerOf.get(AGENTS[i % AGENTS.length]!)!;
        for (let b = 0; b < BATCHES; b++) {
          const mutations = Array.from({ length: BATCH }, (_, k) => ({
            id: newId(),
            clientSeq: b * BATCH + k + 1,
            occurredAt: new Date().toISOString(),
            name: 'note.add',
            args: { customerId, caseId: null, threadId: null, body: `Pushed note ${b}.${k}: called back about the sensor.` },
          }));
          const ack = (await s.timeout(120_000).emitWithAck('sync:push', { mutations })) as { ok: boolean; value?: { results: Array<{ status: string }> } };
          if (!ack.ok || ack.value!.results.some((r) => r.status !== 'applied')) throw new Error('bench: a push was not applied');
        }
      }),
    );
    return (DESKTOPS * BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  } finally {
    for (const s of sockets) s.disconnect();
  }
}
