import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authorOf } from '../../../src/shared';
import { makeCore } from './helpers/core';
import { startFakeServer, type FakeServer } from './helpers/fake-server';
import { at, messageReceived, priorityChanged, statusChanged } from './helpers/fixtures';
import { captureLogger, waitFor } from './helpers/util';

// Real sockets and servers: allow for slow CI machines (waitFor gives up first, with a clear message).
vi.setConfig({ testTimeout: 20_000 });

let server: FakeServer;
let cores: ReturnType<typeof makeCore>[] = [];
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await Promise.all(cores.map((c) => c.close()));
  cores = [];
  await server.stop();
});
function core(opts: Parameters<typeof makeCore>[1] = {}) {
  const c = makeCore(server, opts);
  cores.push(c);
  return c;
}

describe('sync client against a socket.io peer', () => {
  it('pulls in pages, applies the events and advances the cursor', async () => {
    const seeded = server.seed();
    for (let i = 0; i < 5; i++) server.append(messageReceived(seeded.thread, `follow-up ${i}`, at(3 + i)));
    const c = core({ pullLimit: 3 });
    await c.login();
    const s = await c.synced();

    expect(s.cursor).toBe(9);
    expect(s.lastSyncedAt).not.toBeNull();
    // a new cache bootstraps up to the checkpoint (9 events, 3 per page), then pulls what came after it; it asks
    // for packed pages, and this peer (like a server from before issue 17) answers objects, which are taken too
    expect(server.bootstraps).toEqual([{ historyDays: 90 }]);
    expect(server.pulls).toEqual([
      { cursor: 0, limit: 3, until: 9, packed: true },
      { cursor: 3, limit: 3, until: 9, packed: true },
      { cursor: 6, limit: 3, until: 9, packed: true },
      { cursor: 9, limit: 3, packed: true },
    ]);
    const handshake = server.handshakes[0]!;
    expect(handshake.token).toBe(server.token);

    const queue = await c.call('queue.list', {});
    expect(queue).toEqual([
      expect.objectContaining({ caseId: seeded.case.id, customerName: '王小明', vip: true, channel: 'chat', priority: 'P2' }),
    ]);
    const timeline = await c.call('timeline.get', { customerId: seeded.customer.id });
    expect(timeline.items.map((i) => i.event.kind)).toEqual(['case.opened', 'message.received', ...Array(5).fill('message.received')]);
    expect(timeline.items.every((i) => i.localState === 'synced')).toBe(true);
  });

  it('the queue lists cases still to work: a resolved one only when the status filter asks for it (issue 15)', async () => {
    const seeded = server.seed();
    const c = core();
    await c.login();
    await c.synced();
    await c.call('case.setStatus', { caseId: seeded.case.id, status: 'resolved' });
    expect(await c.call('queue.list', {})).toEqual([]);
    expect((await c.call('queue.list', { statuses: ['resolved'] })).map((r) => r.caseId)).toEqual([seeded.case.id]);
  });

  it('pushes a pending mutation once; it becomes synced when it comes back in a pull', async () => {
    const seeded = server.seed();
    const c = core();
    await c.login();
    await c.synced();

    const { eventId } = await c.call('reply.send', { caseId: seeded.case.id, threadId: seeded.thread.id, body: '  Please re-calibrate the sensor.  ' });
    const optimistic = (await c.call('timeline.get', { customerId: seeded.customer.id })).items.find((i) => i.event.id === eventId);
    // Recorded before the push round can answer: pending, queued, on the thread's channel, body trimmed.
    expect(optimistic).toMatchObject({ localState: 'pending', event: { kind: 'message.sent', channel: 'chat', seq: null, body: 'Please re-calibrate the sensor.', meta: { deliveryStatus: 'queued' } } });

    await c.synced();
    const item = await waitFor(async () =>
      (await c.call('timeline.get', { customerId: seeded.customer.id })).items.find((i) => i.event.id === eventId && i.localState === 'synced'),
    );
    expect(item.event.seq).toBe(server.applied.get(eventId));
    expect(item.event).toMatchObject({ meta: { deliveryStatus: 'sent' } });
    expect(server.pushCount(eventId)).toBe(1);
    expect((await c.call('queue.list', {}))[0]!.firstRespondedAt).not.toBeNull();

    // Another round (a poke) must not push it again.
    server.append(messageReceived(seeded.thread, 'thanks', at(20)));
    await c.synced();
    expect(server.pushCount(eventId)).toBe(1);
    expect((await c.status()).pending).toBe(0);
  });

  it('a rejected mutation rolls back the projection and stays visible with the reason', async () => {
    const seeded = server.seed();
    server.rejectWhen = (m) => (m.name === 'case.setPriority' ? { code: 'FORBIDDEN', message: 'only leads may raise to P0' } : null);
    const c = core();
    await c.login();
    await c.synced();

    const changes: string[][] = [];
    c.core.on('data.changed', (p) => changes.push(p.caseIds));
    const { eventId } = await c.call('case.setPriority', { caseId: seeded.case.id, priority: 'P3' });
    expect((await c.call('queue.list', {}))[0]!.priority).toBe('P3'); // optimistic

    const s = await waitFor(async () => {
      const st = await c.status();
      return st.rejected === 1 ? st : null;
    });
    expect(s.pending).toBe(0);
    expect((await c.call('queue.list', {}))[0]!.priority).toBe('P2'); // undone
    const customer = await c.call('customer.get', { customerId: seeded.customer.id });
    expect(customer.cases[0]!.priority).toBe('P2');
    const item = (await c.call('timeline.get', { customerId: seeded.customer.id })).items.find((i) => i.event.id === eventId);
    expect(item).toMatchObject({ localState: 'rejected', error: { code: 'FORBIDDEN', message: 'only leads may raise to P0' } });
    expect(changes.filter((ids) => ids.includes(seeded.case.id)).length).toBeGreaterThanOrEqual(2); // made + undone
    expect(server.pushCount(eventId)).toBe(1);
  });

  it('after a disconnect it reconnects and resumes from its cursor; offline changes are pushed then', async () => {
    const seeded = server.seed();
    const c = core();
    await c.login();
    const before = await c.synced();

    await server.stop();
    await waitFor(async () => (await c.status()).state === 'offline', { what: 'offline' });
    // Offline: reading and changing still work.
    const { eventId } = await c.call('note.add', { customerId: seeded.customer.id, caseId: seeded.case.id, threadId: null, body: 'customer asked for a callback' });
    expect((await c.status()).pending).toBe(1);
    server.append(messageReceived(seeded.thread, 'are you there?', at(30)));
    const pullsBefore = server.pulls.length;

    await server.start(); // same port
    await c.synced('resynced');
    const resumed = server.pulls.slice(pullsBefore);
    expect(resumed[0]!.cursor).toBe(before.cursor); // not from 0
    expect(server.pushCount(eventId)).toBe(1);
    const kinds = (await c.call('timeline.get', { customerId: seeded.customer.id })).items.map((i) => `${i.event.kind}:${i.localState}`);
    expect(kinds).toContain('note.added:synced');
    expect(kinds.filter((k) => k === 'message.received:synced')).toHaveLength(2);
    expect(new Set(server.handshakes.map((h) => h.clientId)).size).toBe(1);
  });

  it('a server update does not overwrite a field with a pending local change', async () => {
    const seeded = server.seed();
    const c = core();
    await c.login();
    await c.synced();

    // The server has a change by another agent, and the pull that brings it is held...
    const releasePull = server.hold('pull');
    const pullsBefore = server.pulls.length;
    server.append(priorityChanged(seeded.case, 'P2', 'P1', authorOf(server.otherAgent), at(40)));
    server.append(statusChanged(seeded.case, 'open', 'pending', authorOf(server.otherAgent), at(41)));
    await waitFor(() => server.pulls.length > pullsBefore, { what: 'the poke-triggered pull' });
    // ...while the agent changes the priority here; its push is held too.
    const releasePush = server.hold('push');
    await c.call('case.setPriority', { caseId: seeded.case.id, priority: 'P3' });
    releasePull();

    // The page applied: status from the server, priority still the pending local value.
    await waitFor(async () => (await c.call('queue.list', {}))[0]!.status === 'pending', { what: 'server status applied' });
    const row = (await c.call('queue.list', {}))[0]!;
    expect(row.priority).toBe('P3');
    expect((await c.status()).pending).toBe(1);

    releasePush();
    await c.synced();
    const final = (await c.call('customer.get', { customerId: seeded.customer.id })).cases[0]!;
    expect(final).toMatchObject({ priority: 'P3', status: 'pending' });
    expect(server.cases.get(seeded.case.id)).toMatchObject({ priority: 'P3', status: 'pending' });
  });

  it('a corrupt server answer is logged without data and not applied; the next good answer is', async () => {
    server.seed('SECRET-REAL-BODY');
    server.corruptPulls = true;
    const logger = captureLogger();
    const c = core({ logger });
    await c.login();

    await waitFor(() => logger.records.some((r) => r.msg === 'corrupt sync answer not applied'), { what: 'corrupt answer logged' });
    await waitFor(() => server.pulls.length >= 2, { what: 'a retry' });
    expect((await c.status()).cursor).toBe(0);
    expect(await c.call('search.query', { q: 'SECRET' })).toEqual([]);
    expect(await c.call('queue.list', {})).toEqual([]);
    expect(logger.text()).not.toContain('SECRET');
    expect(logger.text()).not.toContain('not-a-uuid');

    server.corruptPulls = false;
    await c.synced('recovered');
    expect(await c.call('queue.list', {})).toHaveLength(1);
    expect(logger.text()).not.toContain('SECRET-REAL-BODY');
    expect(logger.text()).not.toContain('王小明');
  });

  it('a page that breaks the ordering rules is refused even though it parses', async () => {
    server.seed();
    const c = core();
    // Answer pull pages with the events out of order.
    const original = server.events.slice();
    server.events.reverse();
    await c.login();
    await waitFor(() => server.pulls.length >= 2, { what: 'retries' });
    expect((await c.status()).cursor).toBe(0);
    server.events.splice(0, server.events.length, ...original);
    await c.synced();
  });

  it('reports connecting/offline when the server is down, and sends status events', async () => {
    const c = core();
    const states: string[] = [];
    c.core.on('sync.status', (s) => states.push(s.state));
    await c.login();
    await c.synced();
    await server.stop();
    await waitFor(() => states.includes('offline'), { what: 'offline status event' });
    expect(states).toContain('online');
    await c.call('session.logout', {});
    expect(states[states.length - 1]).toBe('signed_out');
    expect(await c.status()).toMatchObject({ state: 'signed_out', pending: 0 });
  });
});
