import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NO_OFFLINE_SIGN_IN,
  OfflineCredentials,
  signIn,
  writeAtomic,
} from '../../../src/main/core/kernel/session/offline-credentials';
import { newId, type LoginResponse } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { aesBox } from '../../support/secret-box';
import { scopedTempDir } from '../../support/temp-dir';
import { makeAgent } from './helpers/fixtures';
import { captureLogger } from './helpers/util';

const SERVER = 'http://127.0.0.1:4010';
const USERNAME = 'alice.offline';
const PASSWORD = 'Correct-Horse-Battery-9';
const TOKEN = `eyJhbGciOiJIUzI1NiJ9.token-${newId()}`;

const defer = cleanupAfterEach();
const dataDir = () => scopedTempDir(defer, 'omnidesk-cred-');

function loginResponse(): LoginResponse {
  return { token: TOKEN, expiresAt: '2030-01-01T00:00:00.000Z', agent: makeAgent({ username: USERNAME }) };
}

describe('OfflineCredentials', () => {
  it('verifies the remembered password (argon2id) and answers the agent and last token; a wrong one is UNAUTHENTICATED', async () => {
    const creds = new OfflineCredentials(dataDir());
    const login = loginResponse();
    await creds.remember(SERVER, USERNAME, PASSWORD, login);
    expect(await creds.verify(SERVER, USERNAME, PASSWORD)).toEqual(login);
    await expect(creds.verify(SERVER, USERNAME, 'wrong password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'wrong username or password' });
    // other user, other server: nothing remembered
    expect(await creds.verify(SERVER, 'bob', PASSWORD)).toBeNull();
    expect(await creds.verify('http://10.0.0.9:4010', USERNAME, PASSWORD)).toBeNull();
  });

  it('writes a 0600 file in a 0700 directory, named by a hash, holding an argon2id hash and never the password', async () => {
    const creds = new OfflineCredentials(dataDir());
    await creds.remember(SERVER, USERNAME, PASSWORD, loginResponse());
    const file = creds.fileFor(SERVER, USERNAME);
    expect(readdirSync(creds.dir)).toEqual([file.slice(creds.dir.length + 1)]);
    expect(file).not.toContain(USERNAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(creds.dir).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('$argon2id$');
  });

  it('replaces the file atomically: a new file renamed over the old one, no temp file left', async () => {
    const creds = new OfflineCredentials(dataDir());
    await creds.remember(SERVER, USERNAME, PASSWORD, loginResponse());
    const file = creds.fileFor(SERVER, USERNAME);
    const before = statSync(file).ino;
    await creds.remember(SERVER, USERNAME, 'a-new-password', { ...loginResponse(), token: 'newer-token' });
    expect(statSync(file).ino).not.toBe(before); // not rewritten in place
    expect(readdirSync(creds.dir)).toHaveLength(1);
    expect((await creds.verify(SERVER, USERNAME, 'a-new-password'))?.token).toBe('newer-token');
    await expect(creds.verify(SERVER, USERNAME, PASSWORD)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('writeAtomic leaves the old content and no temp file when the final rename fails', () => {
    const dir = dataDir();
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x'); // a non-empty directory cannot be renamed over
    expect(() => writeAtomic(dir, target, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    const ok = join(dir, 'ok.json');
    writeAtomic(dir, ok, 'one');
    writeAtomic(dir, ok, 'two');
    expect(readFileSync(ok, 'utf8')).toBe('two');
    expect(readdirSync(dir).sort()).toEqual(['occupied', 'ok.json']);
  });

  it('with a secretBox: round-trips, and the file holds no password, hash, token or username in plaintext', async () => {
    const box = aesBox();
    const creds = new OfflineCredentials(dataDir(), { secretBox: box });
    const login = loginResponse();
    await creds.remember(SERVER, USERNAME, PASSWORD, login);
    const text = readFileSync(creds.fileFor(SERVER, USERNAME), 'utf8');
    for (const secret of [PASSWORD, TOKEN, USERNAME, 'argon2', login.agent.displayName]) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ version: 1, sealed: true });
    expect(await creds.verify(SERVER, USERNAME, PASSWORD)).toEqual(login);
    await expect(creds.verify(SERVER, USERNAME, 'nope')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a sealed file it cannot open (no box, another key) counts as nothing remembered', async () => {
    const dir = dataDir();
    const log = captureLogger();
    await new OfflineCredentials(dir, { secretBox: aesBox() }).remember(SERVER, USERNAME, PASSWORD, loginResponse());
    expect(await new OfflineCredentials(dir, { logger: log }).verify(SERVER, USERNAME, PASSWORD)).toBeNull();
    expect(await new OfflineCredentials(dir, { secretBox: aesBox(), logger: log }).verify(SERVER, USERNAME, PASSWORD)).toBeNull();
    expect(log.records.filter((r) => r.level === 'warn')).toHaveLength(2);
  });

  it('a corrupt file counts as nothing remembered', async () => {
    const creds = new OfflineCredentials(dataDir());
    await creds.remember(SERVER, USERNAME, PASSWORD, loginResponse());
    writeFileSync(creds.fileFor(SERVER, USERNAME), '{"version":1,"sealed":false,"entry":{"username":');
    expect(await creds.verify(SERVER, USERNAME, PASSWORD)).toBeNull();
  });

  it('refused(): the remembered password refused online is forgotten; a typo is not', async () => {
    const creds = new OfflineCredentials(dataDir());
    await creds.remember(SERVER, USERNAME, PASSWORD, loginResponse());
    await creds.refused(SERVER, USERNAME, 'typo');
    expect(await creds.verify(SERVER, USERNAME, PASSWORD)).not.toBeNull();
    await creds.refused(SERVER, USERNAME, PASSWORD);
    expect(await creds.verify(SERVER, USERNAME, PASSWORD)).toBeNull();
  });
});

describe('signIn (online first, then remembered credentials)', () => {
  const online = (login: LoginResponse) =>
    (async () => new Response(JSON.stringify(login), { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
  const refusing = (async () =>
    new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' } }), { status: 401 })) as unknown as typeof fetch;
  const down = (async () => {
    throw new TypeError('fetch failed');
  }) as unknown as typeof fetch;

  it('remembers an online sign-in, then signs in offline with the right password only; logs no personal data', async () => {
    const log = captureLogger();
    const creds = new OfflineCredentials(dataDir(), { logger: log });
    const login = loginResponse();
    expect(await signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: online(login) }, creds, log)).toEqual({ login, offline: false });

    expect(await signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: down }, creds, log)).toEqual({ login, offline: true });
    expect(await codeOf(signIn(SERVER, { username: USERNAME, password: 'wrong' }, { fetch: down }, creds, log))).toBe('UNAUTHENTICATED');
    await expect(signIn(SERVER, { username: 'stranger', password: PASSWORD }, { fetch: down }, creds, log)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: NO_OFFLINE_SIGN_IN,
    });
    for (const secret of [USERNAME, PASSWORD, TOKEN, 'stranger', 'wrong']) expect(log.text()).not.toContain(secret);
  });

  it('a password the server now refuses no longer opens the workstation offline', async () => {
    const creds = new OfflineCredentials(dataDir());
    await signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: online(loginResponse()) }, creds);
    expect(await codeOf(signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: refusing }, creds))).toBe('UNAUTHENTICATED');
    expect(await codeOf(signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: down }, creds))).toBe('UNAVAILABLE');
  });

  it('a server error that is not "unreachable" is not answered offline', async () => {
    const creds = new OfflineCredentials(dataDir());
    await signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: online(loginResponse()) }, creds);
    const forbidden = (async () =>
      new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'account disabled' } }), { status: 403 })) as unknown as typeof fetch;
    expect(await codeOf(signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: forbidden }, creds))).toBe('FORBIDDEN');
  });

  it('the server refusing RATE_LIMITED (429) is not answered offline: the offline check would bypass its limits', async () => {
    const creds = new OfflineCredentials(dataDir());
    await signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: online(loginResponse()) }, creds);
    const limited = (async () =>
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'too many failed sign-ins: try again in 4 s' } }), {
        status: 429,
        headers: { 'retry-after': '4' },
      })) as unknown as typeof fetch;
    await expect(signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: limited }, creds)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'too many failed sign-ins: try again in 4 s',
    });
  });

  it('offline sign-in applies the shared sign-in limits: back-off, then a lockout even for the right password; kept in a 0600 file', async () => {
    let clock = Date.parse('2026-06-15T10:00:00Z');
    const dir = dataDir();
    const creds = new OfflineCredentials(dir, { now: () => clock });
    const login = loginResponse();
    await creds.remember(SERVER, USERNAME, PASSWORD, login);
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push(await codeOf(signIn(SERVER, { username: USERNAME, password: `wrong-${i}` }, { fetch: down }, creds)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await codeOf(signIn(SERVER, { username: USERNAME, password: PASSWORD }, { fetch: down }, creds))).toBe('RATE_LIMITED');
    // a new process (another OfflineCredentials on the same folder) sees the same failures
    const again = new OfflineCredentials(dir, { now: () => clock });
    expect(await codeOf(again.verify(SERVER, USERNAME, PASSWORD))).toBe('RATE_LIMITED');
    // wait each back-off out and keep failing: locked at 10
    for (let failures = 4; failures < 10; failures++) {
      clock += 60_000;
      expect(await codeOf(again.verify(SERVER, USERNAME, 'still-wrong'))).toBe('UNAUTHENTICATED');
    }
    clock += 60_000;
    await expect(again.verify(SERVER, USERNAME, PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/locked/) });
    const files = readdirSync(join(dir, 'offline-signin')).filter((f) => f.endsWith('.failures.json'));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, 'offline-signin', files[0]!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'offline-signin', files[0]!), 'utf8')).not.toContain(USERNAME);
    // the lockout runs out; a success clears the failures
    clock += 30 * 60_000;
    expect(await again.verify(SERVER, USERNAME, PASSWORD)).toEqual(login);
    expect(readdirSync(join(dir, 'offline-signin')).filter((f) => f.endsWith('.failures.json'))).toHaveLength(0);
  }, 60_000);
});
