import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiDimension, KpiFigure, KpiPeriod, kpisCsv, type KpiRow } from '../../../shared/features/lead';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { saveFile } from '../../kernel/files/save-file';
import { formatCompact } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { DURATION_FIGURES, figureValue, lastDays, SHARE_FIGURES } from './console-model';
import { KpiChart } from '../../kernel/components/KpiChart';

const RANGES = ['7', '30', '90'] as const;
const SHOWN: readonly KpiFigure[] = ['opened', 'frt', 'nrt', 'resolution', 'aht', 'fcr', 'repeat', 'sla', 'backlog'];

interface Report {
  rows: KpiRow[];
  names: Record<string, string>;
  stale: boolean;
  at: string;
}

/** Quality figures per day / week / month and team / agent / channel / product; a chart, drill-down, CSV (issue 16). */
export function QualityPanel() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [period, setPeriod] = useState<KpiPeriod>('day');
  const [by, setBy] = useState<KpiDimension>('team');
  const [range, setRange] = useState<(typeof RANGES)[number]>('30');
  const [figure, setFigure] = useState<KpiFigure>('frt');
  const [report, setReport] = useState<Report | null>(null);
  const [drill, setDrill] = useState<{ label: string; caseIds: string[] } | null>(null);
  const { error, run } = useAction();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const query = useMemo(() => ({ ...lastDays(Number(range), Date.now()), period, by, timeZone }), [range, period, by, timeZone]);

  useEffect(() => {
    setDrill(null);
    void run(async () => setReport(await bridge.call('lead.kpis', query)));
  }, [bridge, query, run]);

  const keyName = (k: string | null) => (k === null ? t('lead.quality.none') : (report?.names[k] ?? (by === 'channel' ? t(`channel.${k}`, { defaultValue: k }) : k)));
  const { periods, series } = useMemo(() => {
    const rows = report?.rows ?? [];
    const ps = [...new Set(rows.map((r) => r.period))];
    const keys = [...new Set(rows.map((r) => r.key))].slice(0, 8);
    return {
      periods: ps,
      series: keys.map((k) => ({
        label: k === null ? '' : (report?.names[k] ?? k),
        values: ps.map((p) => {
          const row = rows.find((r) => r.period === p && r.key === k);
          return row ? figureValue(row, figure) : null;
        }),
      })),
    };
  }, [report, figure]);
  const show = (row: KpiRow, f: KpiFigure) => {
    const v = figureValue(row, f);
    if (v === null) return '—';
    if (DURATION_FIGURES.has(f)) return t('lead.quality.minutes', { value: (v / 60).toFixed(1) });
    if (SHARE_FIGURES.has(f)) return `${v.toFixed(1)} %`;
    return String(v);
  };
  const openDrill = (row: KpiRow, f: KpiFigure) =>
    run(async () => {
      const { caseIds } = await bridge.call('lead.kpiCases', { ...query, row: row.period, key: row.key ?? '', figure: f });
      setDrill({ label: `${row.period} · ${keyName(row.key)} · ${t(`lead.figure.${f}`)}`, caseIds });
    });

  return (
    <section className="quality" data-testid="quality-panel" aria-labelledby="quality-title">
      <h2 id="quality-title">{t('lead.quality.title')}</h2>
      <div className="toolbar">
        <EnumSelect label={t('lead.quality.range')} testId="quality-range" variant="filter" value={range} options={RANGES} optionLabel={(d) => t('lead.quality.lastDays', { count: Number(d) })} onChange={(v) => v && setRange(v)} />
        <EnumSelect label={t('lead.quality.period')} testId="quality-period" variant="filter" value={period} options={KpiPeriod.options} optionLabel={(p) => t(`lead.period.${p}`)} onChange={(v) => v && setPeriod(v)} />
        <EnumSelect label={t('lead.quality.by')} testId="quality-by" variant="filter" value={by} options={KpiDimension.options} optionLabel={(d) => t(`lead.dimension.${d}`)} onChange={(v) => v && setBy(v)} />
        <EnumSelect label={t('lead.quality.chart')} testId="quality-figure" variant="filter" value={figure} options={SHOWN} optionLabel={(f) => t(`lead.figure.${f}`)} onChange={(v) => v && setFigure(v)} />
        <button type="button" data-testid="quality-csv" disabled={!report?.rows.length} onClick={() => report && saveFile(`omnidesk-quality-${query.from.slice(0, 10)}-${period}-${by}.csv`, 'text/csv', kpisCsv(report.rows, keyName))}>
          {t('lead.quality.csv')}
        </button>
      </div>
      {report?.stale && (
        <p className="stale" role="status" data-testid="quality-stale">
          {t('lead.stale', { time: formatCompact(report.at, i18n.language, Date.now()) })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {report && report.rows.length > 0 && <KpiChart periods={periods} series={series} unit={t(`lead.figure.${figure}`)} />}
      {report && (
        <table className="data-table" data-testid="quality-table">
          <thead>
            <tr>
              <th scope="col">{t('lead.quality.periodCol')}</th>
              <th scope="col">{t(`lead.dimension.${by}`)}</th>
              {SHOWN.map((f) => (
                <th scope="col" key={f}>
                  {t(`lead.figure.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.period}|${r.key ?? ''}`} data-testid="quality-row">
                <th scope="row">{r.period}</th>
                <td>{keyName(r.key)}</td>
                {SHOWN.map((f) => (
                  <td key={f}>
                    {figureValue(r, f) === null ? (
                      '—'
                    ) : (
                      <button type="button" className="link" data-testid={`drill-${f}`} onClick={() => void openDrill(r, f)} aria-label={t('lead.quality.drill', { figure: t(`lead.figure.${f}`), period: r.period })}>
                        {show(r, f)}
                      </button>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drill && (
        <section className="drill" data-testid="quality-drill" aria-label={drill.label}>
          <h3>{drill.label}</h3>
          <p>{t('lead.quality.cases', { count: drill.caseIds.length })}</p>
          <DrillCases caseIds={drill.caseIds} open={(customerId, caseId) => go({ name: 'customer', customerId, caseId })} />
        </section>
      )}
    </section>
  );
}

/** The cases behind a number, named from this desktop's cache (a lead holds their whole team). */
function DrillCases({ caseIds, open }: { caseIds: readonly string[]; open(customerId: string, caseId: string): void }) {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [lines, setLines] = useState<Array<{ caseId: string; customerId: string; customerName: string; subject: string }>>([]);
  useEffect(() => {
    let live = true;
    bridge.call('lead.caseLines', { caseIds: caseIds.slice(0, 200) }).then(
      (r) => live && setLines(r.lines),
      () => live && setLines([]),
    );
    return () => {
      live = false;
    };
  }, [bridge, caseIds]);
  return (
    <ul data-testid="drill-cases">
      {lines.map((r) => (
        <li key={r.caseId}>
          <button type="button" className="link" onClick={() => open(r.customerId, r.caseId)}>
            {`${r.customerName} — ${r.subject || t('lead.quality.untitled')}`}
          </button>
        </li>
      ))}
    </ul>
  );
}
