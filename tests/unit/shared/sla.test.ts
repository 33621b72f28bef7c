import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_MINUTES, slaDueTimes } from '../../../src/shared/features/sla/due';

describe('SLA due times (DOMAIN.md defaults)', () => {
  const opened = '2026-11-20T08:00:00.000Z';
  it.each([
    ['P0', '2026-11-20T08:15:00.000Z', '2026-11-20T10:00:00.000Z'],
    ['P1', '2026-11-20T08:30:00.000Z', '2026-11-20T12:00:00.000Z'],
    ['P2', '2026-11-20T08:30:00.000Z', '2026-11-21T08:00:00.000Z'],
    ['P3', '2026-11-20T10:00:00.000Z', '2026-11-22T08:00:00.000Z'],
  ] as const)('%s: first response %s, resolution %s', (priority, frt, res) => {
    expect(slaDueTimes(opened, priority)).toEqual({ firstResponseDueAt: frt, resolutionDueAt: res });
  });

  it('urgent first response is at most 15 minutes, normal at most 30', () => {
    expect(DEFAULT_SLA_MINUTES.P0.firstResponse).toBe(15);
    expect(Math.max(DEFAULT_SLA_MINUTES.P1.firstResponse, DEFAULT_SLA_MINUTES.P2.firstResponse)).toBe(30);
  });

  it('takes a configured policy instead of the defaults', () => {
    const policy = { ...DEFAULT_SLA_MINUTES, P2: { firstResponse: 60, resolution: 120 } };
    expect(slaDueTimes(opened, 'P2', policy).firstResponseDueAt).toBe('2026-11-20T09:00:00.000Z');
  });

  it('refuses a time that is not an ISO instant', () => {
    expect(() => slaDueTimes('yesterday', 'P1')).toThrow(RangeError);
  });
});
