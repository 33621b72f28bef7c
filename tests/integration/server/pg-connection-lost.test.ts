/**
 * A PostgreSQL connection lost in the middle of a transaction (a database restart, an administrator's
 * pg_terminate_backend) while the transaction's code waits between queries: the transaction fails, the process does
 * not crash on the checked-out client's 'error' event, and the pool goes on with a new connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg } from '../../../src/server/kernel/db/pg';
import type { Db } from '../../../src/server/kernel/db/types';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, POSTGRES_PROBLEM, REQUIRE_SERVICES, type TestDatabase } from '../helpers/databases';

const skip = POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: no PostgreSQL (${POSTGRES_PROBLEM})` : 'a connection lost inside a transaction', () => {
  let database: TestDatabase;
  let db: Db;
  let admin: Db;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: false });
    db = await openPg({ connectionString: database.url!, max: 2 });
    admin = await openPg({ connectionString: database.url!, max: 1 });
  });
  afterAll(async () => {
    await db?.close();
    await admin?.close();
    await database?.dispose();
  });

  it('fails that transaction only; the process lives and the next query works', async () => {
    let pid: number | null = null;
    let go!: () => void;
    const gate = new Promise<void>((r) => (go = r));
    const tx = db.transaction(async (q) => {
      const { rows } = await q.query<{ pid: number }>('select pg_backend_pid() as pid');
      pid = rows[0]!.pid;
      await gate; // the transaction's own work between two queries
      await q.query('select 1');
    });
    tx.catch(() => undefined);
    await waitFor(() => pid, { what: 'the transaction started' });
    await admin.query('select pg_terminate_backend($1)', [pid]);
    // the client sees its connection end while no query is in flight: its 'error' event comes now
    await new Promise((r) => setTimeout(r, 300));
    go();
    await expect(tx).rejects.toThrow();
    const { rows } = await db.query<{ x: number }>('select 1 as x');
    expect(rows[0]!.x).toBe(1);
  });
});
