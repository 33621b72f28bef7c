/**
 * Fan-out across instances (issue 17): 5,000 agent sockets spread over three server instances on one PostgreSQL
 * (socket.io Postgres adapter), and the time from a poke on one instance to its arrival at every socket.
 *  - sync.fanout.sockets_5000.p99_ms (target ≤ 1000, goal ≤ 100), with the median beside it.
 * Everything runs in this one process on this machine's two cores: the three servers, the adapter's NOTIFYs and
 * the 5,000 clients share them, so the figure is an upper bound of what separate machines would see.
 */
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { createServer, type OmnideskServer } from '../../src/server/app';
import { createLogger } from '../../src/server/kernel/logger';
import { demoAgent } from '../../src/server/seed';
import { newId } from '../../src/shared/kernel/ids';
import { openBenchDatabase } from './bench-database';
import { record, summarize } from './lib';

const SOCKETS = 5_000;
const ROUNDS = 10;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export async function benchClusterFanout(): Promise<void> {
  console.log('\nFan-out across three instances');
  const bench = await openBenchDatabase({ customers: 12 });
  if (bench.kind !== 'postgres' || !bench.url) {
    console.log('  needs PostgreSQL (the adapter runs on it): skipped');
    await bench.close();
    return;
  }
  const pools: pg.Pool[] = [];
  const servers: OmnideskServer[] = [];
  const sockets: Socket[] = [];
  try {
    const urls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
      pool.on('error', () => undefined);
      pools.push(pool);
      const s = createServer({ db: bench.db, jwtSecret: SECRET, logger: createLogger({ level: 'warn' }), cluster: { pool }, featureJobs: { sla: false } });
      servers.push(s);
      urls.push(await s.listen({ port: 0, host: '127.0.0.1' }));
    }
    const login = await fetch(`${urls[0]}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'omnidesk-agent' }) });
    const { token } = (await login.json()) as { token: string };
    const team = demoAgent('alice').teamIds[0]!;
    // connect in waves (a herd at once is the other benchmark's matter)
    for (let i = 0; i < SOCKETS; i += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, SOCKETS - i) }, (_, k) => {
          const s = connect(urls[(i + k) % 3]!, { auth: { token, clientId: newId() }, transports: ['websocket'], reconnection: false, forceNew: true });
          sockets.push(s);
          return new Promise<void>((resolve, reject) => {
            s.once('connect', () => resolve());
            s.once('connect_error', reject);
          });
        }),
      );
    }
    const samples: number[] = [];
    const worst: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const arrived: number[] = [];
      const all = new Promise<void>((resolve) => {
        for (const s of sockets)
          s.once('sync:poke', () => {
            arrived.push(performance.now());
            if (arrived.length === sockets.length) resolve();
          });
      });
      const t0 = performance.now();
      servers[round % 3]!.poke(new Map([[team, 1_000_000 + round]]));
      await Promise.race([all, new Promise((r) => setTimeout(r, 30_000))]);
      if (arrived.length < sockets.length) throw new Error(`round ${round}: ${sockets.length - arrived.length} sockets never got the poke`);
      for (const t of arrived) samples.push(t - t0);
      worst.push(Math.max(...arrived) - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = summarize(samples);
    console.log(`  ${SOCKETS} sockets over 3 instances, ${ROUNDS} pokes: median ${s.median.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, slowest round ${Math.max(...worst).toFixed(0)} ms`);
    record({ id: 'sync.fanout.sockets_5000.p99_ms', value: s.p99, unit: 'ms', target: '<= 1000' });
    record({ id: 'sync.fanout.sockets_5000.median_ms', value: s.median, unit: 'ms', target: null });
  } finally {
    for (const s of sockets) s.disconnect();
    // the servers' disconnect hooks ask the whole cluster who is still online: let them finish before it goes
    await new Promise((r) => setTimeout(r, 3_000));
    for (const s of servers) await s.close();
    for (const p of pools) await p.end();
    await bench.close();
  }
}
