/**
 * Issue 9, finding 9 (tokens): access tokens live 15 minutes; a refresh token rotates (a reused old one revokes the
 * whole session); logout ends the session, and its access token is refused on HTTP and on the sync socket.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LoginResponse, SYNC_EVENTS } from '../../../src/shared';
import { forEachDatabase } from '../helpers/databases';
import { request, startTestServer, type TestServer } from '../helpers/server';

forEachDatabase('session tokens', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const me = (token: string) => fetch(`${t.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });

  it('login answers a 15-minute access token and a refresh token, not cached', async () => {
    const res = await post('/api/auth/login', { username: 'alice', password: 'omnidesk-agent' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const s = LoginResponse.parse(await res.json());
    const ttl = Date.parse(s.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(s.refreshToken).toBeTruthy();
    expect(t.logs()).not.toContain(s.refreshToken);
  });

  it('refresh rotates; the old refresh token used again revokes the whole session', async () => {
    const s = await t.login('bob');
    const r1 = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('cache-control')).toBe('no-store');
    const n1 = LoginResponse.parse(await r1.json());
    expect(n1.refreshToken).not.toBe(s.refreshToken);
    expect(n1.agent.username).toBe('bob');
    expect((await me(n1.token)).status).toBe(200);
    // the old one again: a copy is in use → the family is revoked
    const reused = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(reused.status).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: n1.refreshToken })).status).toBe(401);
    expect((await me(n1.token)).status).toBe(401);
    expect((await me(s.token)).status).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: 'never-issued' })).status).toBe(401);
  });

  it('logout: the session access token is refused on HTTP and on the socket (connected or new); other sessions go on', async () => {
    const s = await t.login('lena');
    const other = await t.login('lena');
    const socket = await t.connect(s.token);
    const before = await request(socket, SYNC_EVENTS.pull, { cursor: 0, limit: 1 });
    expect(before.ok).toBe(true);
    expect((await post('/api/auth/logout', {}, s.token)).status).toBe(204);
    expect((await me(s.token)).status).toBe(401);
    const after = await request(socket, SYNC_EVENTS.pull, { cursor: 0, limit: 1 });
    expect(after).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await expect(t.connect(s.token)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect((await post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await me(other.token)).status).toBe(200);
  });
});
