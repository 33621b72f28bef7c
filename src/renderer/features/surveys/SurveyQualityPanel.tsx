import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SurveyDimension, type SurveyReport } from '../../../shared/features/surveys';
import { useBridge } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { KpiChart } from '../../kernel/components/KpiChart';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { CHART_FIGURES, showFigure, trendSeries, type ChartFigure } from './quality-model';

const RANGES = ['7', '30', '90'] as const;
const COLUMNS = ['sent', 'answered', 'responseRate', 'csat', 'nps', 'ces', 'index', 'detractors'] as const;

const lastDays = (days: number, now: number) => {
  const to = new Date(now + 60_000).toISOString();
  return { from: new Date(now - days * 86_400_000).toISOString(), to };
};

/**
 * The customer-perceived quality on the lead console (issue 18): CSAT, NPS, CES and the satisfaction index per team,
 * agent, channel, product or customer segment, with response rates, and the chosen figure's trend per week. Asked
 * again when the server pushes the team's wallboard (an answer came in), so the lead sees NPS move.
 */
export function SurveyQualityPanel({ teamId, pushes }: { teamId: string | null; pushes: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [by, setBy] = useState<SurveyDimension>('team');
  const [range, setRange] = useState<(typeof RANGES)[number]>('30');
  const [figure, setFigure] = useState<ChartFigure>('nps');
  const [report, setReport] = useState<SurveyReport | null>(null);
  const { error, run } = useAction();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  useEffect(() => {
    const q = { ...lastDays(Number(range), Date.now()), period: 'week' as const, by, timeZone, ...(teamId ? { teamId } : {}) };
    void run(async () => setReport(await bridge.call('surveys.report', q)));
  }, [bridge, range, by, timeZone, teamId, pushes, run]);

  const keyName = (k: string | null): string => {
    if (k === null) return t('surveys.quality.none');
    if (by === 'channel') return t(`channel.${k}`, { defaultValue: k });
    if (by === 'product') return t(`customer.deviceKind.${k}`, { defaultValue: k });
    if (by === 'segment') return t(`customer.segmentName.${k}`, { defaultValue: k });
    return report?.names[k] ?? k;
  };
  const totals = report?.rows.filter((r) => r.period === 'all') ?? [];
  const trend = trendSeries(report?.rows ?? [], figure, keyName);

  return (
    <section className="quality survey-quality" data-testid="survey-quality" aria-labelledby="survey-quality-title">
      <h2 id="survey-quality-title">{t('surveys.quality.title')}</h2>
      <div className="toolbar">
        <EnumSelect label={t('surveys.quality.range')} testId="survey-range" variant="filter" value={range} options={RANGES} optionLabel={(d) => t('lead.quality.lastDays', { count: Number(d) })} onChange={(v) => v && setRange(v)} />
        <EnumSelect label={t('surveys.quality.by')} testId="survey-by" variant="filter" value={by} options={SurveyDimension.options} optionLabel={(d) => t(`surveys.quality.byOpt.${d}`)} onChange={(v) => v && setBy(v)} />
        <EnumSelect label={t('surveys.quality.trend')} testId="survey-figure" variant="filter" value={figure} options={CHART_FIGURES} optionLabel={(f) => t(`surveys.quality.${f}`)} onChange={(v) => v && setFigure(v)} />
      </div>
      {error && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {report && (
        <p className="muted small" data-testid="survey-index-version">
          {t('surveys.quality.indexVersion', { version: report.indexVersion })}
        </p>
      )}
      {report && totals.length === 0 && <p data-testid="survey-quality-empty">{t('surveys.quality.empty')}</p>}
      {report && trend.periods.length > 0 && <KpiChart periods={trend.periods} series={trend.series} unit={t(`surveys.quality.${figure}`)} />}
      {report && totals.length > 0 && (
        <table className="data-table" data-testid="survey-quality-table">
          <thead>
            <tr>
              <th scope="col">{t(`surveys.quality.byOpt.${by}`)}</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {t(`surveys.quality.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {totals.map((r) => (
              <tr key={r.key ?? ''} data-testid="survey-quality-row" data-key={r.key ?? ''}>
                <th scope="row">{keyName(r.key)}</th>
                {COLUMNS.map((c) => (
                  <td key={c} data-figure={c}>
                    {c === 'sent' || c === 'answered' || c === 'detractors' ? String(r[c]) : showFigure(r, c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
