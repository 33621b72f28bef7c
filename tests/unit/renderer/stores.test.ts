import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus, TimelinePage } from '../../../src/shared/contracts/bridge';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { connectStores, createAppStores, touchesCustomer } from '../../../src/renderer/app-stores';
import { TIMELINE_PAGE } from '../../../src/renderer/features/conversations/customer-store';
import { viewFilters } from '../../../src/renderer/features/cases/queue-filters';
import {
  CASE_A,
  CASE_B,
  CUSTOMER,
  ME,
  OTHER_CUSTOMER,
  THREAD_CHAT,
  THREAD_EMAIL,
  THREAD_PHONE,
  agent,
  at,
  customerView,
  fakeBridge,
  flush,
  id,
  item,
  kase,
  queueRow,
  received,
  thread,
  type Handlers,
} from './fixtures';

const session = { agent: agent(), serverUrl: 'http://127.0.0.1:4000' };
const syncStatus = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'online',
  pending: 0,
  rejected: 0,
  cursor: 1,
  lastSyncedAt: null,
  ...over,
});

function setup(extra: Handlers = {}) {
  const handlers: Handlers = {
    'session.current': () => session,
    'session.login': () => session,
    'session.logout': () => ({}),
    'directory.get': () => ({ agents: [agent()], teams: [] }),
    'queue.list': () => [queueRow()],
    'customer.get': () => customerView(),
    'timeline.get': () => ({ items: [item(received())], nextBefore: null }),
    'sync.status': () => syncStatus(),
    ...extra,
  };
  const bridge = fakeBridge(handlers);
  const stores = createAppStores(bridge, { location: null });
  return { bridge, stores };
}

describe('session store', () => {
  it('resumes a session the core still holds', async () => {
    const { stores } = setup();
    expect(stores.session.getState().status).toBe('resuming');
    await stores.session.getState().resume();
    expect(stores.session.getState()).toMatchObject({ status: 'signed_in', session });
  });

  it('shows the login form when there is none', async () => {
    const { stores } = setup({ 'session.current': () => null });
    await stores.session.getState().resume();
    expect(stores.session.getState()).toMatchObject({ status: 'signed_out', errorCode: null });
  });

  it.each(['UNAUTHENTICATED', 'UNAVAILABLE'] as const)('a failed login keeps the code %s', async (code) => {
    const { stores } = setup({
      'session.login': () => {
        throw new OmnideskError(code, 'nope');
      },
    });
    const ok = await stores.session.getState().login({ username: 'alice', password: 'x' });
    expect(ok).toBe(false);
    expect(stores.session.getState()).toMatchObject({ status: 'signed_out', errorCode: code });
  });

  it('passes the server address only when given', async () => {
    const { stores, bridge } = setup();
    await stores.session.getState().login({ username: 'alice', password: 'pw', serverUrl: 'http://10.0.0.5:4000' });
    expect(bridge.callsOf('session.login')).toEqual([{ username: 'alice', password: 'pw', serverUrl: 'http://10.0.0.5:4000' }]);
    expect(stores.session.getState().status).toBe('signed_in');
  });

  it('signs out even when the core cannot be told', async () => {
    const { stores } = setup({
      'session.logout': () => {
        throw new OmnideskError('UNAVAILABLE', 'down');
      },
    });
    await stores.session.getState().resume();
    await stores.session.getState().logout();
    expect(stores.session.getState()).toMatchObject({ status: 'signed_out', session: null });
  });
});

