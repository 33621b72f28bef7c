import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIN_SECRET_LENGTH } from './tokens';

export const SECRET_FILE = 'jwt-secret';

/**
 * The JWT signing secret: `envSecret` (OMNIDESK_JWT_SECRET) if given, else the one persisted in
 * `<dataDir>/jwt-secret`, generated on first use (mode 0600). Several server instances behind a
 * load balancer must share it, so set OMNIDESK_JWT_SECRET there.
 */
export async function resolveJwtSecret(options: { envSecret: string | null; dataDir: string }): Promise<string> {
  if (options.envSecret) {
    if (options.envSecret.length < MIN_SECRET_LENGTH) {
      throw new Error(`OMNIDESK_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return options.envSecret;
  }
  const file = path.join(options.dataDir, SECRET_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= MIN_SECRET_LENGTH) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(options.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
