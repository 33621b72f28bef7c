import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDEX_COMPONENTS, type IndexComponent, type IndexWeightsResponse } from '../../../shared/features/surveys';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { weightsFromPercent } from './quality-model';

const toPercent = (w: Record<IndexComponent, number>) => Object.fromEntries(INDEX_COMPONENTS.map((c) => [c, Math.round(w[c] * 1000) / 10])) as Record<IndexComponent, number>;

/** The admins' screen for the satisfaction index's weights (issue 18): a change is saved as a new version. */
export function IndexWeightsPanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [data, setData] = useState<IndexWeightsResponse | null>(null);
  const [pct, setPct] = useState<Record<IndexComponent, number> | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    void run(async () => {
      const r = await bridge.call('surveys.weights', {});
      setData(r);
      setPct(toPercent(r.current.weights));
    });
  }, [bridge, run]);
  if (!data || !pct) return null;
  const { sum, weights } = weightsFromPercent(pct);
  const save = async () => {
    if (!weights) return;
    const r = await run(() => bridge.call('surveys.setWeights', { weights }));
    if (r) {
      setData(r);
      setSaved(r.current.version);
    }
  };
  return (
    <section className="index-weights" data-testid="index-weights" aria-labelledby="index-weights-title">
      <h2 id="index-weights-title">{t('surveys.weights.title')}</h2>
      <p>{t('surveys.weights.current', { version: data.current.version })}</p>
      <div className="weights-form">
        {INDEX_COMPONENTS.map((c) => (
          <label key={c} className="field">
            {t(`surveys.weights.component.${c}`)}
            <input type="number" min={0} max={100} step={1} data-testid={`weight-${c}`} value={pct[c]} onChange={(e) => setPct({ ...pct, [c]: e.target.valueAsNumber })} />
          </label>
        ))}
      </div>
      {!weights && (
        <p className="form-error" role="alert" data-testid="weights-sum">
          {t('surveys.weights.sum', { sum: Number.isFinite(sum) ? sum : '—' })}
        </p>
      )}
      <button type="button" data-testid="weights-save" disabled={busy || !weights} onClick={() => void save()}>
        {t('surveys.weights.save')}
      </button>
      {saved !== null && (
        <p role="status" data-testid="weights-saved">
          {t('surveys.weights.saved', { version: saved })}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {t(errorKey(error))}
        </p>
      )}
    </section>
  );
}
