import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { authorOf, newId } from '../../../src/shared';
import { rememberedServerUrl } from '../../../src/main/core/kernel/session/workstation';
import { codeOf } from '../../support/error-code';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { fakeServerCores, makeCore } from './helpers/core';
import { PASSWORD, startFakeServer } from './helpers/fake-server';
import { at, caseOpened, customerCreated, makeCase, makeCustomer, makeThread, messageReceived, statusChanged, threadOpened } from './helpers/fixtures';
import { captureLogger } from './helpers/util';

// Real sockets and servers: allow for slow CI machines (waitFor gives up first, with a clear message).
vi.setConfig({ testTimeout: 20_000 });

const fake = fakeServerCores();

describe('DesktopCore session', () => {
  it('opens <dataDir>/cache-<agentId>.sqlite, remembers the server, keeps the token out of the cache', async () => {
    const c = fake.core();
    const s = await c.login();
    expect(s.serverUrl).toBe(fake.server.url);
    const file = join(c.dataDir, `cache-${fake.server.agent.id}.sqlite`);
    expect(existsSync(file)).toBe(true);
    expect(rememberedServerUrl(c.dataDir)).toBe(fake.server.url);
    await c.synced();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const meta = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    db.close();
    expect(meta.map((m) => m.key).sort()).toEqual(['agent', 'clientId', 'cursor', 'directory', 'fts_rid', 'lastSyncedAt', 'ref_scope', 'ref_version', 'replicaScope', 'routing.attentionSeq', 'serverUrl']);
    expect(JSON.stringify(meta)).not.toContain(fake.server.token);
  });

  it('maps login failures: unreachable → UNAVAILABLE, 401 → UNAUTHENTICATED, non-http URL → INVALID_ARGUMENT', async () => {
    const c = fake.core();
    expect(await codeOf(c.call('session.login', { serverUrl: 'http://127.0.0.1:1', username: 'alice', password: PASSWORD }))).toBe('UNAVAILABLE');
    expect(await codeOf(c.call('session.login', { username: 'alice', password: 'wrong' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(c.call('session.login', { serverUrl: 'ftp://example.com', username: 'alice', password: 'x' }))).toBe('INVALID_ARGUMENT');
    expect(await c.call('session.current', {})).toBeNull();
  });

  it('a different agent signing in on the same workstation gets their own cache; the first one is closed', async () => {
    const c = fake.core();
    await c.login();
    await c.synced();
    const bob = await c.call('session.login', { username: 'bob', password: PASSWORD });
    expect(bob.agent.username).toBe('bob');
    expect(existsSync(join(c.dataDir, `cache-${fake.server.otherAgent.id}.sqlite`))).toBe(true);
    expect((await c.call('session.current', {}))?.agent.id).toBe(fake.server.otherAgent.id);
  });

  it('directory.get works offline from the copy cached at sign-in', async () => {
    const c = fake.core();
    await c.login();
    await fake.server.stop();
    expect((await c.call('directory.get', {})).teams).toEqual([fake.server.team]);
  });

  it('a cache made against another server is started afresh', async () => {
    const t = tempDir();
    const a = fake.core({ dataDir: t.dir });
    fake.server.seed();
    await a.login();
    await a.synced();
    await a.core.dispose();
    const other = await startFakeServer();
    try {
      // same agent id on another server (e.g. seeded demo data): must not mix the two logs
      Object.assign(other, { agent: fake.server.agent });
      const b = makeCore(other, { dataDir: t.dir });
      await b.call('session.login', { serverUrl: other.url, username: 'alice', password: PASSWORD });
      expect((await b.status()).cursor).toBe(0);
      expect(await b.call('queue.list', {})).toEqual([]);
      await b.core.dispose();
    } finally {
      await other.stop();
      t.cleanup();
    }
  });
});

describe('DesktopCore reads', () => {
  it('queue: the agent teams only, open statuses by default, joined with customer and latest channel', async () => {
    const mine = fake.server.seed();
    const otherTeam = makeCustomer(newId(), { name: 'Other Team Customer' });
    const otherCase = makeCase(otherTeam);
    fake.server.append(customerCreated(otherTeam));
    fake.server.append(caseOpened(otherCase));
    const closedCase = makeCase(mine.customer, { subject: 'old one' });
    fake.server.append(caseOpened(closedCase));
    fake.server.append(statusChanged(closedCase, 'open', 'closed', authorOf(fake.server.otherAgent), at(5)));
    const email = makeThread(mine.case, { channel: 'email', openedAt: at(9) });
    fake.server.append(threadOpened(email));

    const c = fake.core();
    await c.login();
    await c.synced();
    const rows = await c.call('queue.list', {});
    expect(rows.map((r) => r.caseId)).toEqual([mine.case.id]);
    expect(rows[0]).toMatchObject({ channel: 'email', vip: true, customerName: '王小明', teamId: fake.server.team.id });
    expect((await c.call('queue.list', { statuses: ['closed'] })).map((r) => r.caseId)).toEqual([closedCase.id]);
  });

  it('timeline: newest `limit` before `before`, ascending, with a channel filter and nextBefore', async () => {
    const s = fake.server.seed(); // chat message at at(2)
    const email = makeThread(s.case, { channel: 'email', openedAt: at(3) });
    fake.server.append(threadOpened(email));
    for (let i = 0; i < 6; i++) fake.server.append(messageReceived(i % 2 ? email : s.thread, `m${i}`, at(10 + i)));
    // two events at the same instant: ordered by id
    fake.server.append(messageReceived(s.thread, 'same-a', at(20)));
    fake.server.append(messageReceived(s.thread, 'same-b', at(20)));
    const c = fake.core();
    await c.login();
    await c.synced();

    const all = await c.call('timeline.get', { customerId: s.customer.id });
    expect(all.nextBefore).toBeNull();
    expect(all.items.map((i) => i.event.kind)).not.toContain('thread.opened');
    const times = all.items.map((i) => `${i.event.occurredAt}|${i.event.id}`);
    expect(times).toEqual([...times].sort());

    const page1 = await c.call('timeline.get', { customerId: s.customer.id, limit: 3 });
    expect(page1.items.map((i) => i.event.body).slice(0, 1)).toEqual(['m5']);
    expect(page1.nextBefore).toEqual({ occurredAt: page1.items[0]!.event.occurredAt, id: page1.items[0]!.event.id });
    const page2 = await c.call('timeline.get', { customerId: s.customer.id, limit: 3, before: page1.nextBefore! });
    expect(page2.items.map((i) => i.event.body)).toEqual(['m2', 'm3', 'm4']);
    const pages = [page2, page1].flatMap((p) => p.items.map((i) => i.event.id));
    expect(pages).toEqual(all.items.slice(-6).map((i) => i.event.id));

    const emails = await c.call('timeline.get', { customerId: s.customer.id, channels: ['email'] });
    expect(emails.items.map((i) => i.event.body)).toEqual(['m1', 'm3', 'm5']);
    expect(await codeOf(c.call('timeline.get', { customerId: newId() }))).toBe('NOT_FOUND');
  });
});

describe('DesktopCore changes', () => {
  it('checks locally: unknown case → NOT_FOUND, closed case → CONFLICT, foreign thread → INVALID_ARGUMENT', async () => {
    const s = fake.server.seed();
    const other = makeCase(s.customer);
    const otherThread = makeThread(other);
    fake.server.append(caseOpened(other));
    fake.server.append(threadOpened(otherThread));
    fake.server.append(statusChanged(other, 'open', 'closed', authorOf(fake.server.otherAgent), at(4)));
    const c = fake.core();
    await c.login();
    await c.synced();

    expect(await codeOf(c.call('case.setStatus', { caseId: newId(), status: 'resolved' }))).toBe('NOT_FOUND');
    expect(await codeOf(c.call('reply.send', { caseId: other.id, threadId: otherThread.id, body: 'hi' }))).toBe('CONFLICT');
    expect(await codeOf(c.call('case.assign', { caseId: other.id, assigneeId: null }))).toBe('CONFLICT');
    expect(await codeOf(c.call('reply.send', { caseId: s.case.id, threadId: otherThread.id, body: 'hi' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(c.call('reply.send', { caseId: s.case.id, threadId: newId(), body: 'hi' }))).toBe('NOT_FOUND');
    expect(await codeOf(c.call('note.add', { customerId: newId(), caseId: null, threadId: null, body: 'hi' }))).toBe('NOT_FOUND');
    // the shared case.assign rule (the server's): an assignee outside the directory is an invalid argument
    expect(await codeOf(c.call('case.assign', { caseId: s.case.id, assigneeId: newId() }))).toBe('INVALID_ARGUMENT');
    expect((await c.status()).pending).toBe(0); // nothing was queued by the refused calls
    expect(fake.server.pushed).toHaveLength(0);
  });

  it('a closed case still takes notes (the documented rule, the same on the server)', async () => {
    const s = fake.server.seed();
    const closed = makeCase(s.customer);
    fake.server.append(caseOpened(closed));
    fake.server.append(statusChanged(closed, 'open', 'closed', authorOf(fake.server.otherAgent), at(4)));
    const c = fake.core();
    await c.login();
    await c.synced();
    const r = await c.call('note.add', { customerId: s.customer.id, caseId: closed.id, threadId: null, body: 'called back after closing' });
    expect(r).toMatchObject({ eventId: expect.any(String) });
    expect((await c.status()).pending).toBe(1);
  });

  it('works offline: status, assignment and notes apply at once and wait in the outbox in order', async () => {
    const s = fake.server.seed();
    const c = fake.core();
    await c.login();
    await c.synced();
    await fake.server.stop();
    await waitFor(async () => (await c.status()).state === 'offline');

    await c.call('case.assign', { caseId: s.case.id, assigneeId: fake.server.agent.id });
    await c.call('case.setStatus', { caseId: s.case.id, status: 'waiting_on_customer' });
    await c.call('note.add', { customerId: s.customer.id, caseId: s.case.id, threadId: s.thread.id, body: 'asked for a photo of the sensor' });
    const row = (await c.call('queue.list', {}))[0]!;
    expect(row).toMatchObject({ assigneeId: fake.server.agent.id, status: 'waiting_on_customer' });
    expect(await c.status()).toMatchObject({ state: 'offline', pending: 3 });
    expect((await c.call('search.query', { q: 'photo' }))[0]).toMatchObject({ caseId: s.case.id });

    await fake.server.start();
    await c.synced();
    expect(fake.server.pushed.map((m) => [m.clientSeq, m.name])).toEqual([
      [1, 'case.assign'],
      [2, 'case.setStatus'],
      [3, 'note.add'],
    ]);
    expect(fake.server.cases.get(s.case.id)).toMatchObject({ assigneeId: fake.server.agent.id, status: 'waiting_on_customer' });
  });

  it('never logs bodies, names, emails or phone numbers', async () => {
    const logger = captureLogger();
    const s = fake.server.seed('我的血糖仪坏了 call me at +8613800001111');
    const c = fake.core({ logger });
    await c.login();
    await c.synced();
    await c.call('reply.send', { caseId: s.case.id, threadId: s.thread.id, body: 'Dear 王小明, please email xiaoming@example.com' });
    await c.synced();
    const text = logger.text();
    expect(logger.records.length).toBeGreaterThan(3);
    for (const secret of ['血糖', '王小明', 'xiaoming@example.com', '+8613800001111', 'Dear', fake.server.token, PASSWORD]) {
      expect(text).not.toContain(secret);
    }
  });
});
