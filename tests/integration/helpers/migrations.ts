/** A database as it was before migration `version`: the earlier migrations applied and recorded, as `migrate` would. */
import { loadMigrations } from '../../../src/server/kernel/db/migrate';
import type { Db } from '../../../src/server/kernel/db/types';

export async function migrateBefore(db: Db, version: number): Promise<void> {
  await db.exec('create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  for (const m of (await loadMigrations()).filter((x) => x.version < version)) {
    await db.exec(m.sql);
    await db.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
  }
}
