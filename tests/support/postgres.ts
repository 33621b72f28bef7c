/**
 * PostgreSQL for fault tests and benches.
 *  - `createScratchDatabase()`: a fresh database on the shared test cluster (OMNIDESK_TEST_PG_URL), dropped after.
 *  - `startPrivatePostgres()`: a private PostgreSQL 15 instance in a temp dir on a free port, which a test may
 *    crash and restart (never the shared cluster). Postgres refuses to run as root, so the binaries run as
 *    user `postgres` through runuser when we are root.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './processes';
import { tempDir } from './temp-dir';

export const SHARED_PG_URL = process.env.OMNIDESK_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PG_BIN = process.env.OMNIDESK_PG_BIN || '/usr/lib/postgresql/15/bin';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(baseUrl = SHARED_PG_URL): Promise<ScratchDatabase> {
  const name = `omnidesk_f_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(baseUrl, name),
    async drop() {
      const a = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

export interface PrivatePostgres {
  /** URL of the `postgres` database of this instance */
  url: string;
  port: number;
  /** crash (immediate shutdown, like a kill) and start again */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Whether the PostgreSQL binaries for a private instance are here (else: say so and skip). */
export function privatePostgresProblem(): string | null {
  if (!existsSync(join(PG_BIN, 'initdb'))) return `no PostgreSQL binaries in ${PG_BIN}`;
  if (userInfo().uid === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no user postgres to run PostgreSQL as';
    }
  }
  return null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const asRoot = userInfo().uid === 0;
  const run = (bin: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], { stdio: 'pipe', timeout: 60_000 })
      : execFileSync(join(PG_BIN, bin), args, { stdio: 'pipe', timeout: 60_000 });
  const tmp = tempDir('omnidesk-pg-');
  const dir = tmp.dir;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async () => {
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already stopped */
    }
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      tmp.cleanup();
    },
  };
}
