import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorBody } from '../../../src/shared/kernel/errors';
import { DirectoryResponse, LoginResponse } from '../../../src/shared/contracts/http';
import { Agent } from '../../../src/shared/kernel/agent';
import { signAccessToken } from '../../../src/server/kernel/auth/tokens';
import { DEMO_TEAMS, demoAgent } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

forEachDatabase('HTTP API', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const get = (path: string, token?: string) => fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const errorOf = async (res: Response) => ErrorBody.parse(((await res.json()) as { error: unknown }).error);

  it('login returns a 15-minute token and the agent, without secrets', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ username: 'alice', password: 'omnidesk-agent' }));
    expect(res.status).toBe(200);
    const raw = (await res.json()) as Record<string, unknown>;
    const body = LoginResponse.parse(raw);
    expect(body.agent).toEqual({ ...demoAgent('alice') });
    // no secret: no password or its hash (the flag `mustChangePassword` says only whether one must be changed)
    expect(JSON.stringify(raw).replace(/"mustChangePassword":(true|false)/, "")).not.toMatch(/password|hash|argon/i);
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    const me = await get('/api/me', body.token);
    expect(me.status).toBe(200);
    expect(Agent.parse(await me.json()).username).toBe('alice');
  });

  it('a wrong password and an unknown user get the same 401 UNAUTHENTICATED', async () => {
    const wrong = await post('/api/auth/login', JSON.stringify({ username: 'alice', password: 'omnidesk-lead' }));
    const unknown = await post('/api/auth/login', JSON.stringify({ username: 'mallory', password: 'omnidesk-agent' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await errorOf(wrong);
    const b = await errorOf(unknown);
    expect(a).toEqual({ code: 'UNAUTHENTICATED', message: 'wrong username or password' });
    expect(b).toEqual(a);
  });

  it('a malformed login is 400 INVALID_ARGUMENT, without echoing the input', async () => {
    const cases: Array<[string, string?]> = [
      [JSON.stringify({ username: 'alice' })],
      [JSON.stringify({ username: '', password: 'x' })],
      [JSON.stringify({ username: 'alice', password: 42 })],
      [JSON.stringify(['alice', 'omnidesk-agent'])],
      ['{"username": "alice", "password": "secret-in-broken-json'],
      ['username=alice&password=omnidesk-agent', 'text/plain'],
    ];
    for (const [body, type] of cases) {
      const res = await post('/api/auth/login', body, type);
      expect(res.status, body).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message).not.toContain('secret-in-broken-json');
      expect(err.message).not.toContain('omnidesk-agent');
    }
    const empty = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST' });
    expect(empty.status).toBe(400);
  });

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ username: 'alice', password: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('protected routes refuse a missing, malformed, foreign-signed or expired token with 401', async () => {
    const expired = await signAccessToken(demoAgent('alice'), TEST_JWT_SECRET, { now: new Date(Date.now() - 13 * 3600_000) });
    const foreign = await signAccessToken(demoAgent('alice'), 'someone-elses-secret-0123456789-abcdefgh');
    const tampered = (await t.token('alice')).slice(0, -3) + 'abc';
    for (const path of ['/api/me', '/api/directory']) {
      const none = await get(path);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await errorOf(none)).code).toBe('UNAUTHENTICATED');
      for (const token of ['garbage', foreign.token, tampered, expired.token]) {
        const res = await get(path, token);
        expect(res.status, `${path} ${token.slice(0, 10)}`).toBe(401);
        expect((await errorOf(res)).code).toBe('UNAUTHENTICATED');
      }
      const exp = await get(path, expired.token);
      expect((await errorOf(exp)).message).toBe('token expired');
    }
  });

  it('the directory shows the teams the caller may see and their agents only', async () => {
    const dir = async (username: string) => {
      const res = await get('/api/directory', await t.token(username));
      expect(res.status).toBe(200);
      return DirectoryResponse.parse(await res.json());
    };
    const a = await dir('alice');
    expect(a.teams).toEqual([DEMO_TEAMS.glucose]);
    expect(a.agents.map((x) => x.username).sort()).toEqual(['alice', 'dr.wang', 'lena', 'mei']);
    const b = await dir('bob');
    expect(b.teams).toEqual([DEMO_TEAMS.cardio]);
    expect(b.agents.map((x) => x.username)).not.toContain('alice');
    const w = await dir('dr.wang');
    expect(w.teams.map((x) => x.id).sort()).toEqual([DEMO_TEAMS.glucose.id, DEMO_TEAMS.cardio.id].sort());
    const admin = await dir('admin');
    expect(admin.agents).toHaveLength(8);
    expect(admin.teams).toHaveLength(2);
  });

  it('health answers without a token; unknown routes are 404 with the error body', async () => {
    const h = await get('/api/health');
    expect(h.status).toBe(200);
    const health = (await h.json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok' });
    // issue 9 finding 9: nothing about the deployment for anonymous callers
    expect(health).not.toHaveProperty('database');
    expect(JSON.stringify(health)).not.toMatch(/pglite|postgres/i);
    // security headers on every answer; the API is never cached
    for (const [name, value] of [['x-content-type-options', 'nosniff'], ['x-frame-options', 'DENY'], ['referrer-policy', 'no-referrer'], ['cache-control', 'no-store']] as const) {
      expect(h.headers.get(name), name).toBe(value);
    }
    expect(h.headers.get('content-security-policy')).toContain("default-src 'none'");
    const nf = await get('/api/nope');
    expect(nf.status).toBe(404);
    expect(await errorOf(nf)).toEqual({ code: 'NOT_FOUND', message: 'no such route' });
  });

  it('issue 9 finding 9: a NUL in the customer search is a 400 with the reason, not a 500', async () => {
    const token = await t.token('alice');
    const r = await get(`/api/customers?q=${encodeURIComponent('Marg\u0000aret')}`, token);
    expect(r.status).toBe(400);
    expect((await errorOf(r)).code).toBe('INVALID_ARGUMENT');
  });

  it('issue 9 finding 9: engine.io answers no long-polling transport (WebSocket only)', async () => {
    const r = await fetch(`${t.baseUrl}/socket.io/?EIO=4&transport=polling`);
    expect(r.status).toBe(400);
    const body = await r.text();
    expect(body).not.toMatch(/"sid"/);
  });

  it('logs never carry passwords or tokens', async () => {
    const token = await t.token('alice');
    await get('/api/me', token);
    const logs = t.logs();
    expect(logs).toContain('login');
    expect(logs).not.toContain('omnidesk-agent');
    expect(logs).not.toContain('secret-in-broken-json');
    expect(logs).not.toContain(token);
  });
});
