/**
 * Partial replication (issue 3) with real desktop cores against a real server on PGlite: what a new cache
 * is bootstrapped with (agent vs lead), opening a customer outside it, new activity of a customer the
 * cache does not hold, and the protocol's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { appendEvents } from '../../../src/server/kernel/events/append';
import { DEMO_AGENTS } from '../../../src/server/seed';
import {
  OmnideskError,
  SYNC_EVENTS,
  authorOf,
  type BootstrapResponse,
  type Case,
  type Customer,
  type Event,
  type PullResponse,
} from '../../../src/shared';
import {
  caseOpened,
  customerCreated,
  makeCase,
  makeCustomer,
  makeThread,
  messageReceived,
  statusChanged,
  threadOpened,
} from '../../unit/desktop/helpers/fixtures';
import type { NewEvent } from '../../support/temp-store';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { request, startTestServer, type TestServer } from '../helpers/server';
import { openDesk } from '../helpers/desk';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const login = (username: string) => DEMO_AGENTS.find((a) => a.agent.username === username)!.agent;

/** A desktop core with a small pull page (several pages per sync), and whether its cache holds a customer. */
function desk(serverUrl: string, historyDays?: number) {
  const d = openDesk(serverUrl, { pullLimit: 50, ...(historyDays ? { historyDays } : {}) });
  const holds = (customerId: string) =>
    d.call('customer.get', { customerId }).then(
      () => true,
      (e: OmnideskError) => (e.code === 'NOT_FOUND' ? false : Promise.reject(e)),
    );
  return Object.assign(d, { holds });
}

/** One customer of `teamId` with one case; `lastDaysAgo`: when its latest event happened. */
function history(teamId: string, opts: { name: string; daysAgo: number; closed: boolean; assigneeId?: string | null; noteBy?: { id: string; displayName: string } }) {
  const customer: Customer = makeCustomer(teamId, { name: opts.name, emails: [`${opts.name.toLowerCase().replace(/\W+/g, '.')}@example.com`], createdAt: ago(opts.daysAgo + 2), updatedAt: ago(opts.daysAgo + 2) });
  const c: Case = makeCase(customer, { openedAt: ago(opts.daysAgo + 1), assigneeId: opts.assigneeId ?? null });
  const thread = makeThread(c, { openedAt: c.openedAt });
  const events: NewEvent[] = [customerCreated(customer), caseOpened(c), threadOpened(thread), messageReceived(thread, `reading drift for ${opts.name}`, ago(opts.daysAgo + 0.5))];
  if (opts.noteBy) {
    events.push({ ...statusChanged(c, 'open', 'pending', authorOf(opts.noteBy), ago(opts.daysAgo + 0.4)) });
    events.push({ ...statusChanged(c, 'pending', 'open', authorOf(opts.noteBy), ago(opts.daysAgo + 0.3)) });
  }
  if (opts.closed) events.push(statusChanged(c, 'open', 'closed', authorOf({ id: login('mei').id, displayName: 'Mei Lin' }), ago(opts.daysAgo)));
  return { customer, case: c, thread, events };
}

