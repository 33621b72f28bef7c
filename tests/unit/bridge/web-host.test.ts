import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebHost } from '../../../src/main/web-host/server';
import type { WsBridge } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { OmnideskError } from '../../../src/shared';
import { PASSWORD, startFakeServer, type FakeServer } from '../desktop/helpers/fake-server';
import type { TempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { memorySessionStore, openWsBridge, startTestHost, webHostDir } from './ws-helpers';

// Real sockets and servers: allow for slow CI machines (waitFor gives up first, with a clear message).
vi.setConfig({ testTimeout: 20_000 });

const LAUNCH = 'test-launch-token-0123456789';
const sync = { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000 };

let server: FakeServer;
let dir: TempDir;
let host: WebHost;
let bridges: WsBridge[] = [];

beforeAll(async () => {
  server = await startFakeServer();
  server.seed();
});
afterAll(async () => {
  await server.stop();
});
async function startHost(port = 0): Promise<WebHost> {
  host = await startTestHost(dir.dir, { port, defaultServerUrl: server.url, launchToken: LAUNCH, core: { sync } });
  return host;
}
afterEach(async () => {
  for (const b of bridges) b.close();
  bridges = [];
  await host.close();
  dir.cleanup();
});

function open(store = memorySessionStore()): WsBridge & { store: typeof store } {
  const b = openWsBridge(host, LAUNCH, store);
  bridges.push(b);
  return b;
}

/** Opens a raw WebSocket; resolves with the socket or the HTTP status that refused the upgrade. */
function raw(query: string, headers: { origin?: string } = { origin: host.url }): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${host.url.replace('http:', 'ws:')}/bridge${query}`, headers.origin ? { origin: headers.origin } : {});
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

function frames(ws: WebSocket): { next(): Promise<Record<string, unknown>> } {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Record<string, unknown>;
    const w = waiting.shift();
    if (w) w(f);
    else queue.push(f);
  });
  return { next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiting.push(r))) };
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web-host', () => {
  it('refuses a wrong or missing launch token (401), a foreign or missing Origin (403), other paths (404)', async () => {
    dir = webHostDir();
    await startHost();
    expect(await raw('?launch=wrong-token-0123456789')).toBe(401);
    expect(await raw('')).toBe(401);
    expect(await raw(`?launch=${LAUNCH}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await raw(`?launch=${LAUNCH}`, {})).toBe(403);
    const ok = await raw(`?launch=${LAUNCH}`);
    expect(ok).toBeInstanceOf(WebSocket);
    (ok as WebSocket).close();
    const other = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${host.url.replace('http:', 'ws:')}/other?launch=${LAUNCH}`, { origin: host.url });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(other).toBe(404);
  });

  it('answers malformed frames with a clear INVALID_ARGUMENT and keeps the connection working', async () => {
    dir = webHostDir();
    await startHost();
    const ws = (await raw(`?launch=${LAUNCH}`)) as WebSocket;
    const f = frames(ws);
    ws.send('this is not json');
    expect(await f.next()).toEqual({ type: 'response', id: -1, ok: false, error: { code: 'INVALID_ARGUMENT', message: 'malformed frame: not JSON' } });
    ws.send(JSON.stringify({ id: 7, method: 42 }));
    const bad = await f.next();
    expect(bad).toMatchObject({ type: 'response', id: 7, ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect((bad.error as { message: string }).message).toMatch(/^malformed request: method: /);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await f.next()).toMatchObject({ id: -1, ok: false, error: { code: 'INVALID_ARGUMENT' } });
    ws.send(JSON.stringify({ id: 8, method: 'session.current', input: {} }));
    expect(await f.next()).toEqual({ type: 'response', id: 8, ok: true, value: null });
    ws.close();
  });

  it('a reload re-binds with the session token, no password; an unknown token is dropped', async () => {
    dir = webHostDir();
    await startHost();
    const first = open();
    const session = await first.call('session.login', { username: 'alice', password: PASSWORD });
    expect(first.store.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    first.close();

    const reloaded = open(Object.assign(memorySessionStore(), { token: first.store.token }));
    expect(await reloaded.call('session.current', {})).toEqual(session);
    expect(await reloaded.call('queue.list', {})).toBeInstanceOf(Array);

    const stale = open(Object.assign(memorySessionStore(), { token: 'no-such-session-token-000000' }));
    expect(await stale.call('session.current', {})).toBeNull();
    await waitFor(() => stale.store.token === null, { what: 'the stale token to be dropped' });
  });

  it('runs one core per agent (own cache file), and logout unbinds every window of that agent', async () => {
    dir = webHostDir();
    await startHost();
    const alice = open();
    const bob = open();
    const a = await alice.call('session.login', { username: 'alice', password: PASSWORD });
    const b = await bob.call('session.login', { username: 'bob', password: PASSWORD });
    expect(a.agent.id).not.toBe(b.agent.id);
    expect((await alice.call('session.current', {}))?.agent.username).toBe('alice');
    expect((await bob.call('session.current', {}))?.agent.username).toBe('bob');
    for (const s of [a, b]) expect(existsSync(join(dir.dir, 'desktop', s.agent.id, `cache-${s.agent.id}.sqlite`))).toBe(true);

    // A second window of alice's, resuming her session.
    const alice2 = open(Object.assign(memorySessionStore(), { token: alice.store.token }));
    expect((await alice2.call('session.current', {}))?.agent.username).toBe('alice');

    await alice.call('session.logout', {});
    expect(await alice.call('session.current', {})).toBeNull();
    await waitFor(() => alice2.store.token === null && alice.store.token === null, { what: 'session cleared in both windows' });
    expect(await alice2.call('session.current', {})).toBeNull();
    expect((await bob.call('session.current', {}))?.agent.username).toBe('bob'); // bob's workstation unaffected
  });

  it('issue 9 finding 7: every folder the host makes is 0700 and every file 0600 (caches, WAL, sign-in and workstation files), whatever the umask', async () => {
    dir = webHostDir();
    const old = process.umask(0o022);
    try {
      await startHost();
      const alice = open();
      await alice.call('session.login', { username: 'alice', password: PASSWORD });
      await waitFor(async () => ((await alice.call('sync.status', {})).state === 'online' ? true : null), { what: 'alice online' });
      await alice.call('session.logout', {});
    } finally {
      process.umask(old);
    }
    const walk = (d: string): Array<[string, number, boolean]> =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const p = join(d, e.name);
        const entry: [string, number, boolean] = [p, statSync(p).mode & 0o777, e.isDirectory()];
        return e.isDirectory() ? [entry, ...walk(p)] : [entry];
      });
    const root = join(dir.dir, 'desktop');
    const all: Array<[string, number, boolean]> = [[root, statSync(root).mode & 0o777, true], ...walk(root)];
    expect(all.some(([p]) => p.endsWith('.sqlite')), 'a cache was written').toBe(true);
    for (const [p, m, isDir] of all) expect([p, m.toString(8)]).toEqual([p, isDir ? '700' : '600']);
  });

  it('the bridge reconnects while the host restarts and keeps working', async () => {
    dir = webHostDir();
    const port = (await startHost()).port;
    const b = open();
    await b.call('session.login', { username: 'alice', password: PASSWORD });
    await host.close();
    await waitFor(() => !b.connected, { what: 'disconnect' });
    const during = b.call('session.current', {}); // queued until the host is back
    await startHost(port);
    // The restarted host does not know the old session: the renderer sees "signed out" and signs in again.
    expect(await during).toBeNull();
    await waitFor(() => b.store.token === null, { what: 'stale session dropped' });
    expect((await b.call('session.login', { username: 'alice', password: PASSWORD })).agent.username).toBe('alice');
  });

  it('rejects calls with the error code of the host, as OmnideskError', async () => {
    dir = webHostDir();
    await startHost();
    const b = open();
    const err = await b.call('queue.list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OmnideskError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('serves the renderer with a strict CSP, falls back to index.html, and never leaves the static dir', async () => {
    dir = webHostDir();
    writeFileSync(join(dir.dir, 'secret.txt'), 'outside the static dir');
    await startHost();

    const index = await get('/?launch=x');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/customer/123')).body).toContain('<title>Omnidesk</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await get(p);
      expect(r.body).not.toContain('outside the static dir');
    }
    expect((await get('/%00')).status).toBe(400);
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
  });
});
