import { DateTime } from 'luxon';
import { z } from 'zod';
import type { KpiRow } from './kpis';

export const AlertBand = z.enum(['yellow', 'orange', 'red']);
export type AlertBand = z.infer<typeof AlertBand>;

/** The figures that raise alerts, and which way is bad. */
export const AlertFigure = z.enum(['frt', 'resolution', 'fcr', 'repeat', 'sla', 'backlog']);
export type AlertFigure = z.infer<typeof AlertFigure>;

interface FigureSpec {
  /** higher values are worse (a longer response) or lower ones (a lower first-contact resolution) */
  worse: 'higher' | 'lower';
  /** bands before there is history enough for a baseline (DOMAIN.md targets); null: no fixed band */
  fixed: Record<AlertBand, number> | null;
  value(r: KpiRow): number | null;
}

const MIN = 60_000;
/** Fixed bands from DOMAIN.md: normal first response ≤ 30 min; FCR ≥ 82 %; SLA attainment; repeat contacts. */
export const ALERT_FIGURES: Record<AlertFigure, FigureSpec> = {
  frt: { worse: 'higher', fixed: { yellow: 20 * MIN, orange: 30 * MIN, red: 60 * MIN }, value: (r) => r.frtMs },
  resolution: { worse: 'higher', fixed: null, value: (r) => r.resolutionMs },
  fcr: { worse: 'lower', fixed: { yellow: 0.82, orange: 0.75, red: 0.65 }, value: (r) => r.fcr },
  repeat: { worse: 'higher', fixed: { yellow: 0.1, orange: 0.15, red: 0.25 }, value: (r) => r.repeatRate },
  sla: { worse: 'lower', fixed: { yellow: 0.95, orange: 0.9, red: 0.8 }, value: (r) => r.slaAttainment },
  backlog: { worse: 'higher', fixed: null, value: (r) => r.backlog },
};

/** Days of history a baseline needs (12 weeks); before that the fixed bands apply. */
export const BASELINE_DAYS = 84;
/** How far (in residual standard deviations) a day must be from its expected value for each band. */
export const SIGMA_BANDS: Record<AlertBand, number> = { yellow: 2, orange: 3, red: 4 };

export const FigureAlert = z.object({
  figure: AlertFigure,
  band: AlertBand,
  value: z.number(),
  /** what the baseline expected for this weekday (null: judged by the fixed bands) */
  expected: z.number().nullable(),
  method: z.enum(['baseline', 'fixed']),
});
export type FigureAlert = z.infer<typeof FigureAlert>;

export interface DayValue {
  /** the local day, yyyy-mm-dd */
  day: string;
  value: number;
}

const weekday = (day: string) => DateTime.fromISO(day, { zone: 'UTC' }).weekday;

/**
 * The band of one day's value (DOMAIN.md: yellow / orange / red against a 12-week moving average with a seasonal
 * factor). With 12 weeks of history: expected = the 12-week mean × the weekday's factor (that weekday's mean ÷ the
 * mean), and the band by how many standard deviations of the residuals (floored at 5 % of the expected value) the day
 * is on the bad side. With less: the figure's fixed bands, or none.
 */
export function figureBand(figure: AlertFigure, history: readonly DayValue[], today: DayValue): Omit<FigureAlert, 'figure'> | null {
  const spec = ALERT_FIGURES[figure];
  const past = history.filter((h) => h.day < today.day).slice(-BASELINE_DAYS);
  const bad = (value: number, limit: number) => (spec.worse === 'higher' ? value >= limit : value <= limit);
  if (past.length >= BASELINE_DAYS) {
    const mean = past.reduce((s, h) => s + h.value, 0) / past.length;
    // each weekday's mean over the 12 weeks: its seasonal factor is that ÷ the overall mean
    const byWeekday = new Map<number, { sum: number; n: number }>();
    for (const h of past) {
      const w = byWeekday.get(weekday(h.day)) ?? { sum: 0, n: 0 };
      w.sum += h.value;
      w.n += 1;
      byWeekday.set(weekday(h.day), w);
    }
    const fitted = (day: string) => {
      const w = byWeekday.get(weekday(day));
      return w ? w.sum / w.n : mean;
    };
    const residuals = past.map((h) => h.value - fitted(h.day));
    const sd = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    const expected = fitted(today.day);
    const sigma = Math.max(sd, Math.abs(expected) * 0.05, 1e-9);
    const z = (spec.worse === 'higher' ? today.value - expected : expected - today.value) / sigma;
    const band = z >= SIGMA_BANDS.red ? 'red' : z >= SIGMA_BANDS.orange ? 'orange' : z >= SIGMA_BANDS.yellow ? 'yellow' : null;
    return band ? { band, value: today.value, expected, method: 'baseline' } : null;
  }
  if (!spec.fixed) return null;
  const f = spec.fixed;
  const band = bad(today.value, f.red) ? 'red' : bad(today.value, f.orange) ? 'orange' : bad(today.value, f.yellow) ? 'yellow' : null;
  return band ? { band, value: today.value, expected: null, method: 'fixed' } : null;
}

/**
 * The alerts of a team's day from its daily report rows (one row per day, `by: 'team'`): each figure of the last day
 * against the days before it. The worst first.
 */
export function teamAlerts(rows: readonly KpiRow[]): FigureAlert[] {
  const days = [...rows].sort((a, b) => a.period.localeCompare(b.period));
  const last = days.at(-1);
  if (!last) return [];
  const out: FigureAlert[] = [];
  for (const figure of AlertFigure.options) {
    const spec = ALERT_FIGURES[figure];
    const today = spec.value(last);
    if (today === null) continue;
    const history = days.slice(0, -1).flatMap((r) => {
      const v = spec.value(r);
      return v === null ? [] : [{ day: r.period, value: v }];
    });
    const a = figureBand(figure, history, { day: last.period, value: today });
    if (a) out.push({ figure, ...a });
  }
  const rank: Record<AlertBand, number> = { red: 0, orange: 1, yellow: 2 };
  return out.sort((a, b) => rank[a.band] - rank[b.band]);
}

/**
 * The window the alerts read, in a time zone: the 12 weeks before today and today (so far), as report instants; null
 * for a zone luxon does not know.
 */
export function alertWindow(nowMs: number, zone: string): { from: string; to: string } | null {
  const to = DateTime.fromMillis(nowMs, { zone }).startOf('day').plus({ days: 1 });
  if (!to.isValid) return null;
  return { from: to.minus({ days: BASELINE_DAYS + 1 }).toUTC().toISO()!, to: to.toUTC().toISO()! };
}
