/** Shared set-up of the sync benchmarks: a seeded server on PostgreSQL (or PGlite when PostgreSQL is missing) and a login. */
import { LoginResponse } from '../../src/shared/contracts/http';
import { migrate, openPg, openPglite, type Db } from '../../src/server/kernel/db/index';
import { createServer, type OmnideskServer } from '../../src/server/app';
import { createLogger } from '../../src/server/kernel/logger';
import { DEMO_LOGINS, generateDemoData, seedDatabase } from '../../src/server/seed';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres';
import { startServerProcess, type ServerProcess } from '../support/server-proc';

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
  let scratch: ScratchDatabase | null = null;
  let db: Db;
  try {
    scratch = await createScratchDatabase();
    db = await openPg({ connectionString: scratch.url, max: 5 });
  } catch (err) {
    console.warn(`  WARNING: PostgreSQL not reachable (${err instanceof Error ? err.message : String(err)}); this bench runs on PGlite instead`);
    scratch = null;
    db = await openPglite({ dataDir: null });
  }
  await migrate(db);
  await seedDatabase(db, generateDemoData({ customers: 20 }));
  await prepare(db);
  let server: OmnideskServer | null = null;
  let proc: ServerProcess | null = null;
  let serverUrl: string;
  if (scratch) {
    proc = await startServerProcess({ databaseUrl: scratch.url, name: 'bench-server' });
    serverUrl = proc.url;
  } else {
    server = createServer({ db, jwtSecret: 'bench-secret-bench-secret-0123456789', logger: createLogger({ level: 'warn' }) });
    serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  }
  return {
    db,
    kind: scratch ? 'postgres' : 'pglite',
    url: scratch?.url ?? null,
    server,
    serverUrl,
    async login(username) {
      const password = DEMO_LOGINS.find((l) => l.username === username)!.password;
      const res = await fetch(`${serverUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return LoginResponse.parse(await res.json());
    },
    async close() {
      await server?.close();
      await proc?.dispose();
      await db.close();
      await scratch?.drop();
    },
  };
}

export async function until(what: string, cond: () => boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
