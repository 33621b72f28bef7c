import { readFileSync } from 'node:fs';
import { privateDir, writePrivateFile } from '../private-fs';
import { join } from 'node:path';

/**
 * Workstation settings kept beside the caches: the server address chosen at the last sign-in, used as the
 * default for the next one. Holds no personal data.
 */
const FILE = 'workstation.json';

export function rememberedServerUrl(dataDir: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as { serverUrl?: unknown }).serverUrl;
    return typeof v === 'string' && v.length > 0 ? v : null;
  } catch {
    return null;
  }
}

export function rememberServerUrl(dataDir: string, serverUrl: string): void {
  privateDir(dataDir);
  writePrivateFile(join(dataDir, FILE), `${JSON.stringify({ serverUrl }, null, 2)}\n`);
}