describe('queue store', () => {
  it('loads sorted by urgency, and asks the core for a status when filtered by one', async () => {
    const rows = [
      queueRow({ caseId: id(1), priority: 'P3' }),
      queueRow({ caseId: id(2), priority: 'P0' }),
    ];
    const { stores, bridge } = setup({ 'queue.list': () => rows });
    await stores.queue.getState().load();
    expect(stores.queue.getState().rows.map((r) => r.caseId)).toEqual([id(2), id(1)]);
    stores.queue.getState().setFilter('status', 'closed');
    await flush();
    expect(bridge.callsOf('queue.list')).toEqual([{}, { statuses: ['closed'] }]);
    stores.queue.getState().setFilter('channel', 'chat'); // client-side only
    await flush();
    expect(bridge.callsOf('queue.list')).toHaveLength(2);
    stores.queue.getState().clearFilters();
    await flush();
    expect(bridge.callsOf('queue.list')).toEqual([{}, { statuses: ['closed'] }, {}]);
  });

  it('a named view sets every filter at once; the views keep counting the cases still to work while one status is listed', async () => {
    const all = [queueRow({ caseId: id(1) }), queueRow({ caseId: id(2), status: 'waiting_on_customer' })];
    const { stores, bridge } = setup({ 'queue.list': (input) => (input.statuses ? all.filter((r) => input.statuses!.includes(r.status)) : all) });
    await stores.queue.getState().load();
    stores.queue.getState().setFilter('channel', 'chat');
    stores.queue.getState().setFilters(viewFilters('waiting'));
    await flush();
    expect(stores.queue.getState().filters).toEqual(viewFilters('waiting'));
    expect(bridge.callsOf('queue.list')).toEqual([{}, { statuses: ['waiting_on_customer'] }]);
    expect(stores.queue.getState().rows.map((r) => r.caseId)).toEqual([id(2)]);
    expect(stores.queue.getState().defaultRows.map((r) => r.caseId).sort()).toEqual([id(1), id(2)].sort());
  });

  it('an answer to an older request never overwrites a newer one', async () => {
    let release: (() => void) | null = null;
    let n = 0;
    const { stores } = setup({
      'queue.list': () => {
        n++;
        if (n === 1) return new Promise((r) => (release = () => r([queueRow({ caseId: id(1) })])));
        return [queueRow({ caseId: id(2) })];
      },
    });
    const first = stores.queue.getState().load();
    await stores.queue.getState().load();
    (release as (() => void) | null)?.();
    await first;
    expect(stores.queue.getState().rows.map((r) => r.caseId)).toEqual([id(2)]);
  });

  it('keeps the error code when loading fails', async () => {
    const { stores } = setup({
      'queue.list': () => {
        throw new OmnideskError('FORBIDDEN', 'no');
      },
    });
    await stores.queue.getState().load();
    expect(stores.queue.getState()).toMatchObject({ errorCode: 'FORBIDDEN', loading: false });
  });
});

