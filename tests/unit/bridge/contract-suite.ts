/**
 * The bridge contract, run against every transport (Electron IPC and web-host WebSocket): the same calls
 * must give the same results and the same error codes, whatever carries them.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OmnideskError, newId, type BridgeMethod, type OmnideskBridge, type SyncStatus } from '../../../src/shared';
import { startFakeServer, PASSWORD, type FakeServer } from '../desktop/helpers/fake-server';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';

// Real sockets and servers: allow for slow CI machines (waitFor gives up first, with a clear message).
vi.setConfig({ testTimeout: 20_000 });

export interface BridgeContext {
  /** the server the desktop signs in to by default */
  defaultServerUrl: string;
  /** a fresh directory for caches */
  dataDir: string;
  /** fast reconnection for tests, to pass to DesktopCore */
  sync: { reconnectionDelay: number; reconnectionDelayMax: number; ackTimeoutMs: number };
}

export interface BridgeUnderTest {
  bridge: OmnideskBridge;
  close(): Promise<void>;
}

async function closedPortUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

async function rejection(p: Promise<unknown>): Promise<OmnideskError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OmnideskError);
    return err as OmnideskError;
  }
  throw new Error('expected the call to fail');
}

export function runBridgeContract(name: string, makeBridge: (ctx: BridgeContext) => Promise<BridgeUnderTest>): void {
  describe(`bridge contract: ${name}`, () => {
    let server: FakeServer;
    let seeded: ReturnType<FakeServer['seed']>;
    let unreachable: string;
    let under: BridgeUnderTest | null = null;
    let dir: ReturnType<typeof tempDir>;
    let bridge: OmnideskBridge;

    beforeAll(async () => {
      server = await startFakeServer();
      seeded = server.seed();
      unreachable = await closedPortUrl();
    });
    afterAll(async () => {
      await server.stop();
    });
    async function open(): Promise<OmnideskBridge> {
      dir = tempDir('omnidesk-contract-');
      under = await makeBridge({
        defaultServerUrl: server.url,
        dataDir: dir.dir,
        sync: { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000 },
      });
      bridge = under.bridge;
      return bridge;
    }
    afterEach(async () => {
      await under?.close();
      under = null;
      dir.cleanup();
    });
    const login = () => bridge.call('session.login', { username: server.agent.username, password: PASSWORD });

    it('an unknown method fails with INVALID_ARGUMENT', async () => {
      await open();
      const err = await rejection(bridge.call('case.delete' as BridgeMethod, {} as never));
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message).toBe('unknown method: case.delete');
    });

    it('malformed input fails with INVALID_ARGUMENT naming the field, not the value', async () => {
      await open();
      const err = await rejection(bridge.call('timeline.get', { customerId: 'jane-doe-1958', limit: 0 }));
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message).toContain('customerId');
      expect(err.message).toContain('limit');
      expect(err.message).not.toContain('jane-doe');
    });

    it('signed out: session.current is null and sync.status says signed_out', async () => {
      await open();
      expect(await bridge.call('session.current', {})).toBeNull();
      expect(await bridge.call('sync.status', {})).toMatchObject({ state: 'signed_out', pending: 0 });
    });

    it('data methods before sign-in fail with UNAUTHENTICATED', async () => {
      await open();
      expect((await rejection(bridge.call('queue.list', {}))).code).toBe('UNAUTHENTICATED');
      expect((await rejection(bridge.call('customer.get', { customerId: newId() }))).code).toBe('UNAUTHENTICATED');
      expect((await rejection(bridge.call('directory.get', {}))).code).toBe('UNAUTHENTICATED');
      expect((await rejection(bridge.call('note.add', { customerId: newId(), caseId: null, threadId: null, body: 'x' }))).code).toBe('UNAUTHENTICATED');
    });

    it('sign-in against an unreachable server fails with UNAVAILABLE', async () => {
      await open();
      const err = await rejection(bridge.call('session.login', { serverUrl: unreachable, username: 'alice', password: PASSWORD }));
      expect(err.code).toBe('UNAVAILABLE');
      expect(await bridge.call('session.current', {})).toBeNull();
    });

    it('a wrong password fails with UNAUTHENTICATED and a clear message', async () => {
      await open();
      const err = await rejection(bridge.call('session.login', { username: server.agent.username, password: 'nope' }));
      expect(err).toMatchObject({ code: 'UNAUTHENTICATED', message: 'wrong username or password' });
    });

    it('signs in, syncs, then serves queue, customer, timeline, changes and events', async () => {
      await open();
      const statuses: SyncStatus[] = [];
      const changed: string[] = [];
      const off = bridge.on('sync.status', (s) => statuses.push(s));
      bridge.on('data.changed', (c) => changed.push(...c.caseIds));

      const session = await login();
      expect(session).toEqual({ agent: server.agent, serverUrl: server.url, offline: false });
      expect(await bridge.call('session.current', {})).toEqual(session);

      const queue = await waitFor(async () => {
        const rows = await bridge.call('queue.list', {});
        return rows.length ? rows : null;
      }, { what: 'the queue to fill' });
      expect(queue[0]).toMatchObject({ caseId: seeded.case.id, customerName: '王小明', channel: 'chat' });
      await waitFor(() => statuses.some((s) => s.state === 'online'), { what: 'an online status event' });
      expect(changed).toContain(seeded.case.id);

      expect((await bridge.call('directory.get', {})).agents.map((a) => a.username).sort()).toEqual(['alice', 'bob']);
      expect((await bridge.call('customer.get', { customerId: seeded.customer.id })).customer.name).toBe('王小明');
      const { eventId } = await bridge.call('reply.send', { caseId: seeded.case.id, threadId: seeded.thread.id, body: '我们会尽快处理' });
      const timeline = await bridge.call('timeline.get', { customerId: seeded.customer.id });
      expect(timeline.items.map((i) => i.event.id)).toContain(eventId);
      expect((await bridge.call('search.query', { q: '血糖' })).map((h) => h.eventId)).toContain(seeded.message.id);

      const notFound = await rejection(bridge.call('case.setStatus', { caseId: newId(), status: 'resolved' }));
      expect(notFound.code).toBe('NOT_FOUND');

      // unsubscribing stops delivery
      off();
      const seen = statuses.length;
      await bridge.call('note.add', { customerId: seeded.customer.id, caseId: null, threadId: null, body: 'follow up' });
      await waitFor(async () => (await bridge.call('sync.status', {})).pending === 0, { what: 'push' });
      expect(statuses.length).toBe(seen);
    });

    it('signing out stops the session', async () => {
      await open();
      await login();
      expect(await bridge.call('session.logout', {})).toEqual({});
      expect(await bridge.call('session.current', {})).toBeNull();
      expect((await rejection(bridge.call('queue.list', {}))).code).toBe('UNAUTHENTICATED');
    });
  });
}
