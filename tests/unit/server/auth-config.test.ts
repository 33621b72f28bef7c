import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { hashPassword, verifyPassword } from '../../../src/server/kernel/auth/passwords';
import { resolveJwtSecret } from '../../../src/server/kernel/auth/secret';
import { bearerToken } from '../../../src/server/kernel/auth/session';
import { signAccessToken, verifyAccessToken } from '../../../src/server/kernel/auth/tokens';
import { loadConfig } from '../../../src/server/kernel/config';
import { toHttpError } from '../../../src/server/kernel/http/errors';
import { demoAgent } from '../../../src/server/seed';
import { tempDir, type TempDir } from '../../support/temp-dir';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const dirs: TempDir[] = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

const codeOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OmnideskError);
  return e as OmnideskError;
};

describe('tokens', () => {
  it('sign → verify gives sub, role, teamIds and the session id; 15 min expiry', async () => {
    const alice = demoAgent('alice');
    const { token, expiresAt } = await signAccessToken(alice, SECRET);
    const claims = await verifyAccessToken(token, SECRET);
    expect(claims).toMatchObject({ sub: alice.id, role: 'agent', teamIds: alice.teamIds });
    expect(claims.exp - claims.iat).toBe(15 * 60);
    expect(Date.parse(expiresAt)).toBe(claims.exp * 1000);
  });

  it('refuses expired, foreign-signed, tampered and unsigned tokens with UNAUTHENTICATED', async () => {
    const alice = demoAgent('alice');
    const expired = await signAccessToken(alice, SECRET, { now: new Date(Date.now() - 13 * 3600_000) });
    expect((await codeOf(verifyAccessToken(expired.token, SECRET))).toBody()).toEqual({ code: 'UNAUTHENTICATED', message: 'token expired' });
    const foreign = await signAccessToken(alice, 'x'.repeat(40));
    expect((await codeOf(verifyAccessToken(foreign.token, SECRET))).code).toBe('UNAUTHENTICATED');
    const { token } = await signAccessToken(alice, SECRET);
    const [h, p] = token.split('.');
    const admin = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect((await codeOf(verifyAccessToken(`${h}.${admin}.${token.split('.')[2]}`, SECRET))).code).toBe('UNAUTHENTICATED');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect((await codeOf(verifyAccessToken(none, SECRET))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a short secret', async () => {
    await expect(signAccessToken(demoAgent('alice'), 'short')).rejects.toThrow(/at least 32/);
  });

  it('parses Bearer headers', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    for (const h of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b']) expect(() => bearerToken(h)).toThrow(OmnideskError);
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('omnidesk-agent');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'omnidesk-agent')).toBe(true);
    expect(await verifyPassword(hash, 'omnidesk-Agent')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('JWT secret', () => {
  it('is generated once, persisted with mode 0600, and reused', async () => {
    const t = tempDir('omnidesk-secret-');
    dirs.push(t);
    const dir = t.dir;
    const a = await resolveJwtSecret({ envSecret: null, dataDir: join(dir, 'server') });
    const b = await resolveJwtSecret({ envSecret: null, dataDir: join(dir, 'server') });
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'server', 'jwt-secret'), 'utf8').trim()).toBe(a);
    expect(statSync(join(dir, 'server', 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('prefers OMNIDESK_JWT_SECRET and refuses a short one', async () => {
    expect(await resolveJwtSecret({ envSecret: SECRET, dataDir: '/nonexistent' })).toBe(SECRET);
    await expect(resolveJwtSecret({ envSecret: 'short', dataDir: '/nonexistent' })).rejects.toThrow(/at least 32/);
  });
});

describe('config', () => {
  it('has defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: '.omnidesk-data/server',
      jwtSecret: null,
      logLevel: 'info',
      trustProxy: false,
      demo: false,
      adminPassword: null,
      escalationDir: null,
      knowledgeDir: null,
      helpCenterUrl: null,
      replyTakesCase: true,
      publicUrl: null,
      surveyDelayHours: null,
      cluster: null,
      drainMs: 2000,
      dbPool: 10,
    });
  });

  it('reads the environment; an empty DATABASE_URL means PGlite', () => {
    const c = loadConfig({ PORT: '0', HOST: '0.0.0.0', DATABASE_URL: 'postgres://x@y/z', OMNIDESK_DATA_DIR: '/tmp/o', OMNIDESK_JWT_SECRET: SECRET, LOG_LEVEL: 'warn' });
    expect(c).toEqual({ port: 0, host: '0.0.0.0', databaseUrl: 'postgres://x@y/z', dataDir: '/tmp/o', jwtSecret: SECRET, logLevel: 'warn', trustProxy: false, demo: false, adminPassword: null, escalationDir: null, knowledgeDir: null, helpCenterUrl: null, replyTakesCase: true, publicUrl: null, surveyDelayHours: null, cluster: null, drainMs: 2000, dbPool: 10 });
    expect(loadConfig({ OMNIDESK_REPLY_TAKES_CASE: '0' }).replyTakesCase).toBe(false);
    expect(loadConfig({ OMNIDESK_HELP_CENTER_URL: ' https://help.example.com ' }).helpCenterUrl).toBe('https://help.example.com');
    expect(loadConfig({ OMNIDESK_TRUST_PROXY: 'true', OMNIDESK_DEMO: '1' })).toMatchObject({ trustProxy: true, demo: true });
    expect(loadConfig({ OMNIDESK_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(loadConfig({ OMNIDESK_PUBLIC_URL: 'https://support.vitalink.example/omnidesk/', OMNIDESK_SURVEY_DELAY_HOURS: '0.5' })).toMatchObject({ publicUrl: 'https://support.vitalink.example/omnidesk', surveyDelayHours: 0.5 });
  });

  it('several instances: OMNIDESK_CLUSTER=postgres, only with a PostgreSQL to share', () => {
    expect(loadConfig({ OMNIDESK_CLUSTER: 'postgres', DATABASE_URL: 'postgres://x@y/z' }).cluster).toBe('postgres');
    expect(loadConfig({ OMNIDESK_CLUSTER: ' Postgres ', DATABASE_URL: 'postgres://x@y/z' }).cluster).toBe('postgres');
    expect(loadConfig({ OMNIDESK_CLUSTER: 'off' }).cluster).toBeNull();
    expect(() => loadConfig({ OMNIDESK_CLUSTER: 'postgres' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ OMNIDESK_CLUSTER: 'redis', DATABASE_URL: 'postgres://x@y/z' })).toThrow(/OMNIDESK_CLUSTER/);
    expect(loadConfig({ OMNIDESK_DRAIN_MS: '0' }).drainMs).toBe(0);
    expect(() => loadConfig({ OMNIDESK_DRAIN_MS: 'soon' })).toThrow(/OMNIDESK_DRAIN_MS/);
    expect(loadConfig({ OMNIDESK_DB_POOL: '25' }).dbPool).toBe(25);
    expect(() => loadConfig({ OMNIDESK_DB_POOL: '1' })).toThrow(/OMNIDESK_DB_POOL/);
  });

  it('refuses invalid values clearly', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ OMNIDESK_PUBLIC_URL: 'support.example' })).toThrow(/OMNIDESK_PUBLIC_URL/);
    expect(() => loadConfig({ OMNIDESK_PUBLIC_URL: 'https://x.example/?a=1' })).toThrow(/OMNIDESK_PUBLIC_URL/);
    expect(() => loadConfig({ OMNIDESK_SURVEY_DELAY_HOURS: '-1' })).toThrow(/OMNIDESK_SURVEY_DELAY_HOURS/);
  });
});

describe('HTTP error mapping', () => {
  it('maps codes to statuses and hides framework messages', () => {
    const cases: Array<[unknown, number, string]> = [
      [new OmnideskError('INVALID_ARGUMENT', 'x'), 400, 'INVALID_ARGUMENT'],
      [new OmnideskError('UNAUTHENTICATED', 'x'), 401, 'UNAUTHENTICATED'],
      [new OmnideskError('FORBIDDEN', 'x'), 403, 'FORBIDDEN'],
      [new OmnideskError('NOT_FOUND', 'x'), 404, 'NOT_FOUND'],
      [new OmnideskError('CONFLICT', 'x'), 409, 'CONFLICT'],
      [new OmnideskError('PAYLOAD_TOO_LARGE', 'x'), 413, 'PAYLOAD_TOO_LARGE'],
      [new OmnideskError('UNAVAILABLE', 'x'), 503, 'UNAVAILABLE'],
      [new OmnideskError('RATE_LIMITED', 'x'), 429, 'RATE_LIMITED'],
      [new OmnideskError('PASSWORD_CHANGE_REQUIRED', 'x'), 403, 'PASSWORD_CHANGE_REQUIRED'],
      [Object.assign(new Error('Unexpected token in JSON: {"password":"hunter2"'), { statusCode: 400 }), 400, 'INVALID_ARGUMENT'],
      [Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }), 413, 'PAYLOAD_TOO_LARGE'],
      [new Error('relation "x" does not exist'), 500, 'INTERNAL'],
    ];
    for (const [err, status, code] of cases) {
      const r = toHttpError(err);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(code);
      expect(r.body.message).not.toContain('hunter2');
      expect(r.body.message).not.toContain('relation');
    }
  });
});
