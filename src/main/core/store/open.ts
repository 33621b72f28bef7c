import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type CacheDb = Database.Database;

/** See openCache; measured with `npm run bench -- sync-catchup`. */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

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
    // Checkpoint the WAL every ~40 MB (10,000 pages) instead of SQLite's 1,000 pages: a catch-up writes pages
    // of 1,000 events, and checkpointing every few of them rewrote the same B-tree pages into the database
    // over and over (~20 % of catch-up time). FtsIndexer runs a PASSIVE checkpoint when the cache goes quiet.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
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
