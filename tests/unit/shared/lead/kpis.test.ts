import { describe, expect, it } from 'vitest';
import {
  BusinessTime,
  Calendar,
  caseFactsFrom,
  computeKpis,
  foldCaseFacts,
  kpisCsv,
  KpiQuery,
  type CaseFacts,
  type KpiFigure,
  type Event,
} from '../../../../src/shared/index';
import { BERLIN } from '../../../support/sla-clock-cases';

const TEAM = '00000000-0000-7000-8000-00000000aa01';
const ALICE = '00000000-0000-7000-8000-00000000a001';
const BOB = '00000000-0000-7000-8000-00000000a002';
let n = 0;
const id = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;

/** A hand-made history: `h.opened(...)`, then messages and changes at given instants (UTC ISO strings). */
function history(caseId: string, customerId: string, channel: 'email' | 'chat' | 'phone' = 'email') {
  const events: Event[] = [];
  const base = (kind: string, at: string, meta: unknown, extra: Partial<Event> = {}) =>
    ({ id: id(), seq: events.length + 1, customerId, caseId, threadId: null, channel, author: { type: 'system', id: null, name: null }, body: null, occurredAt: at, kind, meta, ...extra }) as unknown as Event;
  const h = {
    events,
    opened(at: string, status: 'open' | 'waiting_on_customer' = 'open') {
      events.push(
        base('case.opened', at, {
          case: { id: caseId, customerId, teamId: TEAM, subject: 's', status, priority: 'P2', assigneeId: null, openedAt: at, updatedAt: at, firstResponseDueAt: at, resolutionDueAt: at, firstRespondedAt: null, resolvedAt: null },
        }),
      );
      return h;
    },
    customer(at: string) {
      events.push(base('message.received', at, { subject: null, providerMessageId: null, network: null }, { author: { type: 'customer', id: customerId, name: null } } as Partial<Event>));
      return h;
    },
    reply(at: string, by = ALICE) {
      events.push(base('message.sent', at, { subject: null, deliveryStatus: 'sent' }, { author: { type: 'agent', id: by, name: null } } as Partial<Event>));
      return h;
    },
    note(at: string) {
      events.push(base('message.sent', at, { subject: null, deliveryStatus: 'sent' }, { channel: 'internal', author: { type: 'agent', id: ALICE, name: null } } as Partial<Event>));
      return h;
    },
    noteBy(at: string, by = ALICE) {
      events.push(base('note.added', at, {}, { channel: 'internal', body: 'wrap-up', author: { type: 'agent', id: by, name: null } } as Partial<Event>));
      return h;
    },
    status(at: string, from: string, to: string) {
      events.push(base('case.status_changed', at, { from, to }, { channel: 'internal' } as Partial<Event>));
      return h;
    },
    assign(at: string, from: string | null, to: string | null) {
      events.push(base('case.assigned', at, { from, to }, { channel: 'internal' } as Partial<Event>));
      return h;
    },
    call(at: string, answeredAt: string, endedAt: string, durationSec: number, by = ALICE) {
      events.push(base('call.started', at, { direction: 'in', from: '+1', to: '+2', callId: 'c' }));
      events.push(base('call.answered', answeredAt, { callId: 'c', answeredBy: by }));
      events.push(base('call.ended', endedAt, { direction: 'in', callId: 'c', durationSec, outcome: 'normalClearing', recordingUrl: null, answeredBy: by }));
      return h;
    },
    breached(at: string, clock: 'firstResponse' | 'resolution') {
      events.push(base('sla.breached', at, { clock, cycle: 0, dueAt: at, late: false, lateByMs: 0 }, { channel: 'internal' } as Partial<Event>));
      return h;
    },
    handoff(at: string, to: 'lead' | 'specialist') {
      events.push(base('case.handed_off', at, { to, summary: {}, ruleId: null }, { channel: 'internal' } as Partial<Event>));
      return h;
    },
    tag(at: string, tag: string) {
      events.push(base('escalation.fired', at, { ruleId: 'r', trigger: 't', detail: null, actions: [{ type: 'add_tag', tag }] }, { channel: 'internal' } as Partial<Event>));
      return h;
    },
    facts(product: string | null = null): CaseFacts {
      return caseFactsFrom(events, product)!;
    },
  };
  return h;
}

