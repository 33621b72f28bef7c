import { describe, expect, it } from 'vitest';
import { newId } from '../../../../src/shared';
import { mergeInfo } from '../../../../src/main/core/features/identity';
import { relayLive } from '../../../../src/main/core/features/conversations/live';
import type { CoreNotification } from '../../../../src/main/core/desktop-core';
import { silentLogger } from '../../../../src/main/core/kernel/logger';
import { cleanupAfterEach } from '../../../support/cleanups';
import { openStore, pullEvents as pull, type NewEvent } from '../../../support/temp-store';
import { caseOpened, customerCreated, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from '../helpers/fixtures';

const defer = cleanupAfterEach();
const open = () => openStore(defer);

describe('desktop cache: merge and un-merge', () => {
  it('re-points the moved rows, marks the source, and restores them exactly on un-merge', () => {
    const store = open();
    const team = newId();
    const source = makeCustomer(team, { name: 'Source Person', phones: ['+14155550123'] });
    const target = makeCustomer(team, { name: 'Target Person', emails: ['t@x.io'], phones: [] });
    const k = makeCase(source);
    const th = makeThread(k);
    const [, , , , msg] = pull(store, [customerCreated(source), customerCreated(target), caseOpened(k), threadOpened(th), messageReceived(th, 'hello', new Date().toISOString())]);
    const suggestion: NewEvent = { id: newId(), customerId: source.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.merge_suggested', author: { type: 'system', id: null, name: null }, body: null, occurredAt: new Date().toISOString(), meta: { candidates: [{ customerId: target.id, reason: 'same_name' }] } } as NewEvent;
    pull(store, [suggestion]);
    expect(mergeInfo(store, target.id).suggestions).toEqual([{ customerId: source.id, name: 'Source Person', reason: 'same_name' }]);

    const mergeId = newId();
    const meta = { mergeId, sourceId: source.id, targetId: target.id, caseIds: [k.id], threadIds: [th.id], eventIds: [], identities: [{ kind: 'phone' as const, value: '+14155550123' }] };
    const base = { customerId: target.id, caseId: null, threadId: null, channel: 'internal' as const, author: { type: 'agent' as const, id: newId(), name: 'Lena' }, body: null, occurredAt: new Date().toISOString() };
    pull(store, [{ ...base, id: mergeId, kind: 'customer.merged', meta } as NewEvent]);
    expect(store.cases.get(k.id)?.customerId).toBe(target.id);
    expect(store.threads.get(th.id)?.customerId).toBe(target.id);
    expect(store.customers.get(source.id)?.mergedInto).toBe(target.id);
    expect(store.customers.get(target.id)?.phones).toEqual(['+14155550123']);
    expect(store.events.timelineDesc({ customerId: target.id, limit: 100 }).map((i) => i.event.id)).toContain(msg!.id);
    const info = mergeInfo(store, target.id);
    expect(info.merges).toEqual([expect.objectContaining({ mergeId, sourceId: source.id, sourceName: 'Source Person', by: 'Lena' })]);
    expect(info.suggestions).toEqual([]); // the source is merged: nothing left to suggest

    pull(store, [{ ...base, id: newId(), kind: 'customer.unmerged', meta } as NewEvent]);
    expect(store.cases.get(k.id)?.customerId).toBe(source.id);
    expect(store.customers.get(source.id)?.mergedInto).toBeUndefined();
    expect(store.customers.get(target.id)?.phones).toEqual([]);
    expect(store.events.timelineDesc({ customerId: source.id, limit: 100 }).map((i) => i.event.id)).toContain(msg!.id);
    expect(mergeInfo(store, target.id).merges).toEqual([]);
  });
});

describe('desktop cache: a dismissed suggestion (issue 10)', () => {
  it('is gone on both customers, whichever side it was dismissed on', () => {
    const store = open();
    const team = newId();
    const a = makeCustomer(team, { name: 'Alex Kim' });
    const b = makeCustomer(team, { name: 'Alex Kim' });
    const c = makeCustomer(team, { name: 'Alex Kim' });
    const sys = { caseId: null, threadId: null, channel: 'internal' as const, author: { type: 'system' as const, id: null, name: null }, body: null, occurredAt: new Date().toISOString() };
    pull(store, [customerCreated(a), customerCreated(b), customerCreated(c)]);
    pull(store, [{ ...sys, id: newId(), customerId: b.id, kind: 'customer.merge_suggested', meta: { candidates: [{ customerId: a.id, reason: 'same_name' }, { customerId: c.id, reason: 'same_name' }] } } as NewEvent]);
    expect(mergeInfo(store, a.id).suggestions.map((s) => s.customerId)).toEqual([b.id]);
    expect(mergeInfo(store, b.id).suggestions.map((s) => s.customerId)).toEqual([a.id, c.id]);
    // dismissed on a (the candidate side): b no longer suggests a, a no longer suggests b; c stays
    pull(store, [{ ...sys, id: newId(), customerId: a.id, kind: 'customer.merge_dismissed', author: { type: 'agent', id: newId(), name: 'Lena' }, meta: { candidateId: b.id } } as NewEvent]);
    expect(mergeInfo(store, a.id).suggestions).toEqual([]);
    expect(mergeInfo(store, b.id).suggestions.map((s) => s.customerId)).toEqual([c.id]);
    expect(mergeInfo(store, c.id).suggestions.map((s) => s.customerId)).toEqual([b.id]);
  });
});

describe('live relay', () => {
  it('turns live:call and live:typing into bridge events and drops malformed ones', () => {
    const out: CoreNotification[] = [];
    const customerId = newId();
    relayLive('live:call', { callId: 'c1', customerId, newCaller: false, from: '+14155550123', direction: 'in' }, (n) => out.push(n), silentLogger);
    relayLive('live:call', { callId: 'c1' }, (n) => out.push(n), silentLogger);
    relayLive('live:typing', { threadId: customerId, customerId, typing: true }, (n) => out.push(n), silentLogger);
    relayLive('live:other', {}, (n) => out.push(n), silentLogger);
    expect(out.map((n) => n.event)).toEqual(['call.incoming', 'chat.typing']);
  });
});
