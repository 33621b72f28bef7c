/**
 * One SLA clock table, three runs: the pure function (unit), the server's clocks from its log, and the desktop's
 * clocks from its cache (issue 11: "the same table run against the desktop and the server"). Each history of
 * tests/support/sla-clock-cases.ts becomes real events, appended on the server and pulled into a desktop cache,
 * with the Berlin calendar and a policy on it as reference data on both.
 */
import { beforeAll, expect, it } from 'vitest';
import { cachedCaseSla } from '../../../src/main/core/features/sla';
import { installServerFeatures } from '../../../src/server/features';
import { insertTeams } from '../../../src/server/features/directory';
import { clocksOfCases, loadSlaConfig } from '../../../src/server/features/sla';
import { withEventLog } from '../../../src/server/kernel/events';
import { putReference } from '../../../src/server/kernel/reference';
import { DEMO_TEAMS } from '../../../src/server/seed';
import {
  Calendar,
  caseSla,
  DEFAULT_POLICY,
  SLA_CALENDAR,
  SLA_POLICY,
  type Case,
  type CaseStatus,
  type Customer,
  type Event,
  type Priority,
  type SlaFact,
} from '../../../src/shared';
import { newId } from '../../../src/shared/kernel/ids';
import { cleanupAfterEach } from '../../support/cleanups';
import { BERLIN, CLOCK_CASES } from '../../support/sla-clock-cases';
import { openStore, pullEvents, type NewEvent } from '../../support/temp-store';
import { forEachDatabase } from '../helpers/databases';

const TEAM = DEMO_TEAMS.cardio;
const calendar = Calendar.parse(BERLIN);
const policy = { ...DEFAULT_POLICY, id: '00000000-0000-7000-8000-0000000005a1', name: 'Cardio', teamId: TEAM.id, calendarId: calendar.id };
const system = { type: 'system' as const, id: null, name: null };

/** A clock case's facts as the events a real case would have. */
function eventsOf(facts: readonly SlaFact[]): { caseId: string; events: Event[] } {
  const customerId = newId();
  const caseId = newId();
  let status: CaseStatus = 'open';
  let priority: Priority = 'P2';
  const events: Event[] = [];
  const base = (at: number) => ({ id: newId(), seq: null, customerId, caseId, threadId: null, body: null, occurredAt: new Date(at).toISOString() });
  for (const f of facts) {
    switch (f.type) {
      case 'opened': {
        [status, priority] = [f.status, f.priority];
        const at = new Date(f.at).toISOString();
        const customer: Customer = { id: customerId, teamId: TEAM.id, name: 'Parity', emails: [], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at };
        const kase: Case = { id: caseId, customerId, teamId: TEAM.id, subject: 'clock', status, priority, assigneeId: null, openedAt: at, updatedAt: at, firstResponseDueAt: at, resolutionDueAt: at, firstRespondedAt: null, resolvedAt: null };
        events.push({ ...base(f.at), caseId: null, channel: 'internal', kind: 'customer.created', author: system, meta: { customer } });
        events.push({ ...base(f.at), channel: 'chat', kind: 'case.opened', author: system, meta: { case: kase } });
        break;
      }
      case 'customer':
        events.push({ ...base(f.at), channel: 'chat', kind: 'message.received', author: { type: 'customer', id: customerId, name: 'Parity' }, body: 'hello', meta: { subject: null, providerMessageId: null, network: null } });
        break;
      case 'response':
        events.push({ ...base(f.at), channel: 'chat', kind: 'message.sent', author: { type: 'agent', id: newId(), name: 'A' }, body: 'hi', meta: { subject: null, deliveryStatus: 'sent' } });
        break;
      case 'status':
        events.push({ ...base(f.at), channel: 'internal', kind: 'case.status_changed', author: system, meta: { from: status, to: f.to } });
        status = f.to;
        break;
      case 'priority':
        events.push({ ...base(f.at), channel: 'internal', kind: 'case.priority_changed', author: system, meta: { from: priority, to: f.to } });
        priority = f.to;
        break;
    }
  }
  return { caseId, events };
}

forEachDatabase('SLA clocks: the same table on the server and the desktop', (ctx) => {
  const defer = cleanupAfterEach();
  beforeAll(async () => {
    installServerFeatures();
    await insertTeams(ctx.db, [TEAM]);
    await ctx.db.transaction(async (tx) => {
      await putReference(tx, SLA_CALENDAR, [{ id: calendar.id, teamIds: [], data: calendar }]);
      await putReference(tx, SLA_POLICY, [{ id: policy.id, teamIds: [TEAM.id], data: policy }]);
    });
  });

  it.each(CLOCK_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { caseId, events } = eventsOf(c.facts);
    await withEventLog(ctx.db, null, (log) => log.append(events));
    const now = Date.parse(c.now);
    const [server] = await clocksOfCases(ctx.db, await loadSlaConfig(ctx.db), [caseId], now);

    const store = openStore(defer);
    store.reference.apply({
      items: [
        { kind: SLA_CALENDAR.kind, id: calendar.id, version: 1, teamIds: [], data: calendar, deleted: false },
        { kind: SLA_POLICY.kind, id: policy.id, version: 2, teamIds: [TEAM.id], data: policy, deleted: false },
      ],
      next: 2,
    });
    pullEvents(store, events as NewEvent[]);
    const desktop = cachedCaseSla(store, [caseId], now).get(caseId);

    expect(server, 'server').toBeDefined();
    expect(desktop, 'desktop').toBeDefined();
    // both ends agree exactly, and agree with the table
    expect(desktop).toEqual(caseSla(server!.clocks));
    for (const [clock, want] of Object.entries(c.expect)) {
      const got = desktop![clock as 'firstResponse'];
      expect(got.state, `${clock}.state`).toBe(want.state);
      if (want.breached !== undefined) expect(got.breached, `${clock}.breached`).toBe(want.breached);
      if (want.dueAt !== undefined) expect(got.dueAt, `${clock}.dueAt`).toBe(want.dueAt === null ? null : new Date(want.dueAt).toISOString());
      if (want.elapsedMin !== undefined) expect((got.targetMs - got.leftMs) / 60_000, `${clock}.elapsed`).toBe(want.elapsedMin);
    }
  });
});