const MIN = 60_000;
const query = (from: string, to: string, extra: Partial<KpiQuery> = {}) => KpiQuery.parse({ from, to, ...extra });
const one = (facts: CaseFacts[], q: KpiQuery, options = {}) => {
  const { rows } = computeKpis(facts, q, options);
  return rows;
};

describe('case facts: folded from a history', () => {
  it.each([
    {
      name: 'first response is the first reply on the customer channel; internal messages do not count',
      h: () => history(id(), id()).opened('2026-12-01T08:00:00Z').customer('2026-12-01T08:00:00Z').note('2026-12-01T08:05:00Z').reply('2026-12-01T08:20:00Z'),
      want: { firstResponseAt: Date.parse('2026-12-01T08:20:00Z'), firstResponderId: ALICE, awaitingSince: null },
    },
    {
      name: 'an answered call is the first response; talk time counts as a handled contact',
      h: () => history(id(), id(), 'phone').opened('2026-12-01T08:00:00Z').call('2026-12-01T08:00:00Z', '2026-12-01T08:00:40Z', '2026-12-01T08:05:40Z', 300),
      want: { firstResponseAt: Date.parse('2026-12-01T08:00:40Z'), callSec: 300, calls: 1, channel: 'phone' },
    },
    {
      name: 'wrap-up: hanging up to the answering agent’s note 2 minutes later',
      h: () => history(id(), id(), 'phone').opened('2026-12-01T08:00:00Z').call('2026-12-01T08:00:00Z', '2026-12-01T08:00:40Z', '2026-12-01T08:05:40Z', 300).noteBy('2026-12-01T08:07:40Z'),
      want: { callSec: 300, wrapSec: 120, wrapFrom: null },
    },
    {
      name: 'wrap-up: a colleague’s note is not it; the agent’s note 20 minutes later is other work',
      h: () => history(id(), id(), 'phone').opened('2026-12-01T08:00:00Z').call('2026-12-01T08:00:00Z', '2026-12-01T08:00:40Z', '2026-12-01T08:05:40Z', 300).noteBy('2026-12-01T08:06:00Z', BOB).noteBy('2026-12-01T08:25:40Z'),
      want: { wrapSec: 0, wrapFrom: null },
    },
    {
      name: 'next response: each later reply − the oldest customer message before it',
      h: () =>
        history(id(), id())
          .opened('2026-12-01T08:00:00Z')
          .customer('2026-12-01T08:00:00Z')
          .reply('2026-12-01T08:05:00Z')
          .customer('2026-12-01T09:00:00Z')
          .customer('2026-12-01T09:03:00Z')
          .reply('2026-12-01T09:10:00Z')
          .customer('2026-12-01T10:00:00Z')
          .reply('2026-12-01T10:20:00Z'),
      want: { nextResponses: 2, nextResponseMs: 30 * MIN },
    },
    {
      name: 'reopened: two resolutions, one reopen, the last resolution counts',
      h: () =>
        history(id(), id())
          .opened('2026-12-01T08:00:00Z')
          .status('2026-12-01T09:00:00Z', 'open', 'resolved')
          .status('2026-12-02T09:00:00Z', 'resolved', 'open')
          .status('2026-12-02T10:00:00Z', 'open', 'resolved'),
      want: { resolutions: 2, reopens: 1, resolvedAt: Date.parse('2026-12-02T10:00:00Z'), status: 'resolved' },
    },
    {
      name: 'waiting on the customer is summed and moves the stage',
      h: () =>
        history(id(), id())
          .opened('2026-12-01T08:00:00Z')
          .status('2026-12-01T09:00:00Z', 'open', 'waiting_on_customer')
          .status('2026-12-01T11:00:00Z', 'waiting_on_customer', 'open')
          .status('2026-12-01T12:00:00Z', 'open', 'waiting_on_customer'),
      want: { waitingMs: 120 * MIN, waitingSince: Date.parse('2026-12-01T12:00:00Z'), stage: 'customer', stageSince: Date.parse('2026-12-01T12:00:00Z') },
    },
    {
      name: 'a transfer between agents is counted; the owner is the last one',
      h: () => history(id(), id()).opened('2026-12-01T08:00:00Z').assign('2026-12-01T08:01:00Z', null, ALICE).assign('2026-12-01T09:00:00Z', ALICE, BOB),
      want: { transfers: 1, assigneeId: BOB },
    },
    {
      name: 'handed off to a specialist: stuck on a specialist',
      h: () => history(id(), id()).opened('2026-12-01T08:00:00Z').handoff('2026-12-01T08:30:00Z', 'specialist'),
      want: { stage: 'specialist', stageSince: Date.parse('2026-12-01T08:30:00Z'), handoff: 'specialist' },
    },
    {
      name: 'tagged rma: stuck on parts',
      h: () => history(id(), id()).opened('2026-12-01T08:00:00Z').tag('2026-12-01T08:30:00Z', 'rma'),
      want: { stage: 'parts', tags: ['rma'] },
    },
    {
      name: 'a breach sticks for the report; a reply clears the response clock on the wallboard',
      h: () => history(id(), id()).opened('2026-12-01T08:00:00Z').breached('2026-12-01T08:30:00Z', 'firstResponse').reply('2026-12-01T08:40:00Z'),
      want: { firstResponseBreached: true, sla: { firstResponse: 'ok', nextResponse: 'ok', resolution: 'ok' } },
    },
  ])('$name', ({ h, want }) => {
    expect(h().facts()).toMatchObject(want);
  });

  it('events of another case, and kinds that change no figure, give the same object back', () => {
    const f = history(id(), id()).opened('2026-12-01T08:00:00Z').facts();
    const other = history(id(), id()).opened('2026-12-01T08:00:00Z').customer('2026-12-01T08:01:00Z').events[1]!;
    expect(foldCaseFacts(f, other)).toBe(f);
    const note = history(f.caseId, f.customerId).note('2026-12-01T08:02:00Z').events[0]!;
    expect(foldCaseFacts(f, note)).toBe(f);
  });
});

