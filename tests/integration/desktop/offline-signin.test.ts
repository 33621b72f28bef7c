/**
 * Offline sign-in and re-sign-in against a real central server (PGlite): the workstation remembers the last
 * online sign-in, so an agent whose app restarts during a server outage still reaches the cache with all their
 * work; a token the server later refuses asks for a sign-in that keeps that cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../../src/main/core/kernel/bridge/dispatch';
import { DesktopCore } from '../../../src/main/core/desktop-core';
import { createServer, type OmnideskServer } from '../../../src/server/app';
import { createLogger } from '../../../src/server/kernel/logger';
import { OmnideskError, type BridgeInput, type BridgeMethod, type BridgeOutput } from '../../../src/shared';
import { tempDir, waitFor } from '../../unit/desktop/helpers/util';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { passwordOf, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

const quiet = createLogger({ level: 'warn' });

describe('offline sign-in with a real server', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let server: OmnideskServer | null;
  let port: number;
  const workstation = tempDir('omnidesk-offline-it-');
  const cores: DesktopCore[] = [];
  const seq = async () => Number((await database.db.query<{ m: string | null }>('SELECT max(seq) AS m FROM events')).rows[0]?.m ?? 0);
  const eventCount = async (id: string) =>
    Number((await database.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE id = $1', [id])).rows[0]?.n);

  function desk() {
    const core = new DesktopCore({
      dataDir: workstation.dir,
      defaultServerUrl: ts.baseUrl,
      httpTimeoutMs: 3_000,
      sync: { reconnectionDelay: 50, reconnectionDelayMax: 300 },
    });
    cores.push(core);
    const dispatch = createDispatcher(core.handlers);
    async function call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
      const r = await dispatch(method, input);
      if (!r.ok) throw new OmnideskError(r.error.code, r.error.message);
      return r.value as BridgeOutput<M>;
    }
    return {
      core,
      call,
      login: (password = passwordOf('alice')) => call('session.login', { username: 'alice', password }),
      synced: () =>
        waitFor(async () => {
          const [s, top] = await Promise.all([call('sync.status', {}), seq()]);
          return s.state === 'online' && s.pending === 0 && s.cursor >= top ? s : null;
        }, { timeoutMs: 20_000, what: 'desktop synced' }),
      state: (want: string) =>
        waitFor(async () => ((await call('sync.status', {})).state === want ? true : null), { timeoutMs: 15_000, what: `sync state ${want}` }),
    };
  }
  async function restartServer(jwtSecret = TEST_JWT_SECRET) {
    server = createServer({ db: database.db, jwtSecret, logger: quiet });
    await server.listen({ port, host: '127.0.0.1' });
  }
  async function stopServer() {
    await server?.close();
    server = null;
  }
  async function codeOf(p: Promise<unknown>): Promise<string> {
    try {
      await p;
      return 'OK';
    } catch (e) {
      if (e instanceof OmnideskError) return e.code;
      throw e;
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12 });
    server = ts.server;
    port = Number(new URL(ts.baseUrl).port);
  });

  afterAll(async () => {
    for (const c of cores) await c.dispose();
    await server?.close();
    await database?.dispose();
    workstation.cleanup();
  });

  it('signs in offline after a restart during an outage, works from the cache, and syncs when the server is back', async () => {
    const online = desk();
    expect(await online.login()).toMatchObject({ offline: false });
    await online.synced();
    const queue = await online.call('queue.list', {});
    expect(queue.length).toBeGreaterThan(0);
    await online.core.dispose();

    // the remembered sign-in: no password, an argon2id hash, mode 0600
    const dir = join(workstation.dir, 'offline-signin');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const text = readFileSync(join(dir, files[0]!), 'utf8');
    expect(text).not.toContain(passwordOf('alice'));
    expect(text).toContain('$argon2id$');

    await stopServer();
    const offline = desk();
    expect(await codeOf(offline.login('not-her-password'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(offline.call('session.login', { username: 'lena', password: passwordOf('lena') }))).toBe('UNAVAILABLE');
    const session = await offline.login();
    expect(session).toMatchObject({ offline: true, agent: { username: 'alice' }, serverUrl: ts.baseUrl });

    // all her work is there
    expect((await offline.call('queue.list', {})).map((r) => r.caseId).sort()).toEqual(queue.map((r) => r.caseId).sort());
    const row = queue[0]!;
    const view = await offline.call('customer.get', { customerId: row.customerId });
    expect(view.cases.some((c) => c.id === row.caseId)).toBe(true);
    const note = await offline.call('note.add', { customerId: row.customerId, caseId: row.caseId, threadId: null, body: 'Signed in offline and called the customer back.' });
    expect(await offline.call('sync.status', {})).toMatchObject({ pending: 1 });
    expect(['offline', 'connecting']).toContain((await offline.call('sync.status', {})).state);
    const local = (await offline.call('timeline.get', { customerId: row.customerId })).items.find((i) => i.event.id === note.eventId);
    expect(local?.localState).toBe('pending');

    await restartServer();
    await offline.synced();
    expect(await eventCount(note.eventId)).toBe(1);
    const synced = (await offline.call('timeline.get', { customerId: row.customerId })).items.find((i) => i.event.id === note.eventId);
    expect(synced?.localState).toBe('synced');
    await offline.core.dispose(); // one core per cache file
  });

  it('a token the server refuses shows reauth; signing in again keeps the cache and its pending changes', async () => {
    const d = desk();
    await d.login();
    await d.synced();
    const row = (await d.call('queue.list', {}))[0]!;
    await stopServer();
    await d.state('offline');
    const note = await d.call('note.add', { customerId: row.customerId, caseId: row.caseId, threadId: null, body: 'Written before the session expired.' });

    // the server comes back with a new signing key: every token issued before is refused
    await restartServer(`${TEST_JWT_SECRET}-rotated`);
    await d.state('reauth');
    expect(await d.call('sync.status', {})).toMatchObject({ state: 'reauth', pending: 1 });
    expect(await d.call('session.current', {})).toMatchObject({ agent: { username: 'alice' } });

    const again = await d.login();
    expect(again).toMatchObject({ offline: false, agent: { username: 'alice' } });
    await d.synced();
    expect(await eventCount(note.eventId)).toBe(1);
    // same cache: the note made before the expiry is the one that synced
    const item = (await d.call('timeline.get', { customerId: row.customerId })).items.find((i) => i.event.id === note.eventId);
    expect(item?.localState).toBe('synced');
  });
});
