import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LoginResponse, OmnideskError, type LoginRequest } from '../../../../shared/index';
import {
  afterFailure,
  NO_FAILURES,
  signInRefusal,
  signInVerdict,
  USERNAME_SIGN_IN_LIMITS,
  type FailureState,
  type SignInLimits,
} from '../../../../shared/kernel/sign-in-limits';
import { silentLogger, type Logger } from '../logger';
import { authenticate, type HttpOptions } from './auth';
import { privateDir } from '../private-fs';

/**
 * Seals the credential files at rest. Electron passes one built on `safeStorage` (the OS keychain);
 * web-host and tests use the identity (the files are then protected by their 0600 mode only).
 */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** Offline sign-in: what this workstation remembers of one agent's last online sign-in to one server. */
const Remembered = z.object({
  serverUrl: z.string(),
  username: z.string(),
  /** argon2id of the password (never the password itself) */
  passwordHash: z.string().startsWith('$argon2id$'),
  /** the agent record and the last token the server issued: the sync client retries with it until the server is back */
  login: LoginResponse,
  savedAt: z.string(),
});
type Remembered = z.infer<typeof Remembered>;

const FileV1 = z.discriminatedUnion('sealed', [
  z.object({ version: z.literal(1), sealed: z.literal(false), entry: z.unknown() }),
  z.object({ version: z.literal(1), sealed: z.literal(true), data: z.string() }),
]);

export const NO_OFFLINE_SIGN_IN = 'cannot reach the server and this workstation has no offline sign-in for this user';
const WRONG_CREDENTIALS = 'wrong username or password';

/**
 * One small file per server + username in `<dataDir>/offline-signin/` (the name is a hash, so no username
 * shows in a directory listing), mode 0600, written atomically (temp file + fsync + rename). Nothing here
 * logs a username, password, hash or token.
 */
export class OfflineCredentials {
  readonly dir: string;
  private readonly box: SecretBox | null;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly limits: SignInLimits;

  constructor(
    dataDir: string,
    opts: { secretBox?: SecretBox | undefined; logger?: Logger | undefined; now?: () => number; limits?: SignInLimits } = {},
  ) {
    this.dir = join(dataDir, 'offline-signin');
    this.box = opts.secretBox ?? null;
    this.log = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.limits = opts.limits ?? USERNAME_SIGN_IN_LIMITS;
  }

  /** The file that holds `username`'s credentials for `serverUrl`. */
  fileFor(serverUrl: string, username: string): string {
    const key = createHash('sha256').update(`${serverUrl}\n${username}`).digest('hex').slice(0, 32);
    return join(this.dir, `${key}.json`);
  }

  /** After a successful online sign-in: hash the password (argon2id) and keep it with the agent and token. */
  async remember(serverUrl: string, username: string, password: string, login: LoginResponse): Promise<void> {
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    // never the refresh token: it rotates online, and a stale copy presented later would revoke the session
    const { refreshToken: _refresh, refreshExpiresAt: _until, ...kept } = login;
    const entry: Remembered = { serverUrl, username, passwordHash, login: kept, savedAt: new Date().toISOString() };
    const body = this.box
      ? { version: 1, sealed: true, data: this.box.encrypt(JSON.stringify(entry)).toString('base64') }
      : { version: 1, sealed: false, entry };
    writeAtomic(this.dir, this.fileFor(serverUrl, username), `${JSON.stringify(body)}\n`);
  }

