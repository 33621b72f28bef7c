/**
 * The SLA clock table: each case is a short history (facts), a moment `now`, and what the clocks must say.
 * Run by the unit tests on the pure function, and by the integration test through the server's and the
 * desktop's loaders (the same histories as real events), so both ends are held to the same answers.
 * Calendar: Berlin, Mon–Fri 09:00–12:00 and 13:00–17:00 local (CET = UTC+1, CEST = UTC+2), 25 Dec a holiday.
 */
import type { SlaFact } from '../../src/shared/features/sla/facts';
import type { ClockName, ClockState } from '../../src/shared/features/sla';

export const BERLIN = {
  id: '00000000-0000-7000-8000-0000000000c1',
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }]]),
  ) as Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ start: string; end: string }>>,
  holidays: ['2026-12-25'],
};

export interface ExpectedClock {
  state: ClockState;
  breached?: boolean;
  warned?: boolean;
  /** ISO instant of the due time (running clocks) */
  dueAt?: string | null;
  /** business minutes counted */
  elapsedMin?: number;
}

export interface ClockCase {
  name: string;
  facts: SlaFact[];
  now: string;
  expect: Partial<Record<ClockName, ExpectedClock>>;
  /** transitions that must be there, as "clock:type@ISO" */
  transitions?: string[];
}

const t = (iso: string) => Date.parse(iso);
const opened = (iso: string, priority: 'P0' | 'P1' | 'P2' | 'P3' = 'P2'): SlaFact => ({ type: 'opened', at: t(iso), priority, status: 'open' });
const reply = (iso: string): SlaFact => ({ type: 'response', at: t(iso) });
const customer = (iso: string): SlaFact => ({ type: 'customer', at: t(iso) });
const status = (iso: string, to: 'open' | 'pending' | 'waiting_on_customer' | 'resolved' | 'closed'): SlaFact => ({ type: 'status', at: t(iso), to });
const priority = (iso: string, to: 'P0' | 'P1' | 'P2' | 'P3'): SlaFact => ({ type: 'priority', at: t(iso), to });

