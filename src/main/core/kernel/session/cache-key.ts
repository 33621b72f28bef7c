import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomic, type SecretBox } from './offline-credentials';

/**
 * The key a cache is encrypted with at rest (DESIGN.md "Local store"): 32 random bytes made on first use,
 * kept beside the cache in `<cache>.key` sealed by the OS keychain (Electron's safeStorage through
 * `SecretBox`), written atomically with mode 0600. Without a SecretBox (web-host, tests) there is no key and
 * the cache stays plain: a key stored in the clear next to the file would protect nothing.
 *
 * Returns the key as 64 hex digits, or null. A key file the box cannot open (another OS user, a reset
 * keychain) throws: the caller decides what to do with a cache it can no longer read.
 */
export function cacheKey(cacheFile: string, box: SecretBox | null | undefined): string | null {
  if (!box) return null;
  const file = `${cacheFile}.key`;
  if (existsSync(file)) {
    const key = box.decrypt(Buffer.from(readFileSync(file, 'utf8'), 'base64'));
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('cache key file holds no key');
    return key;
  }
  const key = randomBytes(32).toString('hex');
  writeAtomic(dirname(file), file, box.encrypt(key).toString('base64'));
  return key;
}
