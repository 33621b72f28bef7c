/**
 * Private temp directories and files for tests. Test caches and credentials hold the same kind of data as real
 * ones, so nothing a helper makes is readable by other local accounts (issue 9, finding 7): folders 0700,
 * files 0600, set exactly (a umask may only narrow a mode, and mkdtemp's 0700 is not promised everywhere).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../../src/main/core/kernel/private-fs';
import type { Defer } from './cleanups';

// one helper for the product and the tests (src/main/core/kernel/private-fs.ts)
export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, privateDatabaseFiles, privateDir, writePrivateFile } from '../../src/main/core/kernel/private-fs';

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
