/**
 * The real sync path end to end, below the UI: two desktop cores (an agent and her lead, each with its own
 * SQLite cache) against a real central server on PGlite.
 */
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OmnideskServer } from '../../../src/server/app';
import { createLogger } from '../../../src/server/kernel/logger';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { LoginResponse, newId, SYNC_EVENTS } from '../../../src/shared';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { passwordOf, startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

const quiet = createLogger({ level: 'warn' });

describe('desktop core ↔ central server', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let server: OmnideskServer;
  let port: number;
  let alice: Desk;
  let lena: Desk;
  const eventCount = async (id: string) =>
    Number((await database.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE id = $1', [id])).rows[0]?.n);

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12 });
    server = ts.server;
    port = Number(new URL(ts.baseUrl).port);
    alice = openDesk(ts.baseUrl, { reconnectionDelayMax: 300 });
    lena = openDesk(ts.baseUrl, { reconnectionDelayMax: 300 });
    await alice.login('alice');
    await lena.login('lena');
    await Promise.all([alice.synced(database.db, 20_000), lena.synced(database.db, 20_000)]);
  });

  afterAll(async () => {
    await alice?.close();
    await lena?.close();
    await server?.close();
    await database?.dispose();
  });

  it('catches up: the queue and one timeline across all four channels, in time order', async () => {
    const queue = await alice.call('queue.list', {});
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.some((r) => r.customerId === SHOWCASE_CUSTOMER_ID)).toBe(true);
    const page = await alice.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID });
    const channels = new Set(page.items.map((i) => i.event.channel));
    for (const ch of ['email', 'chat', 'social', 'phone']) expect(channels).toContain(ch);
    const times = page.items.map((i) => Date.parse(i.event.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(page.items.every((i) => i.localState === 'synced')).toBe(true);
  });

  it('a reply goes to the server once, on the thread’s channel, and reaches the lead live', async () => {
    const view = await alice.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID });
    const thread = view.threads.find((t) => t.channel === 'chat')!;
    const { eventId } = await alice.call('reply.send', { caseId: thread.caseId!, threadId: thread.id, body: 'Please keep the phone within 5 metres of the sensor.' });
    await alice.synced(database.db, 20_000);
    expect(await eventCount(eventId)).toBe(1);
    const mine = (await alice.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID })).items.find((i) => i.event.id === eventId);
    expect(mine).toMatchObject({ localState: 'synced', event: { kind: 'message.sent', channel: 'chat' } });
    const seen = await waitFor(async () =>
      (await lena.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID })).items.find((i) => i.event.id === eventId) ?? null,
      { timeoutMs: 10_000, what: 'lead sees the reply' },
    );
    expect(seen.event.seq).toBe(mine!.event.seq);
  });

  it('keeps working while the server is down; the change syncs exactly once after it comes back', async () => {
    await server.close();
    await alice.offline(10_000);

    const view = await alice.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID });
    const caseId = view.cases[0]!.id;
    const note = await alice.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: 'Called back while the server was down.' });
    await alice.call('case.setStatus', { caseId, status: 'pending' });
    const status = await alice.call('sync.status', {});
    expect(status).toMatchObject({ state: 'offline', pending: 2 });
    const local = (await alice.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID })).items.find((i) => i.event.id === note.eventId);
    expect(local?.localState).toBe('pending');
    expect((await alice.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID })).cases.find((c) => c.id === caseId)?.status).toBe('pending');

    server = createServer({ db: database.db, jwtSecret: TEST_JWT_SECRET, logger: quiet });
    await server.listen({ port, host: '127.0.0.1' });
    await alice.synced(database.db, 20_000);
    expect(await eventCount(note.eventId)).toBe(1);
    const serverCase = await database.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
    expect(serverCase.rows[0]?.status).toBe('pending');
    await waitFor(async () =>
      (await lena.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID })).cases.find((c) => c.id === caseId)?.status === 'pending' ? true : null,
      { timeoutMs: 15_000, what: 'lead sees the status change' },
    );
  });

  it('the server refuses a reply to a case closed meanwhile, and the desktop keeps it visible with the reason', async () => {
    const view = await alice.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID });
    const c = view.cases[0]!;
    const thread = view.threads.find((t) => t.caseId === c.id)!;
    // alice's desktop is cut off; she replies, believing the case open
    await server.close();
    await alice.offline(10_000);
    const reply = await alice.call('reply.send', { caseId: c.id, threadId: thread.id, body: 'One more thing about your sensor.' });
    // meanwhile the lead closes the case through another server instance on the same database
    const side = createServer({ db: database.db, jwtSecret: TEST_JWT_SECRET, logger: quiet });
    const sideUrl = await side.listen({ port: 0, host: '127.0.0.1' });
    const login = LoginResponse.parse(
      await (await fetch(`${sideUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lena', password: passwordOf('lena') }) })).json(),
    );
    const socket = connectSocket(sideUrl, { auth: { token: login.token, clientId: newId() }, transports: ['websocket'], reconnection: false });
    const ack = await socket.timeout(5000).emitWithAck(SYNC_EVENTS.push, {
      mutations: [{ id: newId(), clientSeq: 1, occurredAt: new Date().toISOString(), name: 'case.setStatus', args: { caseId: c.id, status: 'closed' } }],
    });
    expect(ack).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });
    socket.close();
    await side.close();

    server = createServer({ db: database.db, jwtSecret: TEST_JWT_SECRET, logger: quiet });
    await server.listen({ port, host: '127.0.0.1' });
    const item = await waitFor(async () => {
      const found = (await alice.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID })).items.find((i) => i.event.id === reply.eventId);
      return found && found.localState !== 'pending' ? found : null;
    }, { timeoutMs: 15_000, what: 'reply settled' });
    expect(item.localState).toBe('rejected');
    expect(item.error).toMatchObject({ code: 'CONFLICT' });
    expect(await eventCount(reply.eventId)).toBe(0);
    const status = await alice.call('sync.status', {});
    expect(status).toMatchObject({ pending: 0, rejected: 1 });
    // the case as the server has it wins in alice's cache
    await waitFor(async () =>
      (await alice.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID })).cases.find((x) => x.id === c.id)?.status === 'closed' ? true : null,
      { timeoutMs: 10_000, what: 'closed status reaches alice' },
    );
  });
});
