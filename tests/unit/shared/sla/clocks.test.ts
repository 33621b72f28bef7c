import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Calendar, caseClocks, CLOCKS, computeClocks, DEFAULT_POLICY, dueSlaEvents, slaEventId, slaFacts, type ClockName, type SlaFact, type Transition } from '../../../../src/shared/features/sla';
import { instantMs } from '../../../../src/shared/features/sla/facts';
import { BERLIN, CLOCK_CASES } from '../../../support/sla-clock-cases';

const calendar = Calendar.parse(BERLIN);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('computeClocks: the table', () => {
  it.each(CLOCK_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const clocks = computeClocks(c.facts, DEFAULT_POLICY, calendar, Date.parse(c.now));
    for (const [clock, want] of Object.entries(c.expect) as Array<[ClockName, NonNullable<(typeof c.expect)[ClockName]>]>) {
      const got = clocks[clock];
      expect(got.state, `${clock}.state`).toBe(want.state);
      if (want.breached !== undefined) expect(got.breached, `${clock}.breached`).toBe(want.breached);
      if (want.warned !== undefined) expect(got.warned, `${clock}.warned`).toBe(want.warned);
      if (want.dueAt !== undefined) expect(iso(got.dueAt), `${clock}.dueAt`).toBe(want.dueAt === null ? null : new Date(want.dueAt).toISOString());
      if (want.elapsedMin !== undefined) expect(got.elapsedMs / 60_000, `${clock}.elapsed`).toBe(want.elapsedMin);
    }
    const seen = clocks.transitions.map((x) => `${x.clock}:${x.type}@${iso(x.at)}`);
    for (const tr of c.transitions ?? []) {
      const [head, at] = tr.split('@') as [string, string];
      expect(seen).toContain(`${head}@${new Date(at).toISOString()}`);
    }
  });
});

