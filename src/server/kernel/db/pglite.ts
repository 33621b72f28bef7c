import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './types';

/**
 * Embedded PostgreSQL (PGlite, WASM). `dataDir` null → in memory (tests). PGlite has a single
 * connection; it serialises queries and transactions itself, so `transaction` is naturally a
 * single writer.
 */
export async function openPglite(options: { dataDir: string | null }): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pg.waitReady;
  return {
    kind: 'pglite',
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []) {
      const r = await pg.query<T>(sql, [...params]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction(async (tx: Transaction) => fn(wrap(tx)));
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

function wrap(tx: Transaction): Queryable {
  return {
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []) {
      const r = await tx.query<T>(sql, [...params]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
  };
}
