import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SAFETY_CATEGORIES, type SafetyCategory } from '../../../shared/kernel/safety-flag';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * "Flag possible harm" on any message, note or call (issue 12): what the detector missed, an agent raises by hand,
 * with the categories and why. The case goes to P0 at once (offline too: it is a mutation like any other).
 */
export function FlagHarmButton({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<SafetyCategory[]>([]);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  if (!open) {
    return (
      <button type="button" className="ghost small flag-harm" data-testid="flag-harm" onClick={() => setOpen(true)}>
        {t('safety.flagHarm')}
      </button>
    );
  }
  async function submit() {
    if ((await run(() => bridge.call('safety.flag', { messageId, categories: chosen, reason: reason.trim() }))) === null) return;
    setOpen(false);
    setChosen([]);
    setReason('');
  }
  return (
    <div className="flag-harm-form" data-testid="flag-harm-form" role="group" aria-label={t('safety.flagHarm')}>
      <div className="checkbox-grid">
        {SAFETY_CATEGORIES.map((c) => (
          <label key={c} className="small">
            <input
              type="checkbox"
              data-testid={`flag-harm-cat-${c}`}
              checked={chosen.includes(c)}
              onChange={(e) => setChosen((x) => (e.target.checked ? [...x, c] : x.filter((y) => y !== c)))}
            />{' '}
            {t(`safety.category.${c}`)}
          </label>
        ))}
      </div>
      <label className="field">
        <span>{t('safety.reason')}</span>
        <textarea data-testid="flag-harm-reason" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row-buttons">
        <button type="button" data-testid="flag-harm-submit" disabled={busy || chosen.length === 0 || reason.trim() === ''} onClick={() => void submit()}>
          {t('safety.flagSubmit')}
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="flag-harm-error">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
