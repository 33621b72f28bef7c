/**
 * The benches' database: a scratch database on the shared PostgreSQL test cluster, or an in-memory PGlite when
 * PostgreSQL is not reachable (the bench says so and its figures get a `_pglite` id), migrated and demo-seeded.
 */
import { migrate, openPg, openPglite, type Db } from '../../src/server/kernel/db/index';
import { generateDemoData, seedDatabase } from '../../src/server/seed';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres';

export interface BenchDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** the database URL when PostgreSQL */
  url: string | null;
  /** closes the pool and drops the scratch database */
  close(): Promise<void>;
}

const problemOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export type PostgresBenchDatabase = BenchDatabase & { kind: 'postgres'; url: string };

/** A fresh, empty PostgreSQL database (pool of `max`), or why there is none. */
export async function scratchPostgres(max: number): Promise<PostgresBenchDatabase | { problem: string }> {
  let s: ScratchDatabase;
  try {
    s = await createScratchDatabase();
  } catch (err) {
    return { problem: problemOf(err) };
  }
  const db = await openPg({ connectionString: s.url, max });
  return {
    db,
    kind: 'postgres',
    url: s.url,
    async close() {
      await db.close();
      await s.drop();
    },
  };
}

/** PostgreSQL when reachable, else PGlite (with a warning); migrated and seeded with the demo data (`customers` of them, 20 by default). */
export async function openBenchDatabase(opts: { max?: number; customers?: number } = {}): Promise<BenchDatabase> {
  const pg = await scratchPostgres(opts.max ?? 5);
  let bench: BenchDatabase;
  if (!('problem' in pg)) bench = pg;
  else {
    console.warn(`  WARNING: PostgreSQL not reachable (${pg.problem}); this bench runs on PGlite instead`);
    const db = await openPglite({ dataDir: null });
    bench = { db, kind: 'pglite', url: null, close: () => db.close() };
  }
  try {
    await migrate(bench.db);
    await seedDatabase(bench.db, generateDemoData({ customers: opts.customers ?? 20 }));
  } catch (err) {
    await bench.close();
    throw err;
  }
  return bench;
}

/**
 * Runs each bench on a fresh scratch PostgreSQL database of its own (pool of `max`), or on an in-memory PGlite when
 * PostgreSQL is not reachable (said once per bench); the bench migrates and fills it, and is told which it got.
 */
export async function eachOnScratchDatabase(benches: ReadonlyArray<(db: Db, kind: 'postgres' | 'pglite') => Promise<void>>, max = 8): Promise<void> {
  for (const bench of benches) {
    const pg = await scratchPostgres(max);
    if ('problem' in pg) {
      console.log(`  PostgreSQL not reachable (${pg.problem}): PGlite only`);
      const lite = await openPglite({ dataDir: null });
      try {
        await bench(lite, 'pglite');
      } finally {
        await lite.close();
      }
      continue;
    }
    try {
      await bench(pg.db, 'postgres');
    } finally {
      await pg.close();
    }
  }
}