describe('partial replication', () => {
  let database: TestDatabase;
  let ts: TestServer;
  const seq = async () => Number((await database.db.query<{ m: string | null }>('SELECT max(seq) AS m FROM events')).rows[0]?.m ?? 0);
  /** appends as a channel adapter would, and pokes the connected desktops */
  const append = async (events: NewEvent[]) => {
    const r = await database.db.transaction((tx) => appendEvents(tx, events.map((e) => ({ ...e, seq: null }) as Event)));
    ts.server.poke(r.teamSeqs);
  };
  let team: string;
  let otherTeam: string;
  let fx: Record<'open' | 'recent' | 'old' | 'touched' | 'assigned' | 'dormant' | 'foreign' | 'ancient', ReturnType<typeof history>>;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    // the demo world is generated at a fixed date months ago: nothing in it is within a 90-day window
    ts = await startTestServer(database.db, { customers: 12 });
    team = login('alice').teamIds[0]!;
    otherTeam = login('bob').teamIds[0]!;
    const alice = { id: login('alice').id, displayName: 'Alice Turner' };
    fx = {
      open: history(team, { name: 'Open Olivia', daysAgo: 200, closed: false }),
      recent: history(team, { name: 'Recent Rita', daysAgo: 10, closed: true }),
      old: history(team, { name: 'Old Oscar', daysAgo: 200, closed: true }),
      touched: history(team, { name: 'Touched Tom', daysAgo: 300, closed: true, noteBy: alice }),
      assigned: history(team, { name: 'Assigned Ada', daysAgo: 250, closed: true, assigneeId: alice.id }),
      dormant: history(team, { name: 'Dormant Dora', daysAgo: 150, closed: true }),
      foreign: history(otherTeam, { name: 'Foreign Fay', daysAgo: 5, closed: false }),
      // left alone by every test (the others give their customers new activity)
      ancient: history(team, { name: 'Ancient Abe', daysAgo: 180, closed: true }),
    };
    for (const f of Object.values(fx)) await append(f.events);
  });

  afterAll(async () => {
    await ts.close();
    await database.dispose();
  });

  it("an agent's new cache holds open queues, touched and recent customers, not old closed ones", async () => {
    const alice = desk(ts.baseUrl);
    try {
      await alice.login('alice');
      await alice.synced(database.db);
      expect(await alice.holds(fx.open.customer.id)).toBe(true); // open case
      expect(await alice.holds(fx.recent.customer.id)).toBe(true); // activity 10 days ago
      expect(await alice.holds(fx.touched.customer.id)).toBe(true); // alice changed its case
      expect(await alice.holds(fx.assigned.customer.id)).toBe(true); // assigned to alice
      expect(await alice.holds(fx.old.customer.id)).toBe(false); // closed, 200 days ago
      expect(await alice.holds(fx.dormant.customer.id)).toBe(false);
      expect(await alice.holds(fx.foreign.customer.id)).toBe(false); // another team
      // a held customer's history is whole
      const tl = await alice.call('timeline.get', { customerId: fx.touched.customer.id });
      expect(tl.items.map((i) => i.event.id)).toEqual(expect.arrayContaining(fx.touched.events.filter((e) => e.kind === 'message.received').map((e) => e.id)));
      // every customer in the queue is on the desktop
      for (const row of await alice.call('queue.list', {})) expect(await alice.holds(row.customerId)).toBe(true);
    } finally {
      await alice.close();
    }
  });

  it("a lead's cache holds their whole teams", async () => {
    const lena = desk(ts.baseUrl);
    try {
      await lena.login('lena');
      await lena.synced(database.db);
      for (const k of ['open', 'recent', 'old', 'touched', 'assigned', 'dormant'] as const) expect(await lena.holds(fx[k].customer.id), k).toBe(true);
      expect(await lena.holds(fx.foreign.customer.id)).toBe(false);
    } finally {
      await lena.close();
    }
  });

  it('the history window is configurable: 365 days brings the older customers too', async () => {
    const alice = desk(ts.baseUrl, 365);
    try {
      await alice.login('alice');
      await alice.synced(database.db);
      expect(await alice.holds(fx.old.customer.id)).toBe(true);
      expect(await alice.holds(fx.dormant.customer.id)).toBe(true);
    } finally {
      await alice.close();
    }
  });

  it('any allowed customer can be found on the server and opened: fetched whole and kept', async () => {
    const alice = desk(ts.baseUrl);
    try {
      await alice.login('alice');
      await alice.synced(database.db);
      const found = await alice.call('customer.find', { q: 'Old Osc' });
      expect(found).toEqual([expect.objectContaining({ customerId: fx.old.customer.id, name: 'Old Oscar', cached: false })]);
      // by email, too; another team's customer is not found
      expect((await alice.call('customer.find', { q: 'old.oscar@' })).map((c) => c.customerId)).toEqual([fx.old.customer.id]);
      expect(await alice.call('customer.find', { q: 'Foreign Fay' })).toEqual([]);

      expect(await alice.call('customer.open', { customerId: fx.old.customer.id })).toEqual({ customerId: fx.old.customer.id, fetched: true });
      const view = await alice.call('customer.get', { customerId: fx.old.customer.id });
      expect(view.cases.map((c) => c.status)).toEqual(['closed']);
      const tl = await alice.call('timeline.get', { customerId: fx.old.customer.id });
      expect(tl.items.some((i) => i.event.body === 'reading drift for Old Oscar')).toBe(true);
      expect((await alice.call('customer.find', { q: 'Old Osc' }))[0]!.cached).toBe(true);
      // opening it again needs no fetch; another team's customer cannot be opened
      expect(await alice.call('customer.open', { customerId: fx.old.customer.id })).toEqual({ customerId: fx.old.customer.id, fetched: false });
      await expect(alice.call('customer.open', { customerId: fx.foreign.customer.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // later events of the opened customer arrive like any other
      const more = messageReceived(fx.old.thread, 'Oscar writes again', ago(0));
      await append([more]);
      await alice.synced(database.db);
      expect((await alice.call('timeline.get', { customerId: fx.old.customer.id })).items.map((i) => i.event.id)).toContain(more.id);
    } finally {
      await alice.close();
    }
  });

  it('new activity of a customer the cache does not hold brings its whole history first', async () => {
    const alice = desk(ts.baseUrl);
    try {
      await alice.login('alice');
      await alice.synced(database.db);
      expect(await alice.holds(fx.dormant.customer.id)).toBe(false);
      const back = messageReceived(fx.dormant.thread, 'Dora is back: my sensor fell off', ago(0));
      await append([back]);
      await alice.synced(database.db);
      const ids = (await alice.call('timeline.get', { customerId: fx.dormant.customer.id })).items.map((i) => i.event.id);
      // the old message (before this cache's cursor) and the new one, in order
      const old = fx.dormant.events.find((e) => e.kind === 'message.received')!;
      expect(ids.indexOf(old.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(back.id)).toBeGreaterThan(ids.indexOf(old.id));
      expect((await alice.call('customer.get', { customerId: fx.dormant.customer.id })).cases[0]!.status).toBe('closed');
    } finally {
      await alice.close();
    }
  });

  describe('protocol', () => {
    let socket: Socket;
    beforeAll(async () => {
      socket = await ts.connect(await ts.token('alice'));
    });

    it('bootstrap answers the scope and its checkpoint; bootstrap pages never pass it', async () => {
      const b = await request<BootstrapResponse>(socket, SYNC_EVENTS.bootstrap, { historyDays: 90 });
      expect(b.ok).toBe(true);
      if (!b.ok) return;
      expect(b.value).toMatchObject({ scope: 'partial', top: await seq() });
      expect(b.value.customers).toBeGreaterThanOrEqual(4);
      await append([messageReceived(fx.open.thread, 'after the checkpoint', ago(0))]);
      const page = await request<PullResponse>(socket, SYNC_EVENTS.pull, { cursor: 0, limit: 1000, until: b.value.top });
      expect(page.ok && page.value.cursor).toBe(b.value.top);
      expect(page.ok && page.value.events.every((e) => (e.seq ?? 0) <= b.value.top)).toBe(true);
      expect(page.ok && page.value.events.some((e) => e.customerId === fx.ancient.customer.id)).toBe(false);
      expect(page.ok && page.value.events.some((e) => e.customerId === fx.open.customer.id)).toBe(true);
    });

    it('a bootstrap page for a checkpoint the server does not know is refused with CONFLICT', async () => {
      const r = await request(socket, SYNC_EVENTS.pull, { cursor: 0, limit: 10, until: 3 });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('malformed bootstrap and fetch requests get a clear INVALID_ARGUMENT', async () => {
      for (const [event, payload] of [
        [SYNC_EVENTS.bootstrap, { historyDays: 0 }],
        [SYNC_EVENTS.bootstrap, { historyDays: 'ninety' }],
        [SYNC_EVENTS.fetch, { customerIds: [], upTo: 1, after: 0, limit: 10 }],
        [SYNC_EVENTS.fetch, { customerIds: ['nope'], upTo: 1, after: 0, limit: 10 }],
        [SYNC_EVENTS.fetch, { customerIds: [fx.old.customer.id], upTo: 1, after: 5, limit: 10 }],
        [SYNC_EVENTS.pull, { cursor: 10, limit: 10, until: 5 }],
      ] as const) {
        const r = await request(socket, event, payload);
        expect(r, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }
    });

    it("fetch returns only what the caller may see, paged by seq up to upTo", async () => {
      const top = await seq();
      const own = await request<PullResponse>(socket, SYNC_EVENTS.fetch, { customerIds: [fx.old.customer.id], upTo: top, after: 0, limit: 2 });
      expect(own.ok && own.value.events.length).toBe(2);
      expect(own.ok && own.value.hasMore).toBe(true);
      const foreign = await request<PullResponse>(socket, SYNC_EVENTS.fetch, { customerIds: [fx.foreign.customer.id], upTo: top, after: 0, limit: 100 });
      expect(foreign).toMatchObject({ ok: true, value: { events: [], cursor: top, hasMore: false } });
    });
  });
});
