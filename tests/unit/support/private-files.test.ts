/** What the test helpers make is private to this account (issue 9, finding 7): folders 0700, files 0600. */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../support/cleanups';
import { openTestCore } from '../../support/desktop-cores';
import { privateDir, scopedTempDir, tempDir, writePrivateFile } from '../../support/temp-dir';
import { openStore, tempCachePath } from '../../support/temp-store';
import { webHostDir } from '../bridge/ws-helpers';

const defer = cleanupAfterEach();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('test helpers: private folders and files', () => {
  // a umask of 0 would leave mkdir's default 0777 and writeFile's 0666: the helpers must not depend on it
  const withUmask = <T>(mask: number, fn: () => T): T => {
    const old = process.umask(mask);
    try {
      return fn();
    } finally {
      process.umask(old);
    }
  };

  it('tempDir and scopedTempDir make 0700 folders, removed by their cleanup', () => {
    const t = withUmask(0, () => tempDir());
    expect(mode(t.dir)).toBe(0o700);
    t.cleanup();
    expect(() => statSync(t.dir)).toThrow();
    expect(mode(scopedTempDir(defer))).toBe(0o700);
  });

  it('privateDir makes 0700 folders, parents included, and narrows an existing one; writePrivateFile writes 0600', () => {
    const root = scopedTempDir(defer);
    mkdirSync(join(root, 'open'), { mode: 0o755 });
    withUmask(0, () => {
      privateDir(join(root, 'a', 'b'));
      privateDir(join(root, 'open'));
      writePrivateFile(join(root, 'a', 'b', 'f'), 'x');
    });
    expect(mode(join(root, 'a'))).toBe(0o700);
    expect(mode(join(root, 'a', 'b'))).toBe(0o700);
    expect(mode(join(root, 'open'))).toBe(0o700);
    expect(mode(join(root, 'a', 'b', 'f'))).toBe(0o600);
  });

  it('openStore leaves the cache and its WAL files 0600 in a 0700 folder', () => {
    const path = tempCachePath(defer);
    const store = withUmask(0, () => openStore(defer, path));
    store.meta.setCursor(1); // a write, so the WAL exists
    const dir = join(path, '..');
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toContain('cache.sqlite');
    for (const f of files) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
  });

  it('the web-host stand-in renderer is 0700 folders and 0600 files', () => {
    const t = withUmask(0, () => webHostDir());
    defer(t.cleanup);
    const stat = join(t.dir, 'static');
    expect([mode(t.dir), mode(stat), mode(join(stat, 'assets'))]).toEqual([0o700, 0o700, 0o700]);
    expect([mode(join(stat, 'index.html')), mode(join(stat, 'assets', 'app.js'))]).toEqual([0o600, 0o600]);
  });

  it('a test core gets a 0700 data directory, removed when it closes', async () => {
    const c = withUmask(0, () => openTestCore({ defaultServerUrl: 'http://127.0.0.1:1' }));
    expect(mode(c.dataDir)).toBe(0o700);
    await c.close();
    expect(() => statSync(c.dataDir)).toThrow();
  });
});
