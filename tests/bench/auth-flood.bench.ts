/**
 * Sign-in under a flood (issue 9, finding 4): one address sends bad logins from 40 concurrent connections the
 * whole time, while agents sign in with the right password, one after another, from 8 other addresses (127.0.0.2–9: loopback
 * aliases, so the server sees distinct sources). Reports the good logins' p95 (target < 1 s) beside the same
 * without a flood, and what the flood got (refused at once vs. hashed).
 */
import { request } from 'node:http';
import { createServer } from '../../src/server/app';
import { migrate, openPglite } from '../../src/server/kernel/db/index';
import { createLogger } from '../../src/server/kernel/logger';
import { DEMO_LOGINS, generateDemoData, seedDatabase } from '../../src/server/seed';
import { record, summarize } from './lib';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

function login(port: number, localAddress: string, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress, method: 'POST', path: '/api/auth/login', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Agents signing in one after another (as a shift starts), each from its own address. */
async function goodLogins(port: number, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, l] of DEMO_LOGINS.entries()) {
      const t0 = performance.now();
      const status = await login(port, `127.0.0.${i + 2}`, l.username, l.password);
      if (status !== 200) throw new Error(`good login answered ${status}`);
      samples.push(performance.now() - t0);
    }
  }
  return samples;
}

export async function benchAuthFlood(): Promise<void> {
  console.log('\nSign-in under a flood of bad logins from one address (40 concurrent) vs. good logins from 8 others');
  const db = await openPglite({ dataDir: null });
  await migrate(db);
  await seedDatabase(db, generateDemoData({ seed: 3, customers: 5 }));
  const server = createServer({ db, jwtSecret: SECRET, logger: createLogger({ level: 'silent' }) });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  try {
    const calm = summarize(await goodLogins(port, 3));
    let stop = false;
    const flood = { refused: 0, checked: 0, other: 0 };
    const attackers = Array.from({ length: 40 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const status = await login(port, '127.0.0.1', `intruder-${w}-${i % 7}`, `guess-${i}`).catch(() => 0);
        if (status === 429) flood.refused++;
        else if (status === 401) flood.checked++;
        else flood.other++;
      }
    });
    await new Promise((res) => setTimeout(res, 500)); // the flood is in full swing
    const loaded = summarize(await goodLogins(port, 3));
    stop = true;
    await Promise.all(attackers);
    console.log(`    flood: ${flood.refused} refused at once (429), ${flood.checked} checked (401), ${flood.other} other`);
    record({ id: 'auth.login.good_p95_ms', value: calm.p95, unit: 'ms', target: null });
    record({ id: 'auth.login.flood.good_p95_ms', value: loaded.p95, unit: 'ms', target: '< 1000' });
  } finally {
    await server.close();
    await db.close();
  }
}
