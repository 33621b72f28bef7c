/**
 * SLA clocks (issue 11):
 *  - sla.clock.events_10k_ms: one case's 10,000-event history → clocks (caseClocks), as the desktop computes a
 *    countdown once it has read the events from its cache (reading 10,000 rows from SQLite, about 30 ms on the
 *    2-core machine, is not in it); median of repeated runs; the calendar's unrolled weeks are kept between runs,
 *    as they are in the app; transitions of the open clocks only, as the desktop and the deadline job ask.
 *  - sla.tick.cases_100k_ms: the server's tick: clock state of 100,000 open cases (each a short history on one
 *    of three team calendars, a fifth P0 on 24/7) from their facts, in one pass.
 */
import { Calendar, caseClocks, computeClocks, DEFAULT_POLICY, type SlaFact } from '../../src/shared/features/sla';
import type { Event } from '../../src/shared/kernel/event';
import { BERLIN } from '../support/sla-clock-cases';
import { record, time } from './lib';

const MIN = 60_000;
const START = Date.parse('2026-06-01T07:00:00Z');

export function history(n: number): Event[] {
  const base = { seq: null, customerId: 'c', caseId: 'k', threadId: 't', body: null } as const;
  const kase = { id: 'k', customerId: 'c', teamId: 'team', subject: 's', status: 'open', priority: 'P2', assigneeId: null, openedAt: new Date(START).toISOString(), updatedAt: new Date(START).toISOString(), firstResponseDueAt: new Date(START).toISOString(), resolutionDueAt: new Date(START).toISOString(), firstRespondedAt: null, resolvedAt: null };
  const out: unknown[] = [{ ...base, id: 'e0', kind: 'case.opened', channel: 'chat', author: { type: 'system', id: null, name: null }, occurredAt: new Date(START).toISOString(), meta: { case: kase } }];
  let t = START;
  for (let i = 1; i < n; i++) {
    t += 7 * MIN;
    const at = new Date(t).toISOString();
    const id = `e${i}`;
    const author = { type: 'agent', id: 'a', name: 'A' };
    switch (i % 6) {
      case 0:
        out.push({ ...base, id, kind: 'message.received', channel: 'chat', author: { type: 'customer', id: 'c', name: 'C' }, occurredAt: at, meta: { subject: null, providerMessageId: null, network: null } });
        break;
      case 1:
      case 3:
        out.push({ ...base, id, kind: 'message.sent', channel: 'chat', author, occurredAt: at, meta: { subject: null, deliveryStatus: 'sent' } });
        break;
      case 2:
        out.push({ ...base, id, kind: 'case.status_changed', channel: 'internal', author, occurredAt: at, meta: { from: 'open', to: 'waiting_on_customer' } });
        break;
      case 4:
        out.push({ ...base, id, kind: 'case.status_changed', channel: 'internal', author, occurredAt: at, meta: { from: 'waiting_on_customer', to: 'open' } });
        break;
      default:
        out.push({ ...base, id, kind: 'note.added', channel: 'internal', author, occurredAt: at, meta: {} });
    }
  }
  return out as Event[];
}

export async function benchSla(): Promise<void> {
  console.log('\nSLA clocks');
  const calendar = Calendar.parse(BERLIN);
  // as the desktop reads them: parsed from the cache's JSON rows
  const events = JSON.parse(JSON.stringify(history(10_000))) as Event[];
  const now = START + 10_000 * 7 * MIN;
  const one = await time(() => caseClocks('k', events, DEFAULT_POLICY, calendar, now, { transitions: 'open' }), 200, 20);
  record({ id: 'sla.clock.events_10k_ms', value: one.median, unit: 'ms', target: '< 1' });

  const calendars = ['Europe/Berlin', 'Asia/Shanghai', 'America/New_York'].map((timeZone, i) => Calendar.parse({ ...BERLIN, id: `00000000-0000-7000-8000-0000000000d${i}`, timeZone }));
  const cases: Array<{ facts: SlaFact[]; calendar: Calendar }> = [];
  const tickAt = START + 30 * 24 * 60 * MIN;
  for (let i = 0; i < 100_000; i++) {
    const opened = tickAt - ((i * 7919) % (14 * 24 * 60)) * MIN;
    const facts: SlaFact[] = [{ type: 'opened', at: opened, priority: i % 5 === 0 ? 'P0' : i % 3 === 0 ? 'P1' : 'P2', status: 'open' }];
    if (i % 2 === 0) facts.push({ type: 'response', at: opened + 12 * MIN });
    if (i % 4 === 0) facts.push({ type: 'customer', at: opened + 50 * MIN });
    if (i % 8 === 0) facts.push({ type: 'status', at: opened + 60 * MIN, to: 'waiting_on_customer' }, { type: 'customer', at: opened + 200 * MIN }, { type: 'status', at: opened + 200 * MIN, to: 'open' });
    cases.push({ facts, calendar: calendars[i % 3]! });
  }
  const tick = await time(
    () => {
      let due = 0;
      for (const c of cases) if (computeClocks(c.facts, DEFAULT_POLICY, c.calendar, tickAt, { transitions: 'open' }).nextDeadline) due++;
      return due;
    },
    5,
    1,
  );
  record({ id: 'sla.tick.cases_100k_ms', value: tick.median, unit: 'ms', target: '< 1000' });
}