describe('computeClocks: what the history is made of', () => {
  const base = { seq: 1, customerId: 'c', caseId: 'k', threadId: 't', author: { kind: 'agent', id: 'a' }, body: 'x' } as const;
  const kase = { id: 'k', customerId: 'c', teamId: 'team', subject: 's', status: 'open', priority: 'P2', assigneeId: null, openedAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z', firstResponseDueAt: '2026-12-01T08:30:00.000Z', resolutionDueAt: '2026-12-02T08:00:00.000Z', firstRespondedAt: null, resolvedAt: null } as const;
  const events = [
    { ...base, id: 'e1', kind: 'case.opened', channel: 'chat', occurredAt: '2026-12-01T08:00:00.000Z', meta: { case: kase } },
    { ...base, id: 'e2', kind: 'note.added', channel: 'internal', occurredAt: '2026-12-01T08:05:00.000Z', meta: {} },
    { ...base, id: 'e3', kind: 'message.sent', channel: 'internal', occurredAt: '2026-12-01T08:06:00.000Z', meta: { subject: null, deliveryStatus: 'sent' } },
    { ...base, id: 'e4', kind: 'message.sent', channel: 'email', occurredAt: '2026-12-01T08:10:00.000Z', meta: { subject: null, deliveryStatus: 'queued' } },
    { ...base, id: 'e5', kind: 'message.delivery_updated', channel: 'email', occurredAt: '2026-12-01T08:11:00.000Z', meta: { messageId: 'e4', status: 'failed', providerMessageId: null, error: 'bounced' } },
    // the system's own message on the customer's channel (a survey link) answers nobody
    { ...base, id: 'e5b', kind: 'message.sent', channel: 'email', author: { type: 'system', id: null, name: 'Omnidesk survey' }, occurredAt: '2026-12-01T08:20:00.000Z', meta: { subject: null, deliveryStatus: 'queued' } },
    { ...base, id: 'e6', kind: 'message.sent', channel: 'email', occurredAt: '2026-12-01T08:40:00.000Z', meta: { subject: null, deliveryStatus: 'queued' } },
    { ...base, id: 'e7', caseId: 'other', kind: 'message.sent', channel: 'email', occurredAt: '2026-12-01T08:02:00.000Z', meta: { subject: null, deliveryStatus: 'queued' } },
  ] as unknown as Parameters<typeof slaFacts>[1];

  it('notes, internal messages, failed deliveries, the system’s own messages and other cases do not fulfil first response', () => {
    const c = computeClocks(slaFacts('k', events), DEFAULT_POLICY, calendar, Date.parse('2026-12-01T09:00:00Z'));
    expect(c.firstResponse.state).toBe('fulfilled');
    expect(iso(c.firstResponse.endedAt)).toBe('2026-12-01T08:40:00.000Z');
    expect(c.firstResponse.breached).toBe(true);
  });

  it('the next deadline is the earliest future warning or breach of a running clock', () => {
    const c = computeClocks(slaFacts('k', events.slice(0, 1)), DEFAULT_POLICY, calendar, Date.parse('2026-12-01T08:10:00Z'));
    expect(c.nextDeadline).toMatchObject({ clock: 'firstResponse', type: 'warn', cycle: 0 });
    expect(iso(c.nextDeadline!.at)).toBe('2026-12-01T08:24:00.000Z');
  });

  it('every clock has a view, inactive before it starts', () => {
    const c = computeClocks([], DEFAULT_POLICY, calendar, 0);
    for (const clock of CLOCKS) expect(c[clock].state).toBe('inactive');
    expect(c.nextDeadline).toBeNull();
  });

  it('a policy may pause first response too, and warn earlier', () => {
    const policy = { ...DEFAULT_POLICY, warnAtPct: 50, pauses: { ...DEFAULT_POLICY.pauses, firstResponse: ['pending' as const] } };
    const facts = [
      { type: 'opened', at: Date.parse('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' },
      { type: 'status', at: Date.parse('2026-12-01T08:10:00Z'), to: 'pending' },
    ] as const;
    const c = computeClocks(facts as never, policy, calendar, Date.parse('2026-12-01T09:00:00Z'));
    expect(c.firstResponse).toMatchObject({ state: 'paused', elapsedMs: 10 * 60_000, warned: false, dueAt: null });
    expect(c.resolution.state).toBe('running');
  });
});

describe('pause audit: parking a case right after the customer wrote', () => {
  const at = (iso: string) => Date.parse(iso);
  const run = (facts: unknown[]) => computeClocks(facts as never, DEFAULT_POLICY, calendar, at('2026-12-01T12:00:00Z')).suspiciousPauses.map((t) => iso(t));
  it.each([
    [
      'waiting set 2 minutes after a customer message, no reply: flagged',
      [{ type: 'opened', at: at('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' }, { type: 'response', at: at('2026-12-01T08:05:00Z') }, { type: 'customer', at: at('2026-12-01T09:00:00Z') }, { type: 'status', at: at('2026-12-01T09:02:00Z'), to: 'waiting_on_customer' }],
      ['2026-12-01T09:02:00.000Z'],
    ],
    [
      'a reply in between: not flagged',
      [{ type: 'opened', at: at('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' }, { type: 'customer', at: at('2026-12-01T09:00:00Z') }, { type: 'response', at: at('2026-12-01T09:01:00Z') }, { type: 'status', at: at('2026-12-01T09:02:00Z'), to: 'waiting_on_customer' }],
      [],
    ],
    [
      'long after the message: not flagged (the agent may have called)',
      [{ type: 'opened', at: at('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' }, { type: 'customer', at: at('2026-12-01T09:00:00Z') }, { type: 'status', at: at('2026-12-01T09:30:00Z'), to: 'waiting_on_customer' }],
      [],
    ],
    [
      'a status that pauses nothing (pending, by default): not flagged',
      [{ type: 'opened', at: at('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' }, { type: 'customer', at: at('2026-12-01T09:00:00Z') }, { type: 'status', at: at('2026-12-01T09:01:00Z'), to: 'pending' }],
      [],
    ],
  ])('%s', (_name, facts, want) => {
    expect(run(facts)).toEqual(want);
  });
});

describe('dueSlaEvents: what the deadline job records', () => {
  const ref = { caseId: '00000000-0000-7000-8000-0000000000a1', customerId: '00000000-0000-7000-8000-0000000000a2' };
  const opened = { type: 'opened', at: Date.parse('2026-12-01T08:00:00Z'), priority: 'P2', status: 'open' } as const;
  it('a running clock past its warning and target: both, once each, late ones marked', () => {
    const now = Date.parse('2026-12-01T08:31:00Z');
    const clocks = computeClocks([opened], DEFAULT_POLICY, calendar, now);
    const due = dueSlaEvents(ref, clocks, new Set(), now);
    expect(due.map((e) => [e.kind, e.meta])).toEqual([
      ['sla.warned', { clock: 'firstResponse', cycle: 0, dueAt: '2026-12-01T08:24:00.000Z', late: true, lateByMs: 7 * 60_000 }],
      ['sla.breached', { clock: 'firstResponse', cycle: 0, dueAt: '2026-12-01T08:30:00.000Z', late: false, lateByMs: 60_000 }],
    ]);
    expect(dueSlaEvents(ref, clocks, new Set(due.map((e) => e.id)), now)).toEqual([]);
    expect(due[0]!.id).toBe(slaEventId(ref.caseId, 'firstResponse', 0, 'warn'));
  });
  it('a clock that already ended late is not announced afterwards', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const clocks = computeClocks([opened, { type: 'response', at: Date.parse('2026-12-01T09:00:00Z') }], DEFAULT_POLICY, calendar, now);
    expect(clocks.firstResponse.breached).toBe(true);
    expect(dueSlaEvents(ref, clocks, new Set(), now).filter((e) => (e.meta as { clock?: string }).clock === 'firstResponse')).toEqual([]);
  });
});

describe('instantMs: the log\'s instants read without Date.parse', () => {
  const same = (s: string) => expect(instantMs(s), s).toBe(Date.parse(s)); // toBe is Object.is: NaN matches NaN
  it.each([
    '2026-12-01T08:00:00.000Z', '2026-02-28T23:59:59.999Z', '2028-02-29T12:00:00Z', '1999-12-31T23:59:59.001Z', '2026-03-29T01:30:00.000Z',
    '2100-03-01T00:00:00.000Z', '2026-12-01T08:00:00.000+08:00', '2026-13-01T08:00:00.000Z', 'not a date', '2026-12-01T24:00:00.000Z',
    // characters just past '9' and just before '0' where digits belong: not digits, whatever arithmetic says
    '2026-1:-01T08:00:00.000Z', '2026-12-0?T08:00:00.000Z', '2026-12-01T08:0/:00.000Z', '2026-12-01T08:00:00.00;Z', '/026-12-01T08:00:00.000Z',
    '2026-12-01 08:00:00.000Z', '2026-12-01T08:00:00.0000Z', '',
  ])('%s', same); // prettier-ignore

  it('a run of instants across days, months and years (in any order) reads as Date.parse does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('2200-12-31T23:59:59.999Z') }), { minLength: 1, maxLength: 50 }), fc.boolean(), (ms, whole) => {
        for (const t of ms) same(whole ? new Date(t - (t % 1000)).toISOString().replace('.000Z', 'Z') : new Date(t).toISOString());
      }),
    );
  });
});

describe("computeClocks 'open': what the deadline job and a countdown read is the same as 'all'", () => {
  const statuses = ['open', 'pending', 'waiting_on_customer', 'resolved', 'closed'] as const;
  const step = fc.oneof(
    fc.record({ type: fc.constant('customer' as const) }),
    fc.record({ type: fc.constant('response' as const) }),
    fc.record({ type: fc.constant('status' as const), to: fc.constantFrom(...statuses) }),
    fc.record({ type: fc.constant('priority' as const), to: fc.constantFrom('P0', 'P1', 'P2', 'P3' as const) }),
  );
  it('views, next deadline, pause audit, and the warnings and breaches of open cycles', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 600 })), { maxLength: 40 }), fc.integer({ min: 0, max: 3000 }), (steps, after) => {
        let at = Date.parse('2026-12-01T07:30:00Z');
        const facts: SlaFact[] = [{ type: 'opened', at, priority: 'P2', status: 'open' }];
        for (const [s, gap] of steps) facts.push({ ...s, at: (at += gap * 60_000) } as SlaFact);
        const now = at + after * 60_000;
        const all = computeClocks(facts, DEFAULT_POLICY, calendar, now);
        const open = computeClocks(facts, DEFAULT_POLICY, calendar, now, { transitions: 'open' });
        for (const clock of CLOCKS) expect(open[clock]).toEqual(all[clock]);
        expect(open.nextDeadline).toEqual(all.nextDeadline);
        expect(open.suspiciousPauses).toEqual(all.suspiciousPauses);
        const live = new Set(all.cycles.filter((c) => c.endedAt === null).map((c) => `${c.clock}:${c.cycle}`));
        const alarms = (t: readonly Transition[]) => t.filter((x) => (x.type === 'warn' || x.type === 'breach') && live.has(`${x.clock}:${x.cycle}`));
        expect(alarms(open.transitions)).toEqual(alarms(all.transitions));
        expect(open.transitions.every((x) => x.type === 'activate' || x.type === 'warn' || x.type === 'breach')).toBe(true);
      }),
    );
  });
});

