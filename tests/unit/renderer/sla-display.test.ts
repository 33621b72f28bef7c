import { describe, expect, it } from 'vitest';
import { caseDisplay, clockDisplay } from '../../../src/renderer/features/sla';
import { filterQueue, EMPTY_FILTERS } from '../../../src/renderer/features/cases/queue-filters';
import { at, queueRow, sla } from './fixtures';

const now = Date.parse(at(20));

describe('clockDisplay: a clock at this moment', () => {
  const base = { dueAt: at(30), warnAt: at(24), leftMs: 10 * 60_000, targetMs: 30 * 60_000, warned: false, breached: false };
  it.each([
    ['running, before the warning', { ...base, state: 'running' }, now, 'running'],
    ['running, past the warning instant: turns amber without a re-read', { ...base, state: 'running' }, Date.parse(at(25)), 'warning'],
    ['running, past the due instant: turns red without a re-read (offline too)', { ...base, state: 'running' }, Date.parse(at(31)), 'breached'],
    ['paused: no countdown', { ...base, state: 'paused', dueAt: null, warnAt: null }, now, 'paused'],
    ['paused after breaching stays breached', { ...base, state: 'paused', dueAt: null, warnAt: null, breached: true, warned: true }, now, 'breached'],
    ['fulfilled in time', { ...base, state: 'fulfilled', dueAt: null, warnAt: null }, now, 'met'],
    ['fulfilled late', { ...base, state: 'fulfilled', dueAt: null, warnAt: null, breached: true }, now, 'missed'],
    ['stopped by resolving, in time', { ...base, state: 'stopped', dueAt: null, warnAt: null }, now, 'stopped'],
    ['not started', { ...base, state: 'inactive', dueAt: null, warnAt: null }, now, 'inactive'],
  ] as const)('%s', (_name, clock, t, want) => {
    expect(clockDisplay(clock, t)).toBe(want);
  });
});

describe('caseDisplay and the queue SLA filter', () => {
  const breached = queueRow({ caseId: '00000000-0000-7000-8000-0000000000b1', sla: sla({ firstResponse: { dueAt: at(10), warnAt: at(8) } }) });
  const warning = queueRow({ caseId: '00000000-0000-7000-8000-0000000000b2', sla: sla({ firstResponse: { dueAt: at(22), warnAt: at(19) } }) });
  const fine = queueRow({ caseId: '00000000-0000-7000-8000-0000000000b3' });
  const paused = queueRow({
    caseId: '00000000-0000-7000-8000-0000000000b4',
    sla: sla({ firstResponse: { state: 'fulfilled', dueAt: null, warnAt: null }, resolution: { state: 'paused', dueAt: null, warnAt: null } }),
  });

  it('the most urgent clock wins: a breached first response over a running resolution', () => {
    expect(caseDisplay(breached.sla, now)).toEqual({ display: 'breached', clock: 'firstResponse', dueAt: at(10) });
    expect(caseDisplay(paused.sla, now).display).toBe('paused');
  });

  it.each([
    ['breached', ['b1']],
    ['at_risk', ['b1', 'b2']],
    ['', ['b1', 'b2', 'b3', 'b4']],
  ] as const)('filter %s', (f, want) => {
    const got = filterQueue([breached, warning, fine, paused], { ...EMPTY_FILTERS, sla: f }, null, now).map((r) => r.caseId.slice(-2));
    expect(got).toEqual(want);
  });
});