export const CLOCK_CASES: ClockCase[] = [
  {
    name: 'a reply within 20 business minutes fulfils first response; resolution runs on',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:20:00Z')],
    now: '2026-12-01T09:00:00Z',
    expect: { firstResponse: { state: 'fulfilled', breached: false, elapsedMin: 20 }, resolution: { state: 'running', elapsedMin: 60 }, nextResponse: { state: 'inactive' } },
    transitions: ['firstResponse:fulfil@2026-12-01T08:20:00Z'],
  },
  {
    name: 'no reply: warns at 80 % and breaches at the target',
    facts: [opened('2026-12-01T08:00:00Z')],
    now: '2026-12-01T08:40:00Z',
    expect: { firstResponse: { state: 'running', warned: true, breached: true, dueAt: '2026-12-01T08:30:00Z', elapsedMin: 40 } },
    transitions: ['firstResponse:warn@2026-12-01T08:24:00Z', 'firstResponse:breach@2026-12-01T08:30:00Z'],
  },
  {
    name: 'opened ten minutes before closing: due twenty minutes into the next morning',
    facts: [opened('2026-12-01T15:50:00Z')],
    now: '2026-12-01T15:55:00Z',
    expect: { firstResponse: { state: 'running', breached: false, dueAt: '2026-12-02T08:20:00Z', elapsedMin: 5 } },
  },
  {
    name: 'the lunch break does not count',
    facts: [opened('2026-12-01T10:50:00Z')],
    now: '2026-12-01T11:30:00Z',
    expect: { firstResponse: { state: 'running', breached: false, dueAt: '2026-12-01T12:20:00Z', elapsedMin: 10 } },
  },
  {
    name: 'a holiday does not count (Christmas Friday, then the weekend)',
    facts: [opened('2026-12-24T15:50:00Z')],
    now: '2026-12-26T12:00:00Z',
    expect: { firstResponse: { state: 'running', breached: false, dueAt: '2026-12-28T08:20:00Z', elapsedMin: 10 } },
  },
  {
    name: 'P0 runs 24/7, on a Saturday too',
    facts: [opened('2026-12-05T10:00:00Z', 'P0')],
    now: '2026-12-05T10:05:00Z',
    expect: { firstResponse: { state: 'running', dueAt: '2026-12-05T10:15:00Z', elapsedMin: 5 }, resolution: { state: 'running', dueAt: '2026-12-05T12:00:00Z' } },
  },
  {
    name: 'spring forward: the Monday after 29 March 2026 opens at 07:00Z',
    facts: [opened('2026-03-27T15:50:00Z')],
    now: '2026-03-28T12:00:00Z',
    expect: { firstResponse: { state: 'running', dueAt: '2026-03-30T07:20:00Z', elapsedMin: 10 } },
  },
  {
    name: 'fall back: the Monday after 25 October 2026 opens at 08:00Z',
    facts: [opened('2026-10-23T14:50:00Z')],
    now: '2026-10-24T12:00:00Z',
    expect: { firstResponse: { state: 'running', dueAt: '2026-10-26T08:20:00Z', elapsedMin: 10 } },
  },
  {
    name: 'waiting on the customer pauses resolution, not first response',
    facts: [opened('2026-12-01T08:00:00Z'), status('2026-12-01T08:05:00Z', 'waiting_on_customer')],
    now: '2026-12-01T09:00:00Z',
    expect: { firstResponse: { state: 'running', breached: true, elapsedMin: 60 }, resolution: { state: 'paused', elapsedMin: 5, dueAt: null } },
    transitions: ['resolution:pause@2026-12-01T08:05:00Z'],
  },
  {
    name: 'the customer answers: the pause ends and next response starts, though the status still says waiting',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:05:00Z'), status('2026-12-01T08:10:00Z', 'waiting_on_customer'), customer('2026-12-01T10:00:00Z')],
    now: '2026-12-01T10:20:00Z',
    expect: {
      resolution: { state: 'running', elapsedMin: 30 },
      nextResponse: { state: 'running', elapsedMin: 20, dueAt: '2026-12-01T10:30:00Z', warned: false, breached: false },
    },
    transitions: ['resolution:pause@2026-12-01T08:10:00Z', 'resolution:resume@2026-12-01T10:00:00Z', 'nextResponse:activate@2026-12-01T10:00:00Z'],
  },
  {
    name: 'next response is fulfilled by the next reply; a second customer message before it does not restart it',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:05:00Z'), customer('2026-12-01T09:00:00Z'), customer('2026-12-01T09:10:00Z'), reply('2026-12-01T09:25:00Z')],
    now: '2026-12-01T10:00:00Z',
    expect: { nextResponse: { state: 'fulfilled', elapsedMin: 25, breached: false, warned: true } },
  },
  {
    name: 'resolving stops the response clocks: no next-response breach on a resolved case',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:05:00Z'), customer('2026-12-01T08:10:00Z'), status('2026-12-01T08:15:00Z', 'resolved')],
    now: '2026-12-01T12:00:00Z',
    expect: { nextResponse: { state: 'stopped', breached: false, elapsedMin: 5 }, resolution: { state: 'fulfilled', elapsedMin: 15 } },
  },
  {
    name: 'a reopened case resumes its resolution clock (never restarts it)',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:05:00Z'), status('2026-12-01T09:00:00Z', 'resolved'), status('2026-12-02T08:00:00Z', 'open')],
    now: '2026-12-02T09:00:00Z',
    expect: { resolution: { state: 'running', elapsedMin: 120 } },
    transitions: ['resolution:fulfil@2026-12-01T09:00:00Z', 'resolution:resume@2026-12-02T08:00:00Z'],
  },
  {
    name: 'a customer message reopens a resolved case: next response runs from the message',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:05:00Z'), status('2026-12-01T09:00:00Z', 'resolved'), customer('2026-12-02T08:00:00Z'), status('2026-12-02T08:00:00Z', 'open')],
    now: '2026-12-02T08:10:00Z',
    expect: { nextResponse: { state: 'running', elapsedMin: 10, dueAt: '2026-12-02T08:30:00Z' }, resolution: { state: 'running', elapsedMin: 70 } },
  },
  {
    name: 'priority raised mid-case: recomputed from the start with the new target, paused time kept',
    facts: [
      opened('2026-12-01T08:00:00Z', 'P3'),
      reply('2026-12-01T08:10:00Z'),
      status('2026-12-01T09:00:00Z', 'waiting_on_customer'),
      status('2026-12-01T10:00:00Z', 'open'),
      priority('2026-12-01T10:30:00Z', 'P1'),
    ],
    now: '2026-12-01T10:40:00Z',
    expect: { resolution: { state: 'running', dueAt: '2026-12-01T14:00:00Z', elapsedMin: 100 }, firstResponse: { state: 'fulfilled', breached: false } },
  },
  {
    name: 'raised to P0 after hours: the 24/7 calendar applies from the start, so it is already breached',
    facts: [opened('2026-12-04T15:50:00Z'), priority('2026-12-05T10:00:00Z', 'P0')],
    now: '2026-12-05T10:00:00Z',
    expect: { firstResponse: { state: 'running', breached: true } },
    transitions: ['firstResponse:breach@2026-12-04T16:05:00Z'],
  },
  {
    name: 'a clock fulfilled in time keeps the priority it ended under',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T08:20:00Z'), priority('2026-12-01T08:30:00Z', 'P0')],
    now: '2026-12-01T08:40:00Z',
    expect: { firstResponse: { state: 'fulfilled', breached: false } },
  },
  {
    name: 'a late reply fulfils a breached clock, which stays breached',
    facts: [opened('2026-12-01T08:00:00Z'), reply('2026-12-01T09:00:00Z')],
    now: '2026-12-01T10:00:00Z',
    expect: { firstResponse: { state: 'fulfilled', breached: true, warned: true, elapsedMin: 60 } },
    transitions: ['firstResponse:breach@2026-12-01T08:30:00Z', 'firstResponse:fulfil@2026-12-01T09:00:00Z'],
  },
];