  /**
   * Offline check of a password. Returns the remembered agent and last token when it matches; null when
   * nothing (readable) is remembered for this username and server; throws UNAUTHENTICATED when it does not match.
   */
  async verify(serverUrl: string, username: string, password: string): Promise<LoginResponse | null> {
    const entry = this.read(serverUrl, username);
    if (!entry) return null;
    // the server's brute-force rule (src/shared/kernel/sign-in-limits.ts), per username, kept in a failure file
    const failuresFile = this.failuresFileFor(serverUrl, username);
    const before = readFailures(failuresFile);
    const verdict = signInVerdict(before, this.now(), this.limits);
    if (!verdict.allowed) throw new OmnideskError('RATE_LIMITED', signInRefusal(verdict));
    const ok = await argon2.verify(entry.passwordHash, password).catch(() => false);
    if (!ok) {
      const next = afterFailure(before, this.now(), this.limits);
      writeAtomic(this.dir, failuresFile, `${JSON.stringify({ version: 1, ...next })}\n`);
      throw new OmnideskError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    rmSync(failuresFile, { force: true });
    return entry.login;
  }

  /** The failed offline sign-ins of `username` on `serverUrl` (beside its credentials file, also named by the hash). */
  failuresFileFor(serverUrl: string, username: string): string {
    return this.fileFor(serverUrl, username).replace(/\.json$/, '.failures.json');
  }

  /**
   * The server refused this password online. If it is the remembered one, the password was changed or the
   * account disabled: forget it, so it no longer opens this workstation offline. (A typo keeps the entry.)
   */
  async refused(serverUrl: string, username: string, password: string): Promise<void> {
    const entry = this.read(serverUrl, username);
    if (!entry) return;
    const same = await argon2.verify(entry.passwordHash, password).catch(() => false);
    if (same) this.forget(serverUrl, username);
  }

  forget(serverUrl: string, username: string): void {
    rmSync(this.fileFor(serverUrl, username), { force: true });
  }

  private read(serverUrl: string, username: string): Remembered | null {
    let text: string;
    try {
      text = readFileSync(this.fileFor(serverUrl, username), 'utf8');
    } catch {
      return null;
    }
    try {
      const file = FileV1.parse(JSON.parse(text));
      let raw: unknown;
      if (file.sealed) {
        if (!this.box) {
          this.log.warn({}, 'offline sign-in file is sealed but no secret box is available; ignored');
          return null;
        }
        raw = JSON.parse(this.box.decrypt(Buffer.from(file.data, 'base64')));
      } else {
        raw = file.entry;
      }
      const entry = Remembered.parse(raw);
      // The file name is a hash: make sure it really is this user on this server.
      return entry.serverUrl === serverUrl && entry.username === username ? entry : null;
    } catch {
      this.log.warn({}, 'offline sign-in file unreadable; ignored');
      return null;
    }
  }
}

const FailuresFile = z.object({
  version: z.literal(1),
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.number(),
  lockedUntil: z.number().nullable(),
});

/** A missing or unreadable file is no failure (an unreadable one is replaced by the next failure). */
function readFailures(file: string): FailureState {
  try {
    const f = FailuresFile.parse(JSON.parse(readFileSync(file, 'utf8')));
    return { failures: f.failures, lastFailureAt: f.lastFailureAt, lockedUntil: f.lockedUntil };
  } catch {
    return NO_FAILURES;
  }
}

/** Writes `text` to `file` so that a reader sees the old or the new content, never a part: temp + fsync + rename. */
export function writeAtomic(dir: string, file: string, text: string): void {
  privateDir(dir);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened; make it exact
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Sign-in, online first: the server's answer when it gives one (and then remember it for offline sign-in);
 * when the server cannot be reached (UNAVAILABLE), the remembered credentials of this username on this
 * server. `offline` says which it was.
 */
export async function signIn(
  serverUrl: string,
  creds: LoginRequest,
  http: HttpOptions,
  credentials: OfflineCredentials,
  log: Logger = silentLogger,
): Promise<{ login: LoginResponse; offline: boolean }> {
  let login: LoginResponse;
  try {
    login = await authenticate(serverUrl, creds, http);
  } catch (err) {
    if (!(err instanceof OmnideskError)) throw err;
    if (err.code === 'UNAUTHENTICATED') {
      await credentials.refused(serverUrl, creds.username, creds.password).catch(() => undefined);
      throw err;
    }
    if (err.code !== 'UNAVAILABLE') throw err;
    const remembered = await credentials.verify(serverUrl, creds.username, creds.password);
    if (!remembered) throw new OmnideskError('UNAVAILABLE', NO_OFFLINE_SIGN_IN);
    log.info({ agentId: remembered.agent.id }, 'server unreachable: signed in offline with remembered credentials');
    return { login: remembered, offline: true };
  }
  try {
    await credentials.remember(serverUrl, creds.username, creds.password, login);
  } catch (err) {
    // Not fatal: the agent is signed in; only the next offline sign-in will not work.
    log.warn({ errCode: (err as NodeJS.ErrnoException | null)?.code ?? 'unknown' }, 'offline sign-in not remembered');
  }
  return { login, offline: false };
}
