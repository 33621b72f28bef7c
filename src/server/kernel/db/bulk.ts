import type { Queryable } from './types';

/** Column name → PostgreSQL type, in insert order: the keys of each row object. */
export type BulkColumns = Readonly<Record<string, string>>;

export interface BulkOptions {
  /** `ignore`: on conflict do nothing; `{on, update}`: on conflict (on…) do update set each of `update` */
  conflict?: 'ignore' | { on: readonly string[]; update: readonly string[] };
  /** rows per statement (one JSON parameter each); default 1,000 */
  chunk?: number;
  /** columns of the inserted rows to return (rows skipped by `ignore` are not returned) */
  returning?: readonly string[];
}

/**
 * Inserts many rows with one statement per chunk: the rows travel as ONE JSON parameter and are unpacked by
 * `jsonb_to_recordset`, which is far faster than a statement per row and the same SQL on PGlite and PostgreSQL.
 * `table` and the column names are the caller's constants, never input.
 */
export async function bulkInsert<R extends object = Record<string, unknown>>(
  tx: Queryable,
  table: string,
  columns: BulkColumns,
  rows: readonly object[],
  opts: BulkOptions = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const c = opts.conflict;
  const conflict =
    c === undefined ? '' : c === 'ignore' ? ' on conflict do nothing' : ` on conflict (${c.on.join(', ')}) do update set ${c.update.map((n) => `${n} = excluded.${n}`).join(', ')}`;
  const sql =
    `insert into ${table} (${names.join(', ')}) select ${names.map((n) => `x.${n}`).join(', ')} ` +
    `from jsonb_to_recordset($1::text::jsonb) as x(${names.map((n) => `${n} ${columns[n]}`).join(', ')})${conflict}` +
    (opts.returning?.length ? ` returning ${opts.returning.join(', ')}` : '');
  const size = opts.chunk ?? 1000;
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const { rows: got } = await tx.query<R>(sql, [JSON.stringify(rows.slice(i, i + size))]);
    if (opts.returning?.length) out.push(...got);
  }
  return out;
}
