import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RANKING_CRITERIA, type SurveyRanking } from '../../../shared/features/surveys';
import { useBridge } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { whyRanked } from './quality-model';

const BY = ['agent', 'team'] as const;

/**
 * The ranking (issue 18): agents or teams by entropy-weighted TOPSIS over CSAT, NPS, effort, the index and the response
 * rate, with the weights the data gave and why each ranks where it does. Too few answers: shown, flagged, not ranked.
 */
export function RankingPanel({ teamId, pushes }: { teamId: string | null; pushes: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [by, setBy] = useState<(typeof BY)[number]>('agent');
  const [ranking, setRanking] = useState<SurveyRanking | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    const now = Date.now();
    const q = { from: new Date(now - 90 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString(), by, ...(teamId && by === 'agent' ? { teamId } : {}) };
    void run(async () => setRanking(await bridge.call('surveys.ranking', q)));
  }, [bridge, by, teamId, pushes, run]);
  const label = (c: string) => t(`surveys.ranking.criterion.${c}`);
  return (
    <section className="ranking" data-testid="survey-ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t('surveys.ranking.title')}</h2>
      <EnumSelect label={t('surveys.ranking.by')} testId="ranking-by" variant="filter" value={by} options={BY} optionLabel={(b) => t(`surveys.quality.byOpt.${b}`)} onChange={(v) => v && setBy(v)} />
      {error && (
        <p role="alert" className="error">
          {t(errorKey(error))}
        </p>
      )}
      {ranking && ranking.rows.length === 0 && <p>{t('surveys.ranking.empty')}</p>}
      {ranking && ranking.rows.length > 0 && (
        <>
          <p data-testid="ranking-weights">
            {`${t('surveys.ranking.weights')}: `}
            {RANKING_CRITERIA.map((c) => `${label(c.id)} ${((ranking.weights[c.id] ?? 0) * 100).toFixed(0)} %`).join(' · ')}
          </p>
          <table className="data-table" data-testid="ranking-table">
            <thead>
              <tr>
                <th scope="col">{t('surveys.ranking.rank')}</th>
                <th scope="col">{t('surveys.ranking.who')}</th>
                <th scope="col">{t('surveys.quality.answered')}</th>
                <th scope="col">{t('surveys.ranking.closeness')}</th>
                <th scope="col">{t('surveys.ranking.why')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.rows.map((r) => {
                const why = whyRanked(r);
                return (
                  <tr key={r.key} data-testid="ranking-row" data-few={String(r.fewAnswers)}>
                    <td>{r.rank ?? '—'}</td>
                    <th scope="row">{ranking.names[r.key] ?? r.key}</th>
                    <td>{r.answered}</td>
                    <td>{r.closeness.toFixed(2)}</td>
                    <td>
                      {r.fewAnswers
                        ? t('surveys.ranking.fewAnswers', { n: r.answered })
                        : [why.strong.length ? t('surveys.ranking.strong', { list: why.strong.map(label).join(', ') }) : '', why.weak.length ? t('surveys.ranking.weak', { list: why.weak.map(label).join(', ') }) : '']
                            .filter(Boolean)
                            .join('; ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
