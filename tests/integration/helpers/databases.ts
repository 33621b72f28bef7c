/**
 * Fresh databases for integration suites: every suite runs against an in-memory PGlite AND a real
 * PostgreSQL database (`omnidesk_t_<random>`, created on OMNIDESK_TEST_PG_URL and dropped after).
 * PostgreSQL unreachable → a loud WARNING and those cases are skipped, unless
 * OMNIDESK_REQUIRE_SERVICES=1 (CI), where they fail.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from '../../../src/server/kernel/db/migrate';
import { openPg } from '../../../src/server/kernel/db/pg';
import { openPglite } from '../../../src/server/kernel/db/pglite';
import type { Db } from '../../../src/server/kernel/db/types';

export const TEST_PG_URL = process.env.OMNIDESK_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_SERVICES = process.env.OMNIDESK_REQUIRE_SERVICES === '1';
export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The URL with its path (database name) replaced. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** null when PostgreSQL answers, else why not. Probed once per test file. */
export const POSTGRES_PROBLEM: string | null = await probePostgres();

if (POSTGRES_PROBLEM) {
  const line = '!'.repeat(100);
  const what = REQUIRE_SERVICES ? 'tests FAIL (OMNIDESK_REQUIRE_SERVICES=1)' : 'tests SKIPPED';
  console.warn(
    `\n${line}\nWARNING: PostgreSQL not reachable at ${redactUrl(TEST_PG_URL)} (${POSTGRES_PROBLEM}): PostgreSQL ${what}.\n` +
      `Set OMNIDESK_TEST_PG_URL to a server where the user may CREATE DATABASE.\n${line}\n`,
  );
}

export interface TestDatabase {
  kind: DatabaseKind;
  db: Db;
  /** closes the connection and drops the PostgreSQL database */
  dispose(): Promise<void>;
  /** PostgreSQL: the database's URL (for a second pool: the cluster adapter, another process) */
  url?: string;
}

/** A fresh, migrated database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let t: TestDatabase;
  if (kind === 'pglite') {
    const db = await openPglite({ dataDir: null });
    t = { kind, db, dispose: () => db.close() };
  } else {
    if (POSTGRES_PROBLEM) throw new Error(`PostgreSQL not reachable at ${redactUrl(TEST_PG_URL)}: ${POSTGRES_PROBLEM}`);
    const name = `omnidesk_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const db = await openPg({ connectionString: withDatabase(TEST_PG_URL, name), max: 5 });
    t = {
      kind,
      db,
      url: withDatabase(TEST_PG_URL, name),
      async dispose() {
        await db.close();
        const a = new pg.Client({ connectionString: TEST_PG_URL });
        await a.connect();
        try {
          await a.query(`drop database if exists ${name} with (force)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  if (options.migrate !== false) await migrate(t.db);
  return t;
}

export interface DatabaseContext {
  readonly kind: DatabaseKind;
  /** the suite's database; available in tests and in beforeAll hooks registered inside `body` */
  readonly db: Db;
}

/**
 * Runs `body` once per database kind (describe.each), each with its own fresh migrated database,
 * created before the suite's own hooks and disposed after them.
 */
export function forEachDatabase(title: string, body: (ctx: DatabaseContext) => void, options: { migrate?: boolean } = {}): void {
  describe.each(DATABASE_KINDS)(`${title} [%s]`, (kind) => {
    const skip = kind === 'postgres' && POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;
    describe.skipIf(skip)(skip ? `SKIPPED: PostgreSQL not reachable (${POSTGRES_PROBLEM})` : 'on a fresh database', () => {
      let current: TestDatabase | null = null;
      beforeAll(async () => {
        current = await createTestDatabase(kind, options);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      body({
        kind,
        get db(): Db {
          if (!current) throw new Error('the test database is not ready (use it in tests or beforeAll hooks)');
          return current.db;
        },
      });
    });
  });
}
