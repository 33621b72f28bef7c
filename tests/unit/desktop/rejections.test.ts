/** Rejected changes (discard / redo), re-sent pages, pending-over-server re-base and search over pulled and local events. */
import { describe, expect, it } from 'vitest';
import { commitLocalChange, redoRejected } from '../../../src/main/core/kernel/mutations';
import { Store, applyPulledPage, applyPushResults, discardRejected } from '../../../src/main/core/kernel/store/index';
import { newId } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents as pull, type NewEvent } from '../../support/temp-store';
import { at, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, priorityChanged, statusChanged, SYSTEM, threadOpened } from './helpers/fixtures';

const defer = cleanupAfterEach();
const open = () => openStore(defer);

function world(store: Store) {
  const teamId = newId();
  const agent = makeAgent({ teamIds: [teamId] });
  const customer = makeCustomer(teamId, { name: 'Jane Doe' });
  const c = makeCase(customer);
  const thread = makeThread(c, { channel: 'email' });
  pull(store, [customerCreated(customer), caseOpened(c), threadOpened(thread)]);
  return { agent, customer, case: c, thread };
}

describe('rejected changes: redo and discard', () => {
  it('discard drops the outbox row and the local event, and leaves the case as the server has it', () => {
    const store = open();
    const w = world(store);
    const e = commitLocalChange(store, w.agent, { name: 'case.setPriority', args: { caseId: w.case.id, priority: 'P3' } });
    expect(store.cases.get(w.case.id)?.priority).toBe('P3');
    applyPushResults(store, store.outbox.pendingBatch(10), [{ id: e.id, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } }]);
    expect(store.cases.get(w.case.id)?.priority).toBe(w.case.priority);
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 1 });

    discardRejected(store, e.id);
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
    expect(store.events.get(e.id)).toBeNull();
    expect(store.cases.get(w.case.id)).toEqual(store.cases.serverCopy(w.case.id));
    expect(() => discardRejected(store, e.id)).toThrow(/no such change/);
  });

  it('a pending change cannot be discarded or redone (only rejected ones)', () => {
    const store = open();
    const w = world(store);
    const e = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'x' } });
    expect(() => discardRejected(store, e.id)).toThrow(/not rejected/);
    expect(() => redoRejected(store, w.agent, e.id)).toThrow(/not rejected/);
    expect(store.outbox.counts().pending).toBe(1);
  });

  it('redo makes a NEW mutation (new id, next clientSeq) and drops the old one, in one transaction', () => {
    const store = open();
    const w = world(store);
    const e = commitLocalChange(store, w.agent, { name: 'case.setPriority', args: { caseId: w.case.id, priority: 'P1' } });
    const old = store.outbox.get(e.id)!.mutation;
    applyPushResults(store, [old], [{ id: e.id, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } }]);
    const again = redoRejected(store, w.agent, e.id);
    expect(again.id).not.toBe(e.id);
    const m = store.outbox.get(again.id)!;
    expect(m.status).toBe('pending');
    expect(m.mutation.clientSeq).toBeGreaterThan(old.clientSeq);
    expect(m.mutation.args).toEqual(old.args);
    expect(store.outbox.get(e.id)).toBeNull();
    expect(store.cases.get(w.case.id)?.priority).toBe('P1');
  });

  it('redo of a change that is still impossible (the case was closed meanwhile) throws and keeps the rejected one', () => {
    const store = open();
    const w = world(store);
    const e = commitLocalChange(store, w.agent, { name: 'reply.send', args: { caseId: w.case.id, threadId: w.thread.id, body: 'hello' } });
    applyPushResults(store, store.outbox.pendingBatch(10), [{ id: e.id, status: 'rejected', error: { code: 'CONFLICT', message: 'case is closed' } }]);
    pull(store, [statusChanged(w.case, 'open', 'closed', SYSTEM, at(50))]);
    expect(() => redoRejected(store, w.agent, e.id)).toThrow(/closed/);
    expect(store.outbox.get(e.id)?.status).toBe('rejected');
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 1 });
  });
});

describe('pulled pages', () => {
  it('a re-sent page applies nothing twice; a pending local change stays on top of newer server values', () => {
    const store = open();
    const w = world(store);
    commitLocalChange(store, w.agent, { name: 'case.setPriority', args: { caseId: w.case.id, priority: 'P3' } });
    const page = [priorityChanged(w.case, 'P2', 'P3', SYSTEM, at(40)), messageReceived(w.thread, 'still drifting', at(41))];
    const applied = pull(store, page);
    expect(store.cases.serverCopy(w.case.id)?.priority).toBe('P3');
    expect(store.cases.get(w.case.id)?.priority, 'the pending change wins locally until the server answers').toBe('P3');
    const server = store.cases.serverCopy(w.case.id);
    applyPulledPage(store, { events: applied, cursor: store.meta.cursor(), hasMore: false });
    expect(store.cases.serverCopy(w.case.id)).toEqual(server);
    expect(store.search.search('drifting', 10)).toHaveLength(1);
  });

  it('finds pulled and local events by search at once (indexed after: store-fts.test.ts), and a delivery report updates its reply', () => {
    const store = open();
    const w = world(store);
    pull(store, [messageReceived(w.thread, 'adhesive patch peeled off', at(20))]);
    const e = commitLocalChange(store, w.agent, { name: 'reply.send', args: { caseId: w.case.id, threadId: w.thread.id, body: 'replacement patch shipped' } });
    expect(store.search.search('peeled', 10)).toHaveLength(1);
    expect(store.search.search('shipped', 10)).toHaveLength(1);
    // the reply comes back from the server, then its delivery report
    const mine = { ...store.events.get(e.id)!.event, occurredAt: at(21) } as NewEvent;
    pull(store, [mine]);
    expect(store.events.get(e.id)?.localState).toBe('synced');
    expect(store.search.search('shipped', 10)).toHaveLength(1);
    pull(store, [
      { id: newId(), kind: 'message.delivery_updated', customerId: w.customer.id, caseId: w.case.id, threadId: w.thread.id, channel: 'email', author: SYSTEM, body: null, occurredAt: at(22), meta: { messageId: e.id, status: 'delivered', providerMessageId: null, error: null } } as NewEvent,
    ]);
    const reply = store.events.get(e.id)!.event;
    expect(reply.kind === 'message.sent' && reply.meta.deliveryStatus).toBe('delivered');
    // a report that would go backwards (an old server's late "sent") leaves the furthest status (issue 10)
    pull(store, [
      { id: newId(), kind: 'message.delivery_updated', customerId: w.customer.id, caseId: w.case.id, threadId: w.thread.id, channel: 'email', author: SYSTEM, body: null, occurredAt: at(23), meta: { messageId: e.id, status: 'sent', providerMessageId: null, error: null } } as NewEvent,
    ]);
    const after = store.events.get(e.id)!.event;
    expect(after.kind === 'message.sent' && after.meta.deliveryStatus).toBe('delivered');
  });
});
