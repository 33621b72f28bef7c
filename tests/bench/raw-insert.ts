/** The baseline printed beside the benches: one INSERT per row into a bare table, in one transaction, on a plain pg client. */
import pg from 'pg';

export interface RawInsert {
  /** CREATE TABLE of the bare table */
  createTable: string;
  /** the INSERT, with its $n parameters */
  insert: string;
  count: number;
  /** the parameters of row i (made inside the timed loop, as the bench's own rows are) */
  row(i: number): unknown[];
}

/** Times the loop on `url`; returns the milliseconds and the rows per second. */
export async function timeRawInserts(url: string, r: RawInsert): Promise<{ ms: number; perS: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(r.createTable);
    const t0 = performance.now();
    await c.query('begin');
    for (let i = 0; i < r.count; i++) await c.query(r.insert, r.row(i));
    await c.query('commit');
    const ms = performance.now() - t0;
    return { ms, perS: r.count / (ms / 1000) };
  } finally {
    await c.end();
  }
}
