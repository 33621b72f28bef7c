import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  compareQueueDefault,
  filterQueue,
  hasActiveFilter,
  matchesAssignee,
  parseFilterValue,
  queueListInput,
  sortQueueDefault,
  activeView,
  viewCounts,
  viewFilters,
  type QueueFilters,
} from '../../../src/renderer/features/cases/queue-filters';
import { firstResponseState } from '../../../src/renderer/features/sla/first-response';
import type { QueueRow } from '../../../src/shared/contracts/bridge';
import { ME, OTHER_AGENT, at, id, queueRow, sla } from './fixtures';

const rows = [
  queueRow({ caseId: id(100), channel: 'email', status: 'open', priority: 'P2', assigneeId: ME }),
  queueRow({ caseId: id(101), channel: 'chat', status: 'pending', priority: 'P0', assigneeId: null }),
  queueRow({ caseId: id(102), channel: 'phone', status: 'open', priority: 'P1', assigneeId: OTHER_AGENT, handoff: 'lead' }),
  queueRow({ caseId: id(103), channel: null, status: 'waiting_on_customer', priority: 'P3', assigneeId: null }),
  queueRow({ caseId: id(104), channel: 'social', status: 'open', priority: 'P0', assigneeId: ME, handoff: 'specialist' }),
];
const ids = (rs: { caseId: string }[]) => rs.map((r) => rows.findIndex((x) => x.caseId === r.caseId));

describe('filterQueue', () => {
  const cases: Array<[string, Partial<QueueFilters>, number[]]> = [
    ['no filter', {}, [0, 1, 2, 3, 4]],
    ['channel email', { channel: 'email' }, [0]],
    ['channel social', { channel: 'social' }, [4]],
    ['status open', { status: 'open' }, [0, 2, 4]],
    ['priority P0', { priority: 'P0' }, [1, 4]],
    ['assignee me', { assignee: 'me' }, [0, 4]],
    ['assignee unassigned', { assignee: 'unassigned' }, [1, 3]],
    ['assignee other agent', { assignee: OTHER_AGENT }, [2]],
    ['P0 and me', { priority: 'P0', assignee: 'me' }, [4]],
    ['open chat', { status: 'open', channel: 'chat' }, []],
    ['handed to the lead', { handoff: 'lead' }, [2]],
    ['handed to specialists', { handoff: 'specialist' }, [4]],
  ];
  it.each(cases)('%s', (_name, f, expected) => {
    expect(ids(filterQueue(rows, { ...EMPTY_FILTERS, ...f }, ME))).toEqual(expected);
  });

  it('"me" matches nothing when nobody is signed in', () => {
    expect(filterQueue(rows, { ...EMPTY_FILTERS, assignee: 'me' }, null)).toEqual([]);
  });
});

describe('matchesAssignee', () => {
  it.each([
    [null, '', true],
    [ME, '', true],
    [ME, 'me', true],
    [OTHER_AGENT, 'me', false],
    [null, 'me', false],
    [null, 'unassigned', true],
    [ME, 'unassigned', false],
    [OTHER_AGENT, OTHER_AGENT, true],
    [ME, OTHER_AGENT, false],
  ] as const)('%s with filter %s → %s', (assignee, filter, expected) => {
    expect(matchesAssignee(assignee, filter, ME)).toBe(expected);
  });
});

describe('parseFilterValue', () => {
  it.each([
    ['channel', 'email', 'email'],
    ['channel', 'internal', ''],
    ['channel', '', ''],
    ['status', 'waiting_on_customer', 'waiting_on_customer'],
    ['status', 'bogus', ''],
    ['priority', 'P1', 'P1'],
    ['priority', 'P9', ''],
    ['assignee', 'me', 'me'],
    ['assignee', 'unassigned', 'unassigned'],
    ['assignee', '', ''],
  ] as const)('%s=%s → %s', (key, raw, expected) => {
    expect(parseFilterValue(key, raw)).toBe(expected);
  });
});

