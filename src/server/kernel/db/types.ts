/**
 * The server's database seam: one SQL dialect (PostgreSQL), two engines — embedded PGlite (the
 * zero-setup default) and a real PostgreSQL server through `pg` (when DATABASE_URL is set).
 *
 * Portable rules for SQL written against this interface:
 *  - bigint columns come back as number (PGlite) or string (pg): always convert with Number().
 *  - jsonb parameters: pass JSON.stringify(value) and cast `$n::text::jsonb` (pg would turn a JS array
 *    into a Postgres array literal otherwise).
 *  - JS arrays of strings may be passed for `$n::text[]` / `$n::uuid[]`.
 *  - timestamptz comes back as a JS Date.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement, `$1…` parameters. */
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** BEGIN … COMMIT around fn; ROLLBACK if it throws. Do not call db.transaction inside fn (PGlite has one connection). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A value of a bigint column as returned by either driver. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || typeof v === 'string') return Number(v);
  if (v === null || v === undefined) return 0;
  throw new TypeError('not a numeric column value');
}

/** A timestamptz column value as an ISO instant. */
export function toIso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return new Date(v).toISOString();
  throw new TypeError('not a timestamp column value');
}
