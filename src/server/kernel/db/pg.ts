import pg from 'pg';
import type { Logger } from 'pino';
import type { Db, Queryable, Row } from './types';

/** A real PostgreSQL server through a pg.Pool (DATABASE_URL). */
export async function openPg(options: { connectionString: string; max?: number; logger?: Logger }): Promise<Db> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err: Error & { code?: string }) => {
    options.logger?.warn({ code: err.code ?? 'unknown' }, 'postgres idle client error');
  });
  // Fail fast on a wrong URL, with a clear error.
  const probe = await pool.connect();
  probe.release();
  let closed = false;
  return {
    kind: 'postgres',
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []) {
      const r = await pool.query(sql, [...params]);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      // A connection lost while the transaction waits between queries (a database restart) is an 'error' event on
      // the checked-out client, which the pool no longer listens to: unheard, it would crash the process. The next
      // query fails, the transaction rolls back, and the client is not reused.
      const lost = (err: Error & { code?: string }) => {
        broken = true;
        options.logger?.warn({ code: err.code ?? 'unknown' }, 'postgres connection lost in a transaction');
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R extends object = Row>(sql: string, params: readonly unknown[] = []) {
            const r = await client.query(sql, [...params]);
            return { rows: r.rows as R[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