describe('caseClocks: the same clocks as computeClocks(slaFacts(…)), without an object per fact', () => {
  const kase = { id: 'k', customerId: 'c', teamId: 'team', subject: 's', status: 'open', priority: 'P2', assigneeId: null, openedAt: '2026-12-01T07:30:00.000Z', updatedAt: '2026-12-01T07:30:00.000Z', firstResponseDueAt: '2026-12-01T08:00:00.000Z', resolutionDueAt: '2026-12-02T08:00:00.000Z', firstRespondedAt: null, resolvedAt: null } as const;
  const author = (type: string) => ({ type, id: null, name: null });
  // every kind the facts read, with the variants that make no fact, other cases, failed and delivered updates
  const event = fc.oneof(
    fc.constantFrom('customer', 'agent', 'system').chain((a) => fc.record({ kind: fc.constant('message.sent'), channel: fc.constantFrom('chat', 'email', 'internal'), author: fc.constant(author(a)), meta: fc.constant({ subject: null, deliveryStatus: 'sent' }) })),
    fc.record({ kind: fc.constant('message.received'), channel: fc.constant('chat'), meta: fc.constant({ subject: null, providerMessageId: null, network: null }) }),
    fc.record({ kind: fc.constant('case.status_changed'), meta: fc.constantFrom('open', 'pending', 'waiting_on_customer', 'resolved', 'closed').map((to) => ({ from: 'open', to })) }),
    fc.record({ kind: fc.constant('case.priority_changed'), meta: fc.constantFrom('P0', 'P1', 'P2', 'P3').map((to) => ({ from: 'P2', to })) }),
    fc.record({ kind: fc.constant('call.started'), meta: fc.constantFrom('in', 'out').map((direction) => ({ direction })) }),
    fc.record({ kind: fc.constant('call.answered'), meta: fc.constantFrom('a', null).map((answeredBy) => ({ answeredBy })) }),
    fc.record({ kind: fc.constant('call.ended'), meta: fc.record({ direction: fc.constantFrom('in', 'out'), outcome: fc.constantFrom('normalClearing', 'noAnswer') }) }),
    fc.record({ kind: fc.constant('note.added'), meta: fc.constant({}) }),
    fc.record({ kind: fc.constant('message.delivery_updated'), meta: fc.record({ back: fc.nat(3), status: fc.constantFrom('failed', 'delivered') }) }),
  );
  const history = fc.record({
    steps: fc.array(fc.tuple(event, fc.integer({ min: -30, max: 400 }), fc.boolean(), fc.integer({ min: 0, max: 99 })), { maxLength: 60, size: 'medium' }),
    after: fc.integer({ min: 0, max: 3000 }),
    openOnly: fc.boolean(),
  });

  it('on any history: in or out of time order, with failed deliveries, other cases and events that make no fact', () => {
    fc.assert(
      fc.property(history, ({ steps, after, openOnly }) => {
        let at = Date.parse('2026-12-01T07:30:00Z');
        const events: Array<Record<string, unknown>> = [{ id: 'e0', caseId: 'k', kind: 'case.opened', channel: 'chat', author: author('system'), occurredAt: new Date(at).toISOString(), meta: { case: kase } }];
        steps.forEach(([e, gap, otherCase, jitter], i) => {
          at += gap * 60_000 + jitter; // a negative gap puts the log out of time order
          const meta = e.kind === 'message.delivery_updated' ? { messageId: `e${Math.max(0, i - (e.meta as { back: number }).back)}`, status: (e.meta as { status: string }).status, providerMessageId: null, error: null } : e.meta;
          events.push({ author: author('agent'), channel: 'internal', ...e, meta, id: `e${i + 1}`, caseId: otherCase && i % 3 === 0 ? 'other' : 'k', occurredAt: new Date(at).toISOString() });
        });
        const log = events as unknown as Parameters<typeof slaFacts>[1];
        const now = at + after * 60_000;
        const options = { transitions: openOnly ? ('open' as const) : ('all' as const) };
        expect(caseClocks('k', log, DEFAULT_POLICY, calendar, now, options)).toEqual(computeClocks(slaFacts('k', log), DEFAULT_POLICY, calendar, now, options));
      }),
      { numRuns: 300 },
    );
  });
});