describe('quality figures from hand-made histories', () => {
  it('FRT runs in the team calendar: opened Friday 16:50 Berlin, answered Monday 09:10 → 20 business minutes', () => {
    const bt = new BusinessTime(Calendar.parse(BERLIN));
    const f = history(id(), id()).opened('2026-12-04T15:50:00Z').customer('2026-12-04T15:50:00Z').reply('2026-12-07T08:10:00Z').facts();
    const rows = one([f], query('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z', { period: 'month' }), { businessMs: (_t: string, a: number, b: number) => bt.between(a, b) });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.frtMs).toBe(20 * MIN);
    // without a calendar: the 2 days 16 h 20 min on the wall clock
    expect(one([f], query('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z', { period: 'month' }))[0]!.frtMs).toBe((2 * 24 * 60 + 16 * 60 + 20) * MIN);
  });

  it('a case spanning midnight: opened on day 1, resolved on day 2; the backlog of day 1 holds it, of day 2 not', () => {
    const f = history(id(), id()).opened('2026-12-01T23:50:00Z').status('2026-12-02T00:20:00Z', 'open', 'resolved').facts();
    const rows = one([f], query('2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z'));
    expect(rows.map((r) => [r.period, r.opened, r.resolved, r.backlog])).toEqual([
      ['2026-12-01', 1, 0, 1],
      ['2026-12-02', 0, 1, 0],
    ]);
    expect(rows[1]!.resolutionMs).toBe(30 * MIN);
  });

  it('the DST change: days in Europe/Berlin, a case over the 25-hour day of 25 October 2026', () => {
    // 24 Oct 23:30 CEST (21:30Z) → 25 Oct 23:30 CET (22:30Z): 25 hours on the wall clock
    const f = history(id(), id()).opened('2026-10-24T21:30:00Z').status('2026-10-25T22:30:00Z', 'open', 'resolved').facts();
    const rows = one([f], query('2026-10-23T22:00:00Z', '2026-10-26T23:00:00Z', { timeZone: 'Europe/Berlin' }));
    expect(rows.map((r) => r.period)).toEqual(['2026-10-24', '2026-10-25']);
    expect(rows[0]).toMatchObject({ opened: 1, resolved: 0, backlog: 1 });
    expect(rows[1]).toMatchObject({ opened: 0, resolved: 1, backlog: 0, resolutionMs: 25 * 60 * MIN });
    // in UTC the same instants fall on other days: opened 24th, resolved 25th at 22:30 still
    const utc = one([f], query('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z'));
    expect(utc.find((r) => r.resolved === 1)!.period).toBe('2026-10-25');
  });

  it('resolution time leaves out the time waiting on the customer', () => {
    const f = history(id(), id())
      .opened('2026-12-01T08:00:00Z')
      .status('2026-12-01T09:00:00Z', 'open', 'waiting_on_customer')
      .status('2026-12-01T12:00:00Z', 'waiting_on_customer', 'open')
      .status('2026-12-01T13:00:00Z', 'open', 'resolved')
      .facts();
    expect(one([f], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'))[0]!.resolutionMs).toBe(2 * 60 * MIN);
  });

  it('FCR and repeat rate: a reopened case, and a customer back on the same product within 7 days (after a merge too)', () => {
    const alone = history(id(), id()).opened('2026-12-01T08:00:00Z').status('2026-12-01T09:00:00Z', 'open', 'resolved').facts('cgm');
    const reopened = history(id(), id())
      .opened('2026-12-01T08:00:00Z')
      .status('2026-12-01T09:00:00Z', 'open', 'resolved')
      .status('2026-12-01T10:00:00Z', 'resolved', 'open')
      .status('2026-12-01T11:00:00Z', 'open', 'resolved')
      .facts('cgm');
    const customer = id();
    const first = history(id(), customer).opened('2026-12-01T08:00:00Z').status('2026-12-01T09:00:00Z', 'open', 'resolved').facts('cgm');
    // the second contact was a separate customer until a lead merged them: the read model then names the same person
    const again = { ...history(id(), id()).opened('2026-12-04T08:00:00Z').facts('cgm'), customerId: customer };
    // another product is another problem
    const otherProblem = { ...history(id(), id()).opened('2026-12-05T08:00:00Z').facts('bp_cuff'), customerId: alone.customerId };
    const rows = one([alone, reopened, first, again, otherProblem], query('2026-12-01T00:00:00Z', '2026-12-07T00:00:00Z', { period: 'week' }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.resolved).toBe(3);
    expect(rows[0]!.fcr).toBeCloseTo(1 / 3); // only `alone`: `reopened` reopened, `first` came back
    // customers served: alone's, reopened's, customer (first + again); the one back on the same product: customer
    expect(rows[0]!.repeatRate).toBeCloseTo(1 / 3);
  });

  it('transfers: FRT belongs to who answered first, the rest to the owner', () => {
    const f = history(id(), id())
      .opened('2026-12-01T08:00:00Z')
      .assign('2026-12-01T08:01:00Z', null, ALICE)
      .customer('2026-12-01T08:00:00Z')
      .reply('2026-12-01T08:10:00Z', ALICE)
      .assign('2026-12-01T09:00:00Z', ALICE, BOB)
      .status('2026-12-01T10:00:00Z', 'open', 'resolved')
      .facts();
    const rows = one([f], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', { by: 'agent' }));
    expect(rows.find((r) => r.key === ALICE)).toMatchObject({ frtMs: 10 * MIN, resolved: 0 });
    expect(rows.find((r) => r.key === BOB)).toMatchObject({ frtMs: null, resolved: 1, resolutionMs: 2 * 60 * MIN });
  });

  it('AHT: talk time and wrap-up of answered calls, and chat sessions, per handled contact', () => {
    // 300 s talk, 50 s wrap-up (hang-up 08:05:10 → the agent's note 08:06:00)
    const call = history(id(), id(), 'phone').opened('2026-12-01T08:00:00Z').call('2026-12-01T08:00:00Z', '2026-12-01T08:00:10Z', '2026-12-01T08:05:10Z', 300).noteBy('2026-12-01T08:06:00Z').status('2026-12-01T08:06:30Z', 'open', 'resolved').facts();
    const chat = history(id(), id(), 'chat').opened('2026-12-01T09:00:00Z').customer('2026-12-01T09:00:00Z').reply('2026-12-01T09:02:00Z').customer('2026-12-01T09:05:00Z').reply('2026-12-01T09:10:00Z').status('2026-12-01T09:11:00Z', 'open', 'resolved').facts();
    const rows = one([call, chat], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'));
    expect(rows[0]!.ahtSec).toBe((300 + 50 + 600) / 2);
  });

  it('SLA attainment: the targets that came due, met ÷ due', () => {
    const late = history(id(), id()).opened('2026-12-01T08:00:00Z').breached('2026-12-01T08:30:00Z', 'firstResponse').reply('2026-12-01T08:45:00Z').status('2026-12-01T10:00:00Z', 'open', 'resolved').facts();
    const fine = history(id(), id()).opened('2026-12-01T08:00:00Z').reply('2026-12-01T08:05:00Z').facts();
    expect(one([late, fine], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'))[0]!.slaAttainment).toBeCloseTo(2 / 3);
  });

  it('drill-down: the cases behind a number', () => {
    const a = history(id(), id()).opened('2026-12-01T08:00:00Z').facts();
    const b = history(id(), id()).opened('2026-12-01T09:00:00Z').status('2026-12-01T10:00:00Z', 'open', 'resolved').facts();
    const q = query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z');
    const behind = (figure: KpiFigure) => computeKpis([a, b], q, { drill: { period: '2026-12-01', key: TEAM, figure } }).caseIds;
    expect(behind('opened').sort()).toEqual([a.caseId, b.caseId].sort());
    expect(behind('resolution')).toEqual([b.caseId]);
    expect(behind('backlog')).toEqual([a.caseId]);
    expect(computeKpis([a, b], q, { drill: { period: '2026-12-01', key: null, figure: 'opened' } }).caseIds).toEqual([]);
  });

  it('another team is left out when the query names one', () => {
    const f = { ...history(id(), id()).opened('2026-12-01T08:00:00Z').facts(), teamId: id() };
    expect(one([f], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', { teamId: TEAM }))).toEqual([]);
  });
});

describe('the CSV export', () => {
  it('quotes commas and quotes, and makes a formula-looking name plain text', () => {
    const f = history(id(), id()).opened('2026-12-01T08:00:00Z').reply('2026-12-01T08:05:00Z').facts();
    const { rows } = computeKpis([f], query('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'));
    const csv = kpisCsv(rows, () => '=HYPERLINK("x"), team');
    const [head, line] = csv.trim().split('\r\n');
    expect(head).toBe('period,key,opened,resolved,frt_s,next_response_s,resolution_s,aht_s,fcr_pct,repeat_pct,sla_pct,backlog');
    expect(line).toBe(`2026-12-01,"'=HYPERLINK(""x""), team",1,0,300,,,,,0.0,100.0,1`);
  });
});
