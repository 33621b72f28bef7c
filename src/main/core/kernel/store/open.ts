// better-sqlite3 built with SQLite3MultipleCiphers: the same API, plus `PRAGMA hexkey` (encryption at rest)
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, type Migration } from './migrations/index';
import { privateDatabaseFiles } from '../private-fs';

export type CacheDb = Database.Database;

/** See openCache; measured with `npm run bench -- sync-catchup`. */
export const PAGE_SIZE = 8192;

export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** A cache key: 32 random bytes as 64 hex digits (see session/cache-key.ts). */
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * AES-256-CBC (hardware AES where the CPU has it) rather than SQLite3MultipleCiphers' default ChaCha20-Poly1305:
 * catch-up into an encrypted cache ran at 25,500 events/s with it against 19,700/s with ChaCha20 (apply only,
 * `npm run bench -- sync-catchup`). It keeps the pages confidential, which is what a lost laptop needs; it does
 * not authenticate them, and someone able to rewrite the file could as well replace the app.
 */
export const CACHE_CIPHER = 'aes256cbc';

function useKey(db: CacheDb, pragma: 'hexkey' | 'hexrekey', key: string): void {
  db.pragma(`cipher='${CACHE_CIPHER}'`);
  db.pragma(`${pragma}='${key}'`);
}

export interface OpenCacheOptions {
  /** encrypt the cache at rest with this key (CACHE_CIPHER); none: plain */
  key?: string | null;
}

/**
 * Opens (creating if needed) a desktop cache: encrypted when a key is given (a cache written before it had
 * one is encrypted in place, nothing lost), WAL, foreign keys on, migrations applied in order, each in its own
 * transaction together with `PRAGMA user_version`, so a crash mid-migration leaves the old version.
 */
export function openCache(path: string, migrations: readonly Migration[] = MIGRATIONS, opts: OpenCacheOptions = {}): CacheDb {
  const key = opts.key ?? null;
  if (key !== null && !HEX_KEY.test(key)) throw new Error('cache key must be 64 hex digits');
  if (path !== ':memory:') privateDatabaseFiles(path); // 0600, and so its WAL (issue 9, finding 7)
  if (key !== null && !readableWith(path, key)) encryptInPlace(path, key);
  const db = new Database(path);
  try {
    if (key !== null) useKey(db, 'hexkey', key);
    // 8 KiB pages for a new cache (a no-op on an existing one): fewer pages to write, checkpoint and encrypt
    // per event; catch-up +7 % plain, +12 % encrypted against 4 KiB (`npm run bench -- sync-catchup`).
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Checkpoint the WAL every ~80 MB (10,000 pages of 8 KiB) instead of SQLite's 1,000 pages: a catch-up writes pages
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

/** True when the file is absent/empty or opens with `key`. */
function readableWith(path: string, key: string): boolean {
  const db = new Database(path);
  try {
    useKey(db, 'hexkey', key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/**
 * A cache written before it had a key (an older app, or the OS keychain was unavailable then): encrypt it in
 * place rather than start afresh, because it may hold changes that never reached the server. Rekeying needs a
 * rollback journal; WAL is switched back on by openCache. A file that is neither plain nor ours throws.
 */
function encryptInPlace(path: string, key: string): void {
  const db = new Database(path);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // throws when it is not a plain database either
    db.pragma('journal_mode = DELETE');
    useKey(db, 'hexrekey', key);
  } finally {
    db.close();
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
