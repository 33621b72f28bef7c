/** Shared set-up of the sync benchmarks: a seeded server on PostgreSQL (or PGlite when PostgreSQL is missing) and a login. */
import { LoginResponse } from '../../src/shared/contracts/http';
import type { Db } from '../../src/server/kernel/db/index';
import { createServer, type OmnideskServer } from '../../src/server/app';
import { createLogger } from '../../src/server/kernel/logger';
import { DEMO_LOGINS, demoAgent } from '../../src/server/seed';
import { startServerProcess, type ServerProcess } from '../support/server-proc';
import { openBenchDatabase } from './bench-database';

export interface BenchServer {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** the database URL when PostgreSQL */
  url: string | null;
  /** in-process server (PGlite fallback only) */
  server: OmnideskServer | null;
  serverUrl: string;
  login(username: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

/**
 * Seeds a database, lets `prepare` add to it, then serves it: on PostgreSQL the server runs as its own
 * process (its CLI), as in production, so the bench does not share one event loop between client and server.
 */
export async function startBenchServer(prepare: (db: Db) => Promise<void> = async () => undefined): Promise<BenchServer> {
  const bench = await openBenchDatabase();
  const { db } = bench;
  await prepare(db);
  let server: OmnideskServer | null = null;
  let proc: ServerProcess | null = null;
  let serverUrl: string;
  if (bench.url) {
    proc = await startServerProcess({ databaseUrl: bench.url, name: 'bench-server' });
    serverUrl = proc.url;
  } else {
    server = createServer({ db, jwtSecret: 'bench-secret-bench-secret-0123456789', logger: createLogger({ level: 'warn' }) });
    serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  }
  return {
    db,
    kind: bench.kind,
    url: bench.url,
    server,
    serverUrl,
    login: (username) => loginDemo(serverUrl, username),
    async close() {
      await server?.close();
      await proc?.dispose();
      await bench.close();
    },
  };
}

/** Signs a demo agent in over HTTP. */
export async function loginDemo(serverUrl: string, username: string): Promise<LoginResponse> {
  const password = DEMO_LOGINS.find((l) => l.username === username)!.password;
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return LoginResponse.parse(await res.json());
}

/** A token per demo agent (signed in one after another: the server limits sign-ins at once). */
export async function demoTokens(serverUrl: string, usernames: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const username of usernames) tokens.set(username, (await loginDemo(serverUrl, username)).token);
  return tokens;
}

/** A customer of each demo agent's (first) team: where simulated desktops record their notes. */
export async function customerPerAgent(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  const customerOf = new Map<string, string>();
  for (const username of usernames) {
    const { rows } = await db.query<{ id: string }>('select id from customers where team_id = $1 order by id limit 1', [demoAgent(username).teamIds[0]!]);
    customerOf.set(username, rows[0]!.id);
  }
  return customerOf;
}

export async function until(what: string, cond: () => boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Waits until the server's job queue has no due work (queued or running, run_at past). A seeded history is full of
 * overdue SLA deadlines that fire, all at once, when the server starts (clocks recomputed, breaches appended):
 * a benchmark of the pull path starts after that, and says how long it took. Returns the milliseconds waited.
 */
export async function jobsDrained(db: Db, timeoutMs = 300_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const { rows } = await db.query<{ n: unknown }>(`select count(*) as n from jobs where status in ('queued', 'running') and run_at <= now()`);
    if (Number(rows[0]!.n) === 0) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error('bench: timed out waiting for the server to work off its due jobs');
    await new Promise((r) => setTimeout(r, 100));
  }
}
