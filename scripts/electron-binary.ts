import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The path of a usable Electron binary, or null. `require('electron')` would try to download the binary
 * (impossible on machines without internet), so look for what an install left behind instead.
 */
export function electronBinaryPath(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(p) ? p : null;
  }
  const pkg = join(process.cwd(), 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const p = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? p : null;
}

export function electronBinaryAvailable(): boolean {
  return electronBinaryPath() !== null;
}
