/**
 * Private files for the desktop's data (caches, their WAL, sign-in and key files, workstation settings): they
 * hold customers' health data, so no other local account may read them (issue 9, finding 7). Folders 0700,
 * files 0600, set exactly with chmod (a umask may only narrow a mode, and an existing file keeps its old one).
 * Used by the desktop core's store and session, web-host, and the test helpers (tests/support/temp-*.ts).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes `dir` (and any missing parents) 0700, narrowing an existing one; returns it. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
  return dir;
}

/** Writes a 0600 file (an existing one is narrowed to 0600 too). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Before an SQLite database is opened: creates it empty with 0600 when absent (SQLite then gives its WAL and
 * shared-memory files the database file's mode) and narrows the database, WAL and shm files that exist to 0600.
 */
export function privateDatabaseFiles(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
}
