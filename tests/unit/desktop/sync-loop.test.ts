import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId, type Event, type SyncState } from '../../../src/shared';
import { SyncLoop, type DataChange } from '../../../src/main/core/kernel/sync/loop';
import { SyncProblem } from '../../../src/main/core/kernel/sync/round';
import { FakeLink, FakeSyncStorage, refusal } from './helpers/fake-sync';
import { customerCreated, makeCustomer } from './helpers/fixtures';
import { captureLogger } from './helpers/util';

/** Lets every answered request and the rounds it continues run to their next wait (the fakes answer at once). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

function setup(init: (storage: FakeSyncStorage, link: FakeLink) => void = () => undefined) {
  const storage = new FakeSyncStorage();
  const link = new FakeLink();
  init(storage, link);
  const log = captureLogger();
  const loop = new SyncLoop({
    storage,
    link,
    log,
    settings: { pullLimit: 100, historyDays: 90, pruneIntervalMs: 3_600_000 },
    // no jitter: the retry delays are exact
    backoff: { initialMs: 1000, maxMs: 8000, randomizationFactor: 0 },
  });
  const states: SyncState[] = [];
  const changes: DataChange[] = [];
  loop.onStatus((s) => states.push(s.state));
  loop.onChange((c) => changes.push(c));
  const connect = () => {
    link.connected = true;
    loop.connected();
  };
  return { storage, link, log, loop, states, changes, connect };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sync loop: after connect, a round pushes first, then pulls', () => {
  const cases: Array<{
    what: string;
    init: (s: FakeSyncStorage, l: FakeLink) => void;
    sent: string[];
    writes: string[];
  }> = [
    { what: 'nothing waiting, a cache that holds its teams', init: (_, l) => (l.head = 4), sent: ['sync:pull'], writes: ['page to 4'] },
    {
      what: 'two local changes waiting: one push with both, then the pull',
      init: (s) => (s.addChange(), s.addChange()),
      sent: ['sync:push', 'sync:pull'],
      writes: ['pushed 2', 'page to 2'],
    },
    {
      what: 'a new cache: the push, then its bootstrap, the scope up to the checkpoint, the log after it',
      init: (s, l) => ((s.scope = null), (l.head = 5), s.addChange()),
      sent: ['sync:push', 'sync:bootstrap', 'sync:pull', 'sync:pull'],
      writes: ['pushed 1', 'bootstrap to 6', 'page to 6', 'bootstrap done', 'page to 6'],
    },
    {
      what: 'a bootstrap in progress goes on up to its checkpoint',
      init: (s, l) => ((s.scope = 'partial'), (s.top = 3), (l.head = 8)),
      sent: ['sync:pull', 'sync:pull'],
      writes: ['page to 3', 'bootstrap done', 'page to 8'],
    },
  ];
  it.each(cases)('$what', async ({ init, sent, writes }) => {
    const { storage, link, loop, states, connect } = setup(init);
    connect();
    await settle();
    expect(link.sent).toEqual(sent);
    expect(storage.writes).toEqual(writes);
    expect(storage.pending()).toEqual([]);
    expect(loop.busy).toBe(false);
    expect(states[0]).toBe('syncing');
    expect(states.at(-1)).toBe('online');
    expect(loop.status()).toMatchObject({ state: 'online', pending: 0, cursor: link.head });
    loop.stop();
  });

  it('the bootstrap pages ask up to the checkpoint, the pull after it does not', async () => {
    const { link, connect, loop } = setup((s, l) => ((s.scope = null), (l.head = 5)));
    connect();
    await settle();
    expect(link.requests.filter((r) => r.event === 'sync:pull').map((r) => r.payload)).toEqual([
      { cursor: 0, limit: 100, until: 5, packed: true },
      { cursor: 5, limit: 100, packed: true },
    ]);
    loop.stop();
  });
});

describe('sync loop: while offline nothing runs until connect', () => {
  const triggers: Array<{ what: string; act: (t: ReturnType<typeof setup>) => void }> = [
    { what: 'a poke beyond the cursor', act: ({ loop }) => loop.poked(10) },
    { what: 'a local change', act: ({ storage, loop }) => (storage.addChange(), loop.nudge()) },
    { what: 'a pull asked for (reference data written here)', act: ({ loop }) => loop.pullNow() },
  ];
  it.each(triggers)('$what', async ({ act }) => {
    const t = setup((_, l) => (l.head = 10));
    act(t);
    await settle();
    expect(t.link.sent).toEqual([]);
    expect(t.loop.busy).toBe(false);
    expect(t.storage.writes).toEqual([]);

    t.connect();
    await settle();
    expect(t.link.sent.at(-1)).toBe('sync:pull');
    expect(t.link.sent.filter((e) => e === 'sync:pull')).toHaveLength(1);
    expect(t.storage.cursor()).toBe(t.link.head);
    t.loop.stop();
  });

  it('a local change made offline shows in the status at once (pending), and is pushed before the pull on connect', async () => {
    const { storage, link, loop, connect } = setup();
    const pending: number[] = [];
    loop.onStatus((s) => pending.push(s.pending));
    storage.addChange();
    loop.nudge();
    expect(pending).toEqual([1]);
    connect();
    await settle();
    expect(link.sent).toEqual(['sync:push', 'sync:pull']);
    expect(pending.at(-1)).toBe(0);
    loop.stop();
  });

  it('opening a customer that is not here fails at once with UNAVAILABLE, and asks nothing', async () => {
    const { link, loop } = setup();
    await expect(loop.ensureCustomer('c-1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(link.sent).toEqual([]);
    loop.stop();
  });
});

describe('sync loop: work arriving during a running round', () => {
  const cases: Array<{ what: string; act: (t: ReturnType<typeof setup>) => void; then: string[] }> = [
    {
      what: 'two local changes: exactly one more push, with both, after the pull',
      act: ({ storage, loop }) => {
        storage.addChange();
        loop.nudge();
        storage.addChange();
        loop.nudge();
      },
      then: ['sync:push'],
    },
    { what: 'a poke beyond the cursor: exactly one more pull', act: ({ loop, link }) => ((link.head = 9), loop.poked(9)), then: ['sync:pull'] },
    { what: 'a poke at the cursor: nothing more', act: ({ loop }) => loop.poked(0), then: [] },
    { what: 'a pull asked for (a team written here, no poke announces it): exactly one more pull', act: ({ loop }) => loop.pullNow(), then: ['sync:pull'] },
    {
      what: 'an opened customer: fetched after the running step, then nothing more',
      act: ({ loop }) => void loop.ensureCustomer('c-1'),
      then: ['sync:fetch'],
    },
  ];
  it.each(cases)('$what', async ({ act, then }) => {
    const t = setup();
    const release = t.link.hold('sync:pull');
    t.connect();
    await settle();
    expect(t.link.sent).toEqual(['sync:pull']);
    expect(t.loop.busy).toBe(true);

    act(t);
    await settle();
    expect(t.link.sent).toEqual(['sync:pull']); // rounds never overlap: nothing new while one runs

    release();
    await settle();
    expect(t.link.sent).toEqual(['sync:pull', ...then]);
    expect(t.loop.busy).toBe(false);
    expect(t.storage.pending()).toEqual([]);
    await settle();
    expect(t.link.sent).toHaveLength(1 + then.length);
    t.loop.stop();
  });

  it('the pushed batch carries the changes made during the round, in clientSeq order', async () => {
    const t = setup();
    const release = t.link.hold('sync:pull');
    t.connect();
    await settle();
    const a = t.storage.addChange();
    t.loop.nudge();
    const b = t.storage.addChange();
    t.loop.nudge();
    release();
    await settle();
    const push = t.link.requests.find((r) => r.event === 'sync:push');
    expect(push?.event === 'sync:push' && push.payload.mutations.map((m) => m.id)).toEqual([a.id, b.id]);
    t.loop.stop();
  });

  it('an opened customer resolves once fetched (true when it arrived) and is kept', async () => {
    const customer = makeCustomer(newId());
    const t = setup();
    t.link.answers['sync:fetch'] = ({ upTo }) => ({ events: [{ ...customerCreated(customer), seq: 1 } as Event], cursor: upTo, hasMore: false });
    t.link.head = 1;
    t.connect();
    await settle();
    const found = t.loop.ensureCustomer(customer.id);
    await settle();
    await expect(found).resolves.toBe(true);
    expect(t.storage.kept.has(customer.id)).toBe(true);
    expect(t.link.requests.find((r) => r.event === 'sync:fetch')?.payload).toEqual({ customerIds: [customer.id], upTo: 1, after: 0, limit: 100, packed: true });
    expect(t.changes).toEqual([{ customerIds: [customer.id], caseIds: [], all: false }]);
    t.loop.stop();
  });
});

describe('sync loop: a failed round', () => {
  it('is retried with backoff (1 s, 2 s, 4 s, no jitter here), push before pull again; success resets the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = setup((_, l) => (l.head = 3));
    let failures = 3;
    const pull = t.link.answers['sync:pull'];
    t.link.answers['sync:pull'] = (p) => {
      if (failures-- > 0) throw new SyncProblem('ACK_TIMEOUT');
      return pull(p);
    };
    t.connect();
    await settle();
    expect(t.link.sent).toEqual(['sync:pull']);
    expect(t.loop.busy).toBe(true); // waiting to retry
    expect(t.log.records.filter((r) => r.level === 'warn')).toEqual([{ level: 'warn', obj: { code: 'ACK_TIMEOUT' }, msg: 'sync round failed; will retry' }]);

    // a change made while the retry waits does not start a round early; the retry pushes it first
    t.storage.addChange();
    t.loop.nudge();
    await settle();
    expect(t.link.sent).toEqual(['sync:pull']);

    for (const [delay, sent] of [
      [1000, ['sync:pull', 'sync:push', 'sync:pull']],
      [2000, ['sync:pull', 'sync:push', 'sync:pull', 'sync:pull']],
      [4000, ['sync:pull', 'sync:push', 'sync:pull', 'sync:pull', 'sync:pull']],
    ] as const) {
      const before = t.link.sent.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      await settle();
      expect(t.link.sent).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(t.link.sent).toEqual(sent);
    }
    expect(t.loop.busy).toBe(false);
    expect(t.loop.status()).toMatchObject({ state: 'online', pending: 0, cursor: t.link.head });

    // the attempts were reset: the next failure waits the initial delay again
    failures = 1;
    t.link.head++;
    t.loop.poked(t.link.head);
    await settle();
    const before = t.link.sent.length;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(t.link.sent.length).toBe(before + 1);
    expect(t.loop.busy).toBe(false);
    t.loop.stop();
  });

  it('fails the customers waiting to be opened, at once', async () => {
    const t = setup();
    t.link.answers['sync:fetch'] = () => {
      throw refusal('UNAVAILABLE');
    };
    t.connect();
    await settle();
    await expect(t.loop.ensureCustomer('c-1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(t.loop.busy).toBe(true);
    t.loop.stop();
  });

  it('keeps the state "syncing" while the retry waits (the indicator does not claim online)', async () => {
    const t = setup();
    t.link.answers['sync:pull'] = () => {
      throw new SyncProblem('CORRUPT_ANSWER');
    };
    t.connect();
    await settle();
    expect(t.loop.status().state).toBe('syncing');
    t.loop.stop();
  });
});

describe('sync loop: stop() ends everything', () => {
  const cases: Array<{ what: string; before: (t: ReturnType<typeof setup>) => Promise<void> | void; after?: (t: ReturnType<typeof setup>) => void }> = [
    {
      what: 'while a request is out: its answer is not applied, nothing follows',
      before: async (t) => {
        const release = t.link.hold('sync:pull');
        t.connect();
        await settle();
        t.storage.addChange();
        t.loop.nudge();
        t.loop.stop();
        release();
      },
    },
    {
      what: 'while a retry waits: the timer never fires a round',
      before: async (t) => {
        t.link.answers['sync:pull'] = () => {
          throw new SyncProblem('ACK_TIMEOUT');
        };
        t.connect();
        await settle();
        expect(vi.getTimerCount()).toBe(1);
        t.loop.stop();
        expect(vi.getTimerCount()).toBe(0); // the retry's timer is gone, not merely ignored
        expect(t.loop.busy).toBe(false);
        await vi.advanceTimersByTimeAsync(60_000);
      },
    },
    {
      what: 'before connecting: a later connect, poke, change or open does nothing',
      before: (t) => t.loop.stop(),
      after: (t) => {
        t.connect();
        t.loop.poked(99);
        t.storage.addChange();
        t.loop.nudge();
        void t.loop.ensureCustomer('c-1').catch(() => undefined);
      },
    },
  ];
  it.each(cases)('$what', async ({ before, after }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = setup((_, l) => (l.head = 5));
    await before(t);
    const sent = t.link.sent.length;
    const writes = [...t.storage.writes];
    const statuses = t.states.length;
    after?.(t);
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(t.link.sent).toHaveLength(sent);
    expect(t.storage.writes).toEqual(writes);
    expect(t.storage.cursor()).toBe(0);
    expect(t.states).toHaveLength(statuses);
    expect(t.changes).toEqual([]);
    expect(t.loop.busy).toBe(false);
  });

  it('fails the customers waiting to be opened', async () => {
    const t = setup();
    const release = t.link.hold('sync:pull');
    t.connect();
    await settle();
    const open = t.loop.ensureCustomer('c-1');
    t.loop.stop();
    await expect(open).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    release();
    await settle();
    expect(t.link.sent).toEqual(['sync:pull']);
  });
});

describe('sync loop: a mutation the server fails on (INTERNAL) — issue 9, finding 6', () => {
  /** A server that fails with INTERNAL on every push that carries `poison`, and applies the rest. */
  function poisoned(t: ReturnType<typeof setup>, poison: string) {
    const push = t.link.answers['sync:push'];
    t.link.answers['sync:push'] = (p) => {
      if (p.mutations.some((m) => m.id === poison)) throw refusal('INTERNAL');
      return push(p);
    };
  }

  it('does not stop pulls: the round still pulls, and retries the push later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = setup((_, l) => (l.head = 7));
    const poison = t.storage.addChange();
    poisoned(t, poison.id);
    t.connect();
    await settle();
    expect(t.link.sent).toEqual(['sync:push', 'sync:pull']);
    expect(t.storage.cursor(), 'pulled although the push failed').toBe(7);
    expect(t.loop.busy, 'the push is retried with backoff').toBe(true);
    expect(t.storage.outboxCounts()).toEqual({ pending: 1, rejected: 0 });
    // new events still arrive while the push keeps failing
    t.link.head = 9;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(t.storage.cursor()).toBe(9);
    t.loop.stop();
  });

  it('is parked as failed (rejected, INTERNAL) after 3 rounds in a row, and the rest of the queue syncs; nothing retries it again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = setup((_, l) => (l.head = 2));
    const poison = t.storage.addChange();
    const after = [t.storage.addChange(), t.storage.addChange()];
    poisoned(t, poison.id);
    t.connect();
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    const pushes = t.link.requests.filter((r) => r.event === 'sync:push').map((r) => (r.payload as { mutations: Array<{ id: string }> }).mutations.map((m) => m.id));
    expect(pushes).toEqual([[poison.id, ...after.map((m) => m.id)], [poison.id], [poison.id], after.map((m) => m.id)]);
    expect(t.storage.outboxCounts()).toEqual({ pending: 0, rejected: 1 });
    expect(t.storage.outbox.find((e) => e.mutation.id === poison.id)).toMatchObject({ status: 'rejected', error: { code: 'INTERNAL' } });
    expect(t.loop.busy).toBe(false);
    const n = t.link.sent.length;
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(t.link.sent.length, 'nothing retried').toBe(n);
    t.loop.stop();
  });

  it('is not parked when the whole server fails (the pull of the same round fails too): those rounds do not count', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = setup((_, l) => (l.head = 2));
    const m = t.storage.addChange();
    let down = true;
    const push = t.link.answers['sync:push'];
    const pull = t.link.answers['sync:pull'];
    t.link.answers['sync:push'] = (p) => {
      if (down) throw refusal('INTERNAL');
      return push(p);
    };
    t.link.answers['sync:pull'] = (p) => {
      if (down) throw refusal('INTERNAL');
      return pull(p);
    };
    t.connect();
    await settle();
    for (const delay of [1000, 2000, 4000, 8000]) {
      await vi.advanceTimersByTimeAsync(delay);
      await settle();
    }
    expect(t.storage.outboxCounts()).toEqual({ pending: 1, rejected: 0 });
    down = false;
    await vi.advanceTimersByTimeAsync(8000);
    await settle();
    expect(t.storage.outboxCounts()).toEqual({ pending: 0, rejected: 0 });
    expect(t.link.requests.some((r) => r.event === 'sync:push' && r.payload.mutations.some((x) => x.id === m.id))).toBe(true);
    t.loop.stop();
  });
});
