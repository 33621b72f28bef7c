import { INDEX_COMPONENTS, SurveyChannel, TeamSurveySettings, type IndexComponent, type RankingCriterion, type SurveyRankingRow, type SurveyReportRow } from '../../../shared/features/surveys';

/** The figures the survey panel can chart over time. */
export const CHART_FIGURES = ['nps', 'csat', 'ces', 'index', 'responseRate'] as const;
export type ChartFigure = (typeof CHART_FIGURES)[number];

/** A figure as a number to plot and read: shares as %, NPS −100–100, CES 1–7, the index 0–100. */
export function figureOf(r: SurveyReportRow, f: ChartFigure): number | null {
  const v = r[f];
  if (v === null) return null;
  return f === 'csat' || f === 'responseRate' ? v * 100 : v;
}

export function showFigure(r: SurveyReportRow, f: ChartFigure): string {
  const v = figureOf(r, f);
  if (v === null) return '—';
  if (f === 'csat' || f === 'responseRate') return `${v.toFixed(0)} %`;
  if (f === 'ces') return v.toFixed(1);
  return v.toFixed(0);
}

/** The trend: the periods in order and one line per key (at most 8: a chart of more is unreadable). */
export function trendSeries(rows: readonly SurveyReportRow[], f: ChartFigure, label: (key: string | null) => string): { periods: string[]; series: Array<{ label: string; values: Array<number | null> }> } {
  const periodic = rows.filter((r) => r.period !== 'all');
  const periods = [...new Set(periodic.map((r) => r.period))].sort();
  const keys = [...new Set(periodic.map((r) => r.key))].slice(0, 8);
  return {
    periods,
    series: keys.map((k) => ({
      label: label(k),
      values: periods.map((p) => {
        const r = periodic.find((x) => x.period === p && x.key === k);
        return r ? figureOf(r, f) : null;
      }),
    })),
  };
}

/** Why an alternative ranks where it does: the criteria it is near the group's best on, and near its worst on. */
export function whyRanked(row: Pick<SurveyRankingRow, 'position'>): { strong: RankingCriterion[]; weak: RankingCriterion[] } {
  const entries = Object.entries(row.position) as Array<[RankingCriterion, number]>;
  return { strong: entries.filter(([, p]) => p >= 2 / 3).map(([c]) => c), weak: entries.filter(([, p]) => p <= 1 / 3).map(([c]) => c) };
}

/** The admin's weights form: whole percentages per component; saved only when they add up to 100. */
export function weightsFromPercent(pct: Readonly<Record<IndexComponent, number>>): { sum: number; weights: Record<IndexComponent, number> | null } {
  const sum = INDEX_COMPONENTS.reduce((s, c) => s + (Number.isFinite(pct[c]) ? pct[c] : NaN), 0);
  const ok = Number.isFinite(sum) && Math.abs(sum - 100) < 1e-9 && INDEX_COMPONENTS.every((c) => pct[c] >= 0 && pct[c] <= 100);
  return { sum, weights: ok ? (Object.fromEntries(INDEX_COMPONENTS.map((c) => [c, pct[c] / 100])) as Record<IndexComponent, number>) : null };
}

/** The survey settings form: text fields (empty = the default) and the channels ticked. */
export interface SettingsForm {
  delayHours: string;
  acceptDays: string;
  cooldownDays: string;
  channels: SurveyChannel[];
  channelDelayHours: Record<SurveyChannel, string>;
}

export function settingsForm(s: TeamSurveySettings | null): SettingsForm {
  const str = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    delayHours: str(s?.delayHours),
    acceptDays: str(s?.acceptDays),
    cooldownDays: str(s?.cooldownDays),
    channels: [...(s?.channels ?? SurveyChannel.options)],
    channelDelayHours: Object.fromEntries(SurveyChannel.options.map((c) => [c, str(s?.channelDelayHours?.[c])])) as Record<SurveyChannel, string>,
  };
}

/** The team's rules from the form, or null when a field is not a number in range (the shared schema decides). */
export function teamSettingsFrom(f: SettingsForm): TeamSurveySettings | null {
  const n = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const delays = Object.fromEntries(SurveyChannel.options.flatMap((c) => (n(f.channelDelayHours[c]) === undefined ? [] : [[c, n(f.channelDelayHours[c])]])));
  const everyChannel = SurveyChannel.options.every((c) => f.channels.includes(c));
  const candidate = {
    ...(n(f.delayHours) !== undefined ? { delayHours: n(f.delayHours) } : {}),
    ...(n(f.acceptDays) !== undefined ? { acceptDays: n(f.acceptDays) } : {}),
    ...(n(f.cooldownDays) !== undefined ? { cooldownDays: n(f.cooldownDays) } : {}),
    ...(everyChannel ? {} : { channels: SurveyChannel.options.filter((c) => f.channels.includes(c)) }),
    ...(Object.keys(delays).length ? { channelDelayHours: delays } : {}),
  };
  const p = TeamSurveySettings.safeParse(candidate);
  return p.success ? p.data : null;
}
