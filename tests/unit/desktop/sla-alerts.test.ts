import { describe, expect, it } from 'vitest';
import { newSlaAlerts } from '../../../src/main/core/features/sla';
import { newId, type Case, type Event } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents, type NewEvent } from '../../support/temp-store';
import { at, BASE_TIME, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, SYSTEM } from './helpers/fixtures';

const TEAM = newId();
const minutes = (m: number) => BASE_TIME + m * 60_000;

function slaEvent(c: Case, kind: 'sla.warned' | 'sla.breached', clock: 'firstResponse' | 'resolution', dueAt: string, recordedAt: string, late = false): NewEvent {
  return {
    id: newId(),
    kind,
    customerId: c.customerId,
    caseId: c.id,
    threadId: null,
    channel: 'internal',
    author: SYSTEM,
    body: null,
    occurredAt: recordedAt,
    meta: { clock, cycle: 0, dueAt, late, lateByMs: late ? 60_000 : 0 },
  } as NewEvent;
}

describe('SLA alerts on the desktop (features/sla alerts)', () => {
  const defer = cleanupAfterEach();

  function world() {
    const store = openStore(defer);
    const lead = makeAgent({ role: 'lead', teamIds: [TEAM], username: 'lead' });
    const colleague = newId();
    const customer = makeCustomer(TEAM);
    const mine = makeCase(customer, { assigneeId: lead.id, subject: 'mine' });
    const theirs = makeCase(customer, { assigneeId: colleague, subject: 'theirs' });
    const nobodys = makeCase(customer, { assigneeId: null, subject: 'nobody' });
    const done = makeCase(customer, { assigneeId: lead.id, status: 'resolved', subject: 'done' });
    pullEvents(store, [customerCreated(customer), ...[mine, theirs, nobodys, done].map(caseOpened)]);
    return { store, lead, mine, theirs, nobodys, done };
  }

  it('raises what the agent is to hear about, once, with the level and why', () => {
    const { store, lead, mine, theirs, nobodys, done } = world();
    pullEvents(store, [
      slaEvent(mine, 'sla.warned', 'firstResponse', at(25), at(25)),
      slaEvent(theirs, 'sla.warned', 'firstResponse', at(25), at(25)), // the colleague acts: the lead is not told
      slaEvent(theirs, 'sla.breached', 'firstResponse', at(31), at(31)), // escalated to the lead
      slaEvent(nobodys, 'sla.breached', 'firstResponse', at(31), at(32), true),
      slaEvent(done, 'sla.breached', 'firstResponse', at(31), at(31)), // resolved since: not raised
    ]);
    const alerts = newSlaAlerts(store, lead, minutes(26));
    expect(alerts.map((a) => [a.subject, a.kind, a.as, a.level, a.late])).toEqual([
      ['mine', 'warned', 'assignee', 'orange', false],
      ['theirs', 'breached', 'lead', 'red', false],
      ['nobody', 'breached', 'lead', 'red', true],
    ]);
    // a warning tells when the clock breaches (P2 first response: 30 min after opening at minute 1)
    expect(alerts[0]!.dueAt).toBe(at(31));
    expect(newSlaAlerts(store, lead, minutes(27))).toEqual([]);
  });

  it('raises what was recorded while offline, but not days of history', () => {
    const { store, lead, mine } = world();
    pullEvents(store, [slaEvent(mine, 'sla.breached', 'resolution', at(0), at(0))]);
    expect(newSlaAlerts(store, lead, minutes(13 * 60))).toEqual([]);
    pullEvents(store, [slaEvent(mine, 'sla.breached', 'firstResponse', at(31), at(13 * 60 - 5))]);
    expect(newSlaAlerts(store, lead, minutes(13 * 60)).map((a) => a.clock)).toEqual(['firstResponse']);
  });

  it('skips a warning whose clock stopped since (a reply went out)', () => {
    const { store, lead, mine } = world();
    const reply: NewEvent = {
      id: newId(),
      kind: 'message.sent',
      customerId: mine.customerId,
      caseId: mine.id,
      threadId: null,
      channel: 'chat',
      author: { type: 'agent', id: lead.id, name: 'Lead' },
      body: 'on it',
      occurredAt: at(26),
      meta: { subject: null, deliveryStatus: 'sent' },
    } as NewEvent;
    pullEvents(store, [slaEvent(mine, 'sla.warned', 'firstResponse', at(25), at(25)), reply]);
    expect(newSlaAlerts(store, lead, minutes(27))).toEqual([]);
  });

  it('an agent hears nothing of a colleague’s breach', () => {
    const { store, theirs } = world();
    const agent = makeAgent({ teamIds: [TEAM] });
    pullEvents(store, [slaEvent(theirs, 'sla.breached', 'firstResponse', at(31), at(31))]);
    expect(newSlaAlerts(store, agent, minutes(32))).toEqual([] as Event[]);
  });
});
