import { describe, expect, it } from 'vitest';
import { BASELINE_DAYS, figureBand, teamAlerts, type DayValue, type KpiRow } from '../../../../src/shared/index';

const MIN = 60_000;
/** `n` days ending the day before `last`, valued by `f(weekday 1–7, i)`. */
function days(n: number, last: string, f: (weekday: number, i: number) => number): DayValue[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: n }, (_, k) => {
    const t = new Date(end - (n - k) * 86_400_000);
    const wd = ((t.getUTCDay() + 6) % 7) + 1; // luxon's: Monday 1 … Sunday 7
    return { day: t.toISOString().slice(0, 10), value: f(wd, k) };
  });
}
// 2026-12-07 is a Monday, 2026-12-08 a Tuesday
const MONDAY = '2026-12-07';
const TUESDAY = '2026-12-08';

describe('alert bands: fixed before 12 weeks of history, then a weekday-seasonal baseline', () => {
  it.each([
    ['FRT 25 min with ten days of history: yellow (fixed, DOMAIN target 30 min)', 'frt', days(10, MONDAY, () => 10 * MIN), 25 * MIN, { band: 'yellow', method: 'fixed', expected: null }],
    ['FRT 45 min: orange', 'frt', [], 45 * MIN, { band: 'orange', method: 'fixed' }],
    ['FRT 70 min: red', 'frt', [], 70 * MIN, { band: 'red', method: 'fixed' }],
    ['FRT 10 min: fine', 'frt', [], 10 * MIN, null],
    ['FCR 80 % is below the 82 % target: yellow', 'fcr', [], 0.8, { band: 'yellow', method: 'fixed' }],
    ['a backlog has no fixed band', 'backlog', days(20, MONDAY, () => 50), 500, null],
  ] as const)('%s', (_name, figure, history, value, want) => {
    const got = figureBand(figure, history, { day: MONDAY, value });
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject(want);
  });

  // twelve weeks of a backlog that is twice as high on Mondays (a weekend's mail), ±2 day to day
  const weekly = days(BASELINE_DAYS, MONDAY, (wd, i) => (wd === 1 ? 100 : 50) + (i % 2 ? 2 : -2));
  it.each([
    ['a Monday at 104 is a normal Monday', MONDAY, 104, null],
    ['a Tuesday at 104 is far above a Tuesday: red', TUESDAY, 104, { band: 'red', method: 'baseline', expected: 50 }],
    ['a Tuesday at 56: yellow', TUESDAY, 56, { band: 'yellow', method: 'baseline' }],
    ['a Tuesday at 58.5: orange', TUESDAY, 58.5, { band: 'orange', method: 'baseline' }],
    ['a quiet Tuesday is no alert (lower is better for a backlog)', TUESDAY, 20, null],
  ] as const)('%s', (_name, day, value, want) => {
    const history = day === TUESDAY ? [...weekly, { day: MONDAY, value: 100 }] : weekly;
    const got = figureBand('backlog', history, { day, value });
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject(want);
  });

  it('lower is worse for first-contact resolution: a drop from a steady 85 % is red', () => {
    const history = days(BASELINE_DAYS, MONDAY, (_wd, i) => 0.85 + (i % 3) * 0.005);
    expect(figureBand('fcr', history, { day: MONDAY, value: 0.6 })).toMatchObject({ band: 'red', method: 'baseline' });
    expect(figureBand('fcr', history, { day: MONDAY, value: 0.95 })).toBeNull();
  });

  it("a team's alerts for its last day, the worst first", () => {
    const row = (period: string, over: Partial<KpiRow>): KpiRow => ({ period, key: 't', opened: 1, resolved: 1, frtMs: 5 * MIN, nrtMs: null, resolutionMs: null, ahtSec: null, fcr: 0.9, repeatRate: 0, slaAttainment: 1, backlog: 3, ...over });
    const alerts = teamAlerts([row('2026-12-05', {}), row('2026-12-07', { frtMs: 70 * MIN, fcr: 0.8 }), row('2026-12-06', {})]);
    expect(alerts.map((a) => [a.figure, a.band])).toEqual([
      ['frt', 'red'],
      ['fcr', 'yellow'],
    ]);
  });
});
