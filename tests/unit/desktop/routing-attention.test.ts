import { describe, expect, it } from 'vitest';
import { newAttention } from '../../../src/main/core/features/routing';
import { newId, type Event } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents, type NewEvent } from '../../support/temp-store';
import { at, BASE_TIME, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from './helpers/fixtures';

const TEAM = newId();

describe('what the desktop raises for the agent from what it pulled (issue 15)', () => {
  const defer = cleanupAfterEach();
  const me = makeAgent({ role: 'agent', teamIds: [TEAM], username: 'mei' });
  const other = makeAgent({ role: 'agent', teamIds: [TEAM], username: 'alice' });

  function world() {
    const store = openStore(defer);
    const customer = makeCustomer(TEAM);
    const mine = makeCase(customer, { assigneeId: me.id, subject: 'Cuff will not inflate' });
    const theirs = makeCase(customer, { assigneeId: other.id, subject: 'Strap broke' });
    const t1 = makeThread(mine, { channel: 'email' });
    const t2 = makeThread(theirs, { channel: 'chat' });
    pullEvents(store, [customerCreated(customer), caseOpened(mine), caseOpened(theirs), threadOpened(t1), threadOpened(t2), messageReceived(t1, 'first', at(1))]);
    return { store, mine, theirs, t1, t2 };
  }
  const offerEnded = (caseId: string, customerId: string, agentId: string, outcome: string): NewEvent =>
    ({ id: newId(), kind: 'case.offer_ended', customerId, caseId, threadId: null, channel: 'internal', author: { type: 'system', id: null, name: null } as Event['author'], body: null, occurredAt: at(3), meta: { offerId: newId(), agentId, outcome } }) as NewEvent;

  it('the first catch-up is history; after it, a customer writing on MY case is raised once, on a colleague’s case not at all', () => {
    const w = world();
    const now = BASE_TIME + 10 * 60_000;
    expect(newAttention(w.store, me, now)).toEqual({ items: [], ended: [] });
    pullEvents(w.store, [messageReceived(w.t1, 'second', at(4)), messageReceived(w.t2, 'to alice', at(4))]);
    const first = newAttention(w.store, me, now);
    expect(first.items.map((i) => [i.caseId, i.channel, i.subject])).toEqual([[w.mine.id, 'email', 'Cuff will not inflate']]);
    expect(JSON.stringify(first)).not.toContain('second');
    expect(newAttention(w.store, me, now).items).toEqual([]);
  });

  it('my offers that ended elsewhere (taken by hand, withdrawn, expired) are dropped; another agent’s are not mine', () => {
    const w = world();
    const now = BASE_TIME + 10 * 60_000;
    newAttention(w.store, me, now);
    pullEvents(w.store, [offerEnded(w.theirs.id, w.theirs.customerId, me.id, 'withdrawn'), offerEnded(w.theirs.id, w.theirs.customerId, other.id, 'withdrawn'), offerEnded(w.mine.id, w.mine.customerId, me.id, 'accepted')]);
    expect(newAttention(w.store, me, now).ended.map((e) => [e.caseId, e.outcome])).toEqual([[w.theirs.id, 'withdrawn']]);
  });

  it("the lead's answer to MY flag is raised (from the lead, no text); the answer to a colleague's flag is not", () => {
    const w = world();
    const now = BASE_TIME + 10 * 60_000;
    newAttention(w.store, me, now);
    const ev = (kind: string, caseId: string, customerId: string, author: { id: string }, meta: object, id = newId()): NewEvent =>
      ({ id, kind, customerId, caseId, threadId: null, channel: 'internal', author: { type: 'agent', id: author.id, name: null }, body: null, occurredAt: at(3), meta }) as NewEvent;
    const lead = makeAgent({ role: 'lead', teamIds: [TEAM], username: 'lena' });
    const mineAsked = newId();
    const theirsAsked = newId();
    pullEvents(w.store, [
      ev('case.help_requested', w.mine.id, w.mine.customerId, me, { note: 'refund?' }, mineAsked),
      ev('case.help_requested', w.theirs.id, w.theirs.customerId, other, { note: 'help' }, theirsAsked),
      ev('case.help_answered', w.mine.id, w.mine.customerId, lead, { requestId: mineAsked, reply: 'Offer the exchange' }),
      ev('case.help_answered', w.theirs.id, w.theirs.customerId, lead, { requestId: theirsAsked, reply: 'No' }),
    ]);
    const got = newAttention(w.store, me, now).items;
    expect(got.map((i) => [i.caseId, i.from, i.channel])).toEqual([[w.mine.id, 'lead', 'internal']]);
    expect(JSON.stringify(got)).not.toContain('exchange');
  });

  const internal = (kind: string, caseId: string, customerId: string, author: Event['author'], meta: object, body: string | null = null): NewEvent =>
    ({ id: newId(), kind, customerId, caseId, threadId: null, channel: 'internal', author, body, occurredAt: at(3), meta }) as NewEvent;
  const rules = { type: 'system', id: null, name: 'Escalation rules' } as Event['author'];
  const fired = (c: { id: string; customerId: string }, trigger: string) => internal('escalation.fired', c.id, c.customerId, rules, { ruleId: `r-${trigger}`, trigger, detail: null, actions: [] });

  it('a rule escalating MY case is raised (an angry customer, a VIP); SLA, safety and my own compensation draft raise their own alerts; a colleague’s case is not mine', () => {
    const w = world();
    const now = BASE_TIME + 10 * 60_000;
    newAttention(w.store, me, now);
    pullEvents(w.store, [fired(w.mine, 'mood'), fired(w.mine, 'sla'), fired(w.mine, 'safety_flag'), fired(w.mine, 'compensation'), fired(w.theirs, 'vip')]);
    const got = newAttention(w.store, me, now).items;
    expect(got.map((i) => [i.caseId, i.from])).toEqual([[w.mine.id, 'escalation']]);
  });

  it('a colleague’s note that mentions me (@mei) is raised on any case, without its text; my own note, an e-mail address or another name is not', () => {
    const w = world();
    const now = BASE_TIME + 10 * 60_000;
    newAttention(w.store, me, now);
    const by = (a: { id: string }) => ({ type: 'agent', id: a.id, name: null }) as Event['author'];
    pullEvents(w.store, [
      internal('note.added', w.theirs.id, w.theirs.customerId, by(other), {}, '@Mei could you call her back about the strap?'),
      internal('note.added', w.theirs.id, w.theirs.customerId, by(other), {}, 'she wrote to mei@vitalink.example and @meiling'),
      internal('note.added', w.mine.id, w.mine.customerId, by(me), {}, 'reminder for @mei'),
    ]);
    const got = newAttention(w.store, me, now).items;
    expect(got.map((i) => [i.caseId, i.from, i.channel])).toEqual([[w.theirs.id, 'mention', 'internal']]);
    expect(JSON.stringify(got)).not.toContain('strap');
  });
});
