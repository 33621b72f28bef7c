/**
 * Offline sign-in and re-sign-in against a real central server (PGlite): the workstation remembers the last
 * online sign-in, so an agent whose app restarts during a server outage still reaches the cache with all their
 * work; a token the server later refuses asks for a sign-in that keeps that cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type OmnideskServer } from '../../../src/server/app';
import { createLogger } from '../../../src/server/kernel/logger';
import { codeOf } from '../../support/error-code';
import { tempDir } from '../../support/temp-dir';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { passwordOf, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

const quiet = createLogger({ level: 'warn' });

describe('offline sign-in with a real server', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let server: OmnideskServer | null;
  let port: number;
  const workstation = tempDir('omnidesk-offline-it-');
  const desks: Desk[] = [];
  const eventCount = async (id: string) =>
    Number((await database.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE id = $1', [id])).rows[0]?.n);

  /** a desktop on the shared workstation (one core per cache file at a time: the test disposes each in turn) */
  function desk() {
    const d = openDesk(ts.baseUrl, { reconnectionDelayMax: 300 }, { dataDir: workstation.dir, httpTimeoutMs: 3_000 });
    desks.push(d);
    return d;
  }
  async function restartServer(jwtSecret = TEST_JWT_SECRET) {
    server = createServer({ db: database.db, jwtSecret, logger: quiet });
    await server.listen({ port, host: '127.0.0.1' });
  }
  async function stopServer() {
    await server?.close();
    server = null;
  }
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12 });
    server = ts.server;
    port = Number(new URL(ts.baseUrl).port);
  });

  afterAll(async () => {
    for (const d of desks) await d.close();
    await server?.close();
    await database?.dispose();
    workstation.cleanup();
  });

  it('signs in offline after a restart during an outage, works from the cache, and syncs when the server is back', async () => {
    const online = desk();
    expect(await online.login('alice')).toMatchObject({ offline: false });
    await online.synced(database.db, 20_000);
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
    expect(await codeOf(offline.login('alice', 'not-her-password'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(offline.call('session.login', { username: 'lena', password: passwordOf('lena') }))).toBe('UNAVAILABLE');
    const session = await offline.login('alice');
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
    await offline.synced(database.db, 20_000);
    expect(await eventCount(note.eventId)).toBe(1);
    const synced = (await offline.call('timeline.get', { customerId: row.customerId })).items.find((i) => i.event.id === note.eventId);
    expect(synced?.localState).toBe('synced');
    await offline.core.dispose(); // one core per cache file
  });

  it('a token the server refuses shows reauth; signing in again keeps the cache and its pending changes', async () => {
    const d = desk();
    await d.login('alice');
    await d.synced(database.db, 20_000);
    const row = (await d.call('queue.list', {}))[0]!;
    await stopServer();
    await d.state('offline');
    const note = await d.call('note.add', { customerId: row.customerId, caseId: row.caseId, threadId: null, body: 'Written before the session expired.' });

    // the server comes back with a new signing key: every token issued before is refused
    await restartServer(`${TEST_JWT_SECRET}-rotated`);
    await d.state('reauth');
    expect(await d.call('sync.status', {})).toMatchObject({ state: 'reauth', pending: 1 });
    expect(await d.call('session.current', {})).toMatchObject({ agent: { username: 'alice' } });

    const again = await d.login('alice');
    expect(again).toMatchObject({ offline: false, agent: { username: 'alice' } });
    await d.synced(database.db, 20_000);
    expect(await eventCount(note.eventId)).toBe(1);
    // same cache: the note made before the expiry is the one that synced
    const item = (await d.call('timeline.get', { customerId: row.customerId })).items.find((i) => i.event.id === note.eventId);
    expect(item?.localState).toBe('synced');
  });
});
