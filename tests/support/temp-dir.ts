/**
 * Private temp directories and files for tests. Test caches and credentials hold the same kind of data as real
 * ones, so nothing a helper makes is readable by other local accounts (issue 9, finding 7): folders 0700,
 * files 0600, set exactly (a umask may only narrow a mode, and mkdtemp's 0700 is not promised everywhere).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Defer } from './cleanups';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface TempDir {
  dir: string;
  cleanup(): void;
}

/** A fresh 0700 directory under the OS temp dir, and its removal. */
export function tempDir(prefix = 'omnidesk-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, PRIVATE_DIR_MODE);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh 0700 directory that `defer` removes (after the test); returns its path. */
export function scopedTempDir(defer: Defer, prefix?: string): string {
  const t = tempDir(prefix);
  defer(t.cleanup);
  return t.dir;
}

/** Makes `dir` (and any missing parents) 0700; returns it. */
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

/** Narrows an SQLite database and its WAL and shared-memory files, where they exist, to 0600. */
export function privateDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
}
