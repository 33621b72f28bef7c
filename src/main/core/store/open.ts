import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type CacheDb = Database.Database;

/**
 * Opens (creating if needed) a desktop cache: WAL, foreign keys on, migrations applied in order, each in
 * its own transaction together with `PRAGMA user_version`, so a crash mid-migration leaves the old version.
 */
export function openCache(path: string, migrations: readonly Migration[] = MIGRATIONS): CacheDb {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: CacheDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function migrate(db: CacheDb, migrations: readonly Migration[]): void {
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new Error(`cache schema version ${current} is newer than this app (${latest})`);
  }
  const todo = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of todo) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
}