describe('customer store', () => {
  const threads = [
    thread({ id: THREAD_EMAIL, channel: 'email', caseId: CASE_A, openedAt: at(0) }),
    thread({ id: THREAD_CHAT, channel: 'chat', caseId: CASE_B, openedAt: at(2) }),
    thread({ id: THREAD_PHONE, channel: 'phone', caseId: CASE_A, openedAt: at(3) }),
  ];
  const cases = [kase({ id: CASE_A, priority: 'P2' }), kase({ id: CASE_B, priority: 'P1' })];
  const chatMsg = item(received({ id: id(800), occurredAt: at(2), channel: 'chat', caseId: CASE_B, threadId: THREAD_CHAT }));
  const emailMsg = item(received({ id: id(801), occurredAt: at(1), channel: 'email', caseId: CASE_A, threadId: THREAD_EMAIL }));

  function customerSetup(extra: Handlers = {}) {
    return setup({
      'customer.get': () => customerView({ cases, threads }),
      'timeline.get': () => ({ items: [emailMsg, chatMsg], nextBefore: null }),
      'reply.send': () => ({ eventId: id(900) }),
      'note.add': () => ({ eventId: id(901) }),
      'case.setStatus': () => ({ eventId: id(902) }),
      'case.assign': () => ({ eventId: id(903) }),
      ...extra,
    });
  }

  it('opens a customer at the case asked for, replying where the customer wrote in it', async () => {
    const { stores, bridge } = customerSetup();
    await stores.customer.getState().open(CUSTOMER, CASE_A);
    const s = stores.customer.getState();
    expect(s.status).toBe('ready');
    expect(s.selectedCaseId).toBe(CASE_A);
    expect(s.selectedThreadId).toBe(THREAD_EMAIL);
    expect(bridge.callsOf('timeline.get')).toEqual([{ customerId: CUSTOMER, limit: TIMELINE_PAGE }]);
  });

  it('without a case: the most urgent open case', async () => {
    const { stores } = customerSetup();
    await stores.customer.getState().open(CUSTOMER);
    expect(stores.customer.getState()).toMatchObject({ selectedCaseId: CASE_B, selectedThreadId: THREAD_CHAT });
  });

  it('choosing a thread chooses its case; choosing a case moves the reply to it', async () => {
    const { stores } = customerSetup();
    await stores.customer.getState().open(CUSTOMER, CASE_A);
    stores.customer.getState().selectThread(THREAD_CHAT);
    expect(stores.customer.getState()).toMatchObject({ selectedCaseId: CASE_B, selectedThreadId: THREAD_CHAT });
    stores.customer.getState().selectCase(CASE_A);
    expect(stores.customer.getState()).toMatchObject({ selectedCaseId: CASE_A, selectedThreadId: THREAD_EMAIL });
  });

  it('replies on the selected thread with its case, notes on the selected case, then refreshes', async () => {
    const { stores, bridge } = customerSetup();
    await stores.customer.getState().open(CUSTOMER, CASE_A);
    await stores.customer.getState().sendReply('Please re-pair the sensor.');
    expect(bridge.callsOf('reply.send')).toEqual([{ caseId: CASE_A, threadId: THREAD_EMAIL, body: 'Please re-pair the sensor.' }]);
    await stores.customer.getState().addNote('Called back, no answer.');
    expect(bridge.callsOf('note.add')).toEqual([
      { customerId: CUSTOMER, caseId: CASE_A, threadId: THREAD_EMAIL, body: 'Called back, no answer.' },
    ]);
    await flush();
    expect(bridge.callsOf('timeline.get').length).toBeGreaterThanOrEqual(3);
  });

  it('will not send a written reply on a phone thread', async () => {
    const { stores, bridge } = customerSetup();
    await stores.customer.getState().open(CUSTOMER, CASE_A);
    stores.customer.getState().selectThread(THREAD_PHONE);
    await expect(stores.customer.getState().sendReply('x')).rejects.toThrow();
    expect(bridge.callsOf('reply.send')).toEqual([]);
  });

  it('a rejected change surfaces to the caller', async () => {
    const { stores } = customerSetup({
      'case.setStatus': () => {
        throw new OmnideskError('CONFLICT', 'closed meanwhile');
      },
    });
    await stores.customer.getState().open(CUSTOMER, CASE_A);
    await expect(stores.customer.getState().setStatus(CASE_A, 'resolved')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('loads older pages and keeps them across a refresh', async () => {
    const older = item(received({ id: id(810), occurredAt: at(-50) }));
    const cursor = { occurredAt: emailMsg.event.occurredAt, id: emailMsg.event.id };
    const olderCursor = { occurredAt: at(-50), id: id(810) };
    const { stores, bridge } = customerSetup({
      'timeline.get': (input): TimelinePage =>
        input.before ? { items: [older], nextBefore: olderCursor } : { items: [emailMsg, chatMsg], nextBefore: cursor },
    });
    await stores.customer.getState().open(CUSTOMER);
    await stores.customer.getState().loadOlder();
    expect(bridge.callsOf('timeline.get')[1]).toEqual({ customerId: CUSTOMER, before: cursor, limit: TIMELINE_PAGE });
    expect(stores.customer.getState().items.map((i) => i.event.id)).toEqual([id(810), id(801), id(800)]);
    await stores.customer.getState().refresh();
    expect(stores.customer.getState().items.map((i) => i.event.id)).toEqual([id(810), id(801), id(800)]);
    expect(stores.customer.getState().nextBefore).toEqual(olderCursor);
  });

  it('a customer that cannot be loaded shows the error; a failing refresh keeps what is shown', async () => {
    let fail = true;
    const { stores } = customerSetup({
      'customer.get': () => {
        if (fail) throw new OmnideskError('NOT_FOUND', 'gone');
        return customerView({ cases, threads });
      },
    });
    await stores.customer.getState().open(CUSTOMER);
    expect(stores.customer.getState()).toMatchObject({ status: 'error', errorCode: 'NOT_FOUND' });
    fail = false;
    await stores.customer.getState().open(CUSTOMER);
    expect(stores.customer.getState().status).toBe('ready');
    fail = true;
    await stores.customer.getState().refresh();
    expect(stores.customer.getState().status).toBe('ready');
    expect(stores.customer.getState().view).not.toBeNull();
  });

  it('switching customers drops the late answer for the previous one', async () => {
    let releaseFirst: (() => void) | null = null;
    const { stores } = customerSetup({
      'customer.get': (input) => {
        const v = customerView({ customer: { ...customerView().customer, id: input.customerId }, cases, threads });
        if (input.customerId === CUSTOMER) return new Promise((r) => (releaseFirst = () => r(v)));
        return v;
      },
    });
    const first = stores.customer.getState().open(CUSTOMER);
    await stores.customer.getState().open(OTHER_CUSTOMER);
    (releaseFirst as (() => void) | null)?.();
    await first;
    expect(stores.customer.getState().view?.customer.id).toBe(OTHER_CUSTOMER);
  });
});

describe('connectStores: bridge events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function signedIn(extra: Handlers = {}) {
    const s = setup(extra);
    const disconnect = connectStores(s.bridge, s.stores);
    await s.stores.session.getState().resume();
    await flush();
    return { ...s, disconnect };
  }

  it('loads the directory and sync status when the session starts', async () => {
    const { stores, bridge } = await signedIn();
    expect(bridge.callsOf('directory.get')).toHaveLength(1);
    expect(stores.directory.getState().agents.map((a) => a.id)).toEqual([ME]);
    expect(stores.sync.getState().status?.state).toBe('online');
  });

  it('sync.status events drive the indicator', async () => {
    const { stores, bridge } = await signedIn();
    bridge.emit('sync.status', syncStatus({ state: 'offline', pending: 3 }));
    expect(stores.sync.getState().status).toMatchObject({ state: 'offline', pending: 3 });
  });

  it('a signed_out sync state makes the session check itself', async () => {
    let current: typeof session | null = session;
    const { stores, bridge } = await signedIn({ 'session.current': () => current });
    current = null;
    bridge.emit('sync.status', syncStatus({ state: 'signed_out' }));
    await flush();
    expect(stores.session.getState()).toMatchObject({ status: 'signed_out', errorCode: 'UNAUTHENTICATED' });
  });

  it('on the queue: a burst of data.changed refetches the queue once, after ~100 ms', async () => {
    const { bridge } = await signedIn();
    const before = bridge.callsOf('queue.list').length;
    bridge.emit('data.changed', { customerIds: [CUSTOMER], caseIds: [CASE_A], all: false });
    bridge.emit('data.changed', { customerIds: [], caseIds: [CASE_B], all: false });
    vi.advanceTimersByTime(50);
    expect(bridge.callsOf('queue.list')).toHaveLength(before);
    vi.advanceTimersByTime(100);
    await flush();
    expect(bridge.callsOf('queue.list')).toHaveLength(before + 1);
    expect(bridge.callsOf('customer.get')).toHaveLength(0);
  });

  it('on a customer: refetches only when the change touches them', async () => {
    const { stores, bridge } = await signedIn();
    stores.nav.getState().go({ name: 'customer', customerId: CUSTOMER, caseId: null });
    await stores.customer.getState().open(CUSTOMER);
    const before = bridge.callsOf('timeline.get').length;

    bridge.emit('data.changed', { customerIds: [OTHER_CUSTOMER], caseIds: [id(4242)], all: false });
    vi.advanceTimersByTime(150);
    await flush();
    expect(bridge.callsOf('timeline.get')).toHaveLength(before);

    bridge.emit('data.changed', { customerIds: [], caseIds: [CASE_A], all: false });
    vi.advanceTimersByTime(150);
    await flush();
    expect(bridge.callsOf('timeline.get')).toHaveLength(before + 1);
    expect(bridge.callsOf('queue.list')).toHaveLength(0);

    bridge.emit('data.changed', { customerIds: [], caseIds: [], all: true });
    vi.advanceTimersByTime(150);
    await flush();
    expect(bridge.callsOf('timeline.get')).toHaveLength(before + 2);
    expect(bridge.callsOf('directory.get')).toHaveLength(2);
  });

  it('signing out clears everything of the agent and returns to the queue', async () => {
    const { stores } = await signedIn();
    stores.nav.getState().go({ name: 'customer', customerId: CUSTOMER, caseId: null });
    await stores.customer.getState().open(CUSTOMER);
    await stores.queue.getState().load();
    await stores.session.getState().logout();
    expect(stores.customer.getState().view).toBeNull();
    expect(stores.queue.getState().rows).toEqual([]);
    expect(stores.directory.getState().agents).toEqual([]);
    expect(stores.sync.getState().status).toBeNull();
    expect(stores.nav.getState().route).toEqual({ name: 'queue' });
  });

  it('ignores data.changed while signed out, and everything after disconnect', async () => {
    const { stores, bridge, disconnect } = await signedIn();
    await stores.session.getState().logout();
    const before = bridge.calls.length;
    bridge.emit('data.changed', { customerIds: [], caseIds: [], all: true });
    vi.advanceTimersByTime(200);
    await flush();
    expect(bridge.calls.length).toBe(before);
    disconnect();
    bridge.emit('sync.status', syncStatus({ state: 'offline' }));
    expect(stores.sync.getState().status).toBeNull();
  });
});

describe('touchesCustomer', () => {
  const batch = (customerIds: string[], caseIds: string[], all = false) => ({
    customerIds: new Set(customerIds),
    caseIds: new Set(caseIds),
    all,
  });
  it.each([
    ['by customer id', batch([CUSTOMER], []), CUSTOMER, [], true],
    ['by one of their cases', batch([], [CASE_A]), CUSTOMER, [CASE_A], true],
    ['someone else', batch([OTHER_CUSTOMER], [CASE_B]), CUSTOMER, [CASE_A], false],
    ['all', batch([], [], true), CUSTOMER, [], true],
    ['nobody shown', batch([], [], true), null, [], false],
  ] as const)('%s', (_n, b, customerId, caseIds, expected) => {
    expect(touchesCustomer(b, customerId, caseIds)).toBe(expected);
  });
});
