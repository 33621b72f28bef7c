/**
 * Bundles the Electron main process and preload to CommonJS for Electron:
 *   dist/electron/main.cjs     (src/main/electron/main.ts, with the desktop core)
 *   dist/electron/preload.cjs  (src/main/electron/preload.ts; sandboxed preloads may only require 'electron')
 * `electron` and the native `better-sqlite3-multiple-ciphers` (the cache), `better-sqlite3` and `argon2` stay external (they must be rebuilt for Electron's
 * ABI when packaging: electron-builder's install-app-deps).
 */
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

async function main(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['src/main/electron/main.ts'],
      outfile: 'dist/electron/main.cjs',
      // bufferutil/utf-8-validate: optional speed-ups of `ws` (socket.io-client), loaded in try/catch
      external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'argon2', 'bufferutil', 'utf-8-validate'],
    }),
    build({
      ...common,
      entryPoints: ['src/main/electron/preload.ts'],
      outfile: 'dist/electron/preload.cjs',
      external: ['electron'],
      minify: true, // it carries the shared contracts (zod); parsed on every window load
    }),
  ]);
  console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