describe('hasActiveFilter / queueListInput', () => {
  it('knows when any filter is set', () => {
    expect(hasActiveFilter(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilter({ ...EMPTY_FILTERS, assignee: 'me' })).toBe(true);
    expect(hasActiveFilter({ ...EMPTY_FILTERS, handoff: 'lead' })).toBe(true);
    expect(parseFilterValue('handoff', 'specialist')).toBe('specialist');
    expect(parseFilterValue('handoff', 'boss')).toBe('');
  });
  it('asks the core for one status only when the status filter is set', () => {
    expect(queueListInput(EMPTY_FILTERS)).toEqual({});
    expect(queueListInput({ status: 'closed', safety: '' })).toEqual({ statuses: ['closed'] });
  });
  it('the safety queue lists every status (a resolved case with an open complaint record stays on it)', () => {
    expect(queueListInput({ status: '', safety: 'queue' })).toEqual({ statuses: ['open', 'pending', 'waiting_on_customer', 'resolved', 'closed'] });
    expect(hasActiveFilter({ ...EMPTY_FILTERS, safety: 'queue' })).toBe(true);
    expect(parseFilterValue('safety', 'queue')).toBe('queue');
    expect(parseFilterValue('safety', 'bogus')).toBe('');
  });
  it('the safety filter keeps cases with a flag to review or a record to complete, not those done or never flagged', () => {
    const withSafety = (n: number, standing: 'review' | 'complaint' | 'done' | null) =>
      queueRow({ caseId: id(200 + n), ...(standing ? { safety: { standing, categories: ['burn_heat' as const], next: null } } : {}) });
    const list = [withSafety(0, 'review'), withSafety(1, 'complaint'), withSafety(2, 'done'), withSafety(3, null)];
    expect(filterQueue(list, { ...EMPTY_FILTERS, safety: 'queue' }, null).map((r) => r.safety?.standing)).toEqual(['review', 'complaint']);
    expect(filterQueue(list, EMPTY_FILTERS, null)).toHaveLength(4);
  });
});

describe('firstResponseState', () => {
  const now = Date.parse(at(20));
  it.each([
    ['responded', { firstRespondedAt: at(5) }, 'responded'],
    ['resolved, never responded', { status: 'resolved' as const }, 'not_running'],
    ['closed', { status: 'closed' as const }, 'not_running'],
    ['due in 10 min', { firstResponseDueAt: at(30) }, 'due_soon'],
    ['due in 11 min', { firstResponseDueAt: at(31) }, 'on_track'],
    ['due exactly now', { firstResponseDueAt: at(20) }, 'overdue'],
    ['due 5 min ago', { firstResponseDueAt: at(15) }, 'overdue'],
    ['responded late is still responded', { firstResponseDueAt: at(15), firstRespondedAt: at(18) }, 'responded'],
  ])('%s', (_n, over, expected) => {
    expect(firstResponseState(queueRow(over), now)).toBe(expected);
  });
});

describe('default order', () => {
  it('most urgent priority first, then earliest first-response due', () => {
    const a = queueRow({ caseId: id(200), priority: 'P2', firstResponseDueAt: at(5) });
    const b = queueRow({ caseId: id(201), priority: 'P0', firstResponseDueAt: at(50) });
    const c = queueRow({ caseId: id(202), priority: 'P0', firstResponseDueAt: at(10) });
    const d = queueRow({ caseId: id(203), priority: 'P3', firstResponseDueAt: at(1) });
    expect(sortQueueDefault([a, b, c, d]).map((r) => r.caseId)).toEqual([c, b, a, d].map((r) => r.caseId));
    expect(compareQueueDefault(a, a)).toBe(0);
  });

  it('the green channel (issue 16): a fast-tracked case goes before everything but P0', () => {
    const p0 = queueRow({ caseId: id(210), priority: 'P0', firstResponseDueAt: at(50) });
    const fast = queueRow({ caseId: id(211), priority: 'P3', firstResponseDueAt: at(90), fastTracked: true });
    const urgent = queueRow({ caseId: id(212), priority: 'P1', firstResponseDueAt: at(1) });
    expect(sortQueueDefault([urgent, fast, p0]).map((r) => r.caseId)).toEqual([p0, fast, urgent].map((r) => r.caseId));
  });

  it('by urgency (issue 15): P0 first, then breached (longest overdue first), at risk, running by time left, then priority', () => {
    const now = Date.parse(at(100));
    const running = (due: number, priority: QueueRow['priority'], n: number) =>
      queueRow({ caseId: id(300 + n), priority, sla: sla({ firstResponse: { state: 'running', dueAt: at(due), warnAt: at(due - 5) } }) });
    const breachedLong = running(20, 'P3', 1);
    const breachedShort = running(90, 'P2', 2);
    const atRisk = running(103, 'P2', 3);
    const soon = running(200, 'P2', 4);
    const later = running(400, 'P1', 5);
    const p0 = running(500, 'P0', 6);
    const sameDueHigher = running(400, 'P2', 7);
    const order = sortQueueDefault([soon, later, breachedShort, atRisk, p0, sameDueHigher, breachedLong], now);
    expect(order.map((r) => r.caseId)).toEqual([p0, breachedLong, breachedShort, atRisk, soon, later, sameDueHigher].map((r) => r.caseId));
  });
});

describe('named views (issue 15)', () => {
  it('each view is a preset of the filters, recognised back; counts come from the cases still to work', () => {
    const now = Date.parse(at(100));
    const late = queueRow({ caseId: id(400), assigneeId: ME, sla: sla({ firstResponse: { state: 'running', dueAt: at(50), warnAt: at(40) } }) });
    const waiting = queueRow({ caseId: id(401), status: 'waiting_on_customer', assigneeId: null, sla: sla({ firstResponse: { state: 'fulfilled' }, resolution: { state: 'paused' } }) });
    const nobody = queueRow({ caseId: id(402), assigneeId: null, sla: sla({ firstResponse: { state: 'running', dueAt: at(300), warnAt: at(290) } }) });
    const other = queueRow({ caseId: id(403), assigneeId: OTHER_AGENT, sla: sla({ firstResponse: { state: 'running', dueAt: at(300), warnAt: at(290) } }) });
    expect(viewCounts([late, waiting, nobody, other], ME, now)).toEqual({ team: 4, mine: 1, unassigned: 2, breaching: 1, waiting: 1 });
    for (const v of ['team', 'mine', 'unassigned', 'breaching', 'waiting'] as const) expect(activeView(viewFilters(v))).toBe(v);
    expect(activeView({ ...viewFilters('mine'), channel: 'email' })).toBeNull();
    expect(queueListInput(viewFilters('waiting'))).toEqual({ statuses: ['waiting_on_customer'] });
  });
});
