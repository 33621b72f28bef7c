/**
 * Partial replication in the desktop cache: which customers it holds, which it must fetch before applying a
 * page, which leave it when they fall out of the history window — and renumbering a restored outbox.
 */
import { describe, expect, it } from 'vitest';
import { authorOf, newId, type Event, type Mutation } from '../../../src/shared';
import { recordLocalChange, resequenceOutbox, type Store } from '../../../src/main/core/kernel/store/index';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents as pull, type NewEvent } from '../../support/temp-store';
import { caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, statusChanged, threadOpened, SYSTEM } from './helpers/fixtures';

const defer = cleanupAfterEach();
const store = () => openStore(defer);

const NOW = new Date('2026-11-22T12:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const me = makeAgent({ username: 'alice' });
const other = makeAgent({ username: 'mei' });
const TEAM = newId();

/** A customer whose last event is `lastDaysAgo` old, its one case in `status`, assigned to `assignee`. */
function customerWith(s: Store, o: { lastDaysAgo: number; status: 'open' | 'closed'; assignee?: string | null; author?: typeof me }) {
  const customer = makeCustomer(TEAM, { createdAt: daysAgo(o.lastDaysAgo + 3), updatedAt: daysAgo(o.lastDaysAgo + 3) });
  const c = makeCase(customer, { openedAt: daysAgo(o.lastDaysAgo + 2), assigneeId: o.assignee ?? null });
  const thread = makeThread(c, { openedAt: c.openedAt });
  const events: NewEvent[] = [customerCreated(customer), caseOpened(c), threadOpened(thread), messageReceived(thread, 'sensor question', daysAgo(o.lastDaysAgo + 1))];
  if (o.status === 'closed') events.push(statusChanged(c, 'open', 'closed', o.author ? authorOf(o.author) : SYSTEM, daysAgo(o.lastDaysAgo)));
  pull(s, events);
  return { customer, case: c, thread };
}

describe('ReplicaRepo.prune: what leaves the cache (90-day window)', () => {
  const cases: Array<[string, Parameters<typeof customerWith>[1], boolean]> = [
    ['closed, last activity 120 days ago', { lastDaysAgo: 120, status: 'closed' }, true],
    ['closed, last activity 30 days ago (in the window)', { lastDaysAgo: 30, status: 'closed' }, false],
    ['closed, 89 days ago (just inside)', { lastDaysAgo: 89, status: 'closed' }, false],
    ['open case, 400 days ago (a queue item)', { lastDaysAgo: 400, status: 'open' }, false],
    ['closed by this agent 200 days ago (touched)', { lastDaysAgo: 200, status: 'closed', author: me }, false],
    ['closed by another agent 200 days ago', { lastDaysAgo: 200, status: 'closed', author: other }, true],
    ['closed, assigned to this agent, 200 days ago', { lastDaysAgo: 200, status: 'closed', assignee: me.id }, false],
    ['closed, assigned to another agent, 200 days ago', { lastDaysAgo: 200, status: 'closed', assignee: other.id }, true],
  ];
  it.each(cases)('%s → pruned: %s', (_name, shape, pruned) => {
    const s = store();
    const keep = customerWith(s, { lastDaysAgo: 1, status: 'open' });
    const x = customerWith(s, shape);
    const r = s.replica.prune({ agentId: me.id, historyDays: 90, now: NOW });
    expect(r.customers).toBe(pruned ? 1 : 0);
    expect(s.replica.holds(x.customer.id)).toBe(!pruned);
    expect(s.customers.get(x.customer.id) === null).toBe(pruned);
    expect(s.cases.byCustomer(x.customer.id).length).toBe(pruned ? 0 : 1);
    expect(s.replica.holds(keep.customer.id)).toBe(true);
    // search finds nothing of a pruned customer, and the full-text index stays sound
    s.fts.drain();
    expect(() => s.db.prepare("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')").run()).not.toThrow();
  });

  it('a customer opened on demand is kept whatever its age', () => {
    const s = store();
    const x = customerWith(s, { lastDaysAgo: 500, status: 'closed' });
    s.replica.keep(x.customer.id, NOW.toISOString());
    expect(s.replica.prune({ agentId: me.id, historyDays: 90, now: NOW }).customers).toBe(0);
    expect(s.replica.isKept(x.customer.id)).toBe(true);
  });

  it('a customer with a change still waiting to sync is never pruned', () => {
    const s = store();
    const x = customerWith(s, { lastDaysAgo: 500, status: 'closed' });
    recordLocalChange(s, (clientSeq) => {
      const id = newId();
      const mutation: Mutation = { id, clientSeq, occurredAt: daysAgo(0), name: 'note.add', args: { customerId: x.customer.id, caseId: null, threadId: null, body: 'call back' } };
      const event = { id, seq: null, kind: 'note.added', customerId: x.customer.id, caseId: null, threadId: null, channel: 'internal', author: authorOf(other), body: 'call back', occurredAt: daysAgo(500), meta: {} } as Event;
      return { mutation, event };
    });
    expect(s.replica.prune({ agentId: me.id, historyDays: 90, now: NOW }).customers).toBe(0);
  });

  it('a shorter window prunes more; pruning twice removes nothing more', () => {
    const s = store();
    customerWith(s, { lastDaysAgo: 40, status: 'closed' });
    customerWith(s, { lastDaysAgo: 10, status: 'closed' });
    expect(s.replica.prune({ agentId: me.id, historyDays: 30, now: NOW })).toMatchObject({ customers: 1 });
    expect(s.replica.prune({ agentId: me.id, historyDays: 30, now: NOW })).toEqual({ customers: 0, events: 0 });
  });
});

describe('ReplicaRepo.missingFor: customers to fetch before applying a page', () => {
  it('names customers not held, once each, except those created within the page; merges bring their other side', () => {
    const s = store();
    const held = customerWith(s, { lastDaysAgo: 1, status: 'open' });
    const stranger = makeCustomer(TEAM);
    const strangerCase = makeCase(stranger);
    const strangerThread = makeThread(strangerCase);
    const fresh = makeCustomer(TEAM);
    const absentSource = newId();
    const page = [
      messageReceived(held.thread, 'again', daysAgo(0)),
      messageReceived(strangerThread, 'hello', daysAgo(0)),
      messageReceived(strangerThread, 'hello again', daysAgo(0)),
      customerCreated(fresh),
      { id: newId(), kind: 'note.added', customerId: fresh.id, caseId: null, threadId: null, channel: 'internal', author: SYSTEM, body: 'x', occurredAt: daysAgo(0), meta: {} },
      {
        id: newId(), kind: 'customer.merged', customerId: held.customer.id, caseId: null, threadId: null, channel: 'internal', author: SYSTEM, body: null, occurredAt: daysAgo(0),
        meta: { mergeId: newId(), sourceId: absentSource, targetId: held.customer.id, caseIds: [], threadIds: [], eventIds: [], identities: [] },
      },
    ] as Event[];
    expect(s.replica.missingFor(page)).toEqual([stranger.id, absentSource]);
  });
});

describe('resequenceOutbox: a cache restored from a backup', () => {
  it('renumbers every outbox entry after the server\'s last clientSeq, in order, and moves the counter on', () => {
    const s = store();
    const x = customerWith(s, { lastDaysAgo: 1, status: 'open' });
    const made = [1, 2, 3].map((n) =>
      recordLocalChange(s, (clientSeq) => {
        const id = newId();
        const mutation: Mutation = { id, clientSeq, occurredAt: daysAgo(0), name: 'note.add', args: { customerId: x.customer.id, caseId: null, threadId: null, body: `note ${n}` } };
        const event = { id, seq: null, kind: 'note.added', customerId: x.customer.id, caseId: null, threadId: null, channel: 'internal', author: authorOf(me), body: `note ${n}`, occurredAt: daysAgo(0), meta: {} } as Event;
        return { mutation, event };
      }),
    );
    expect(made.map((m) => m.mutation.clientSeq)).toEqual([1, 2, 3]);
    expect(resequenceOutbox(s, 2)).toBe(3);
    const batch = s.outbox.pendingBatch(10);
    expect(batch.map((m) => [m.id, m.clientSeq])).toEqual(made.map((m, i) => [m.mutation.id, 3 + i]));
    const localOrder = s.db.prepare("SELECT client_seq FROM events WHERE local_state = 'pending' ORDER BY client_seq").pluck().all();
    expect(localOrder).toEqual([3, 4, 5]);
    expect(s.meta.takeClientSeq()).toBe(6);
  });
});
