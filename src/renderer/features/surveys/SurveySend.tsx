import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../shared/kernel/case';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';

/**
 * "Send the satisfaction survey now" on a resolved case (issue 18): the server decides with the shared rules (never
 * with an open safety flag, never twice for a case) and says why when it does not send.
 */
export function SurveySend({ c, mayAct }: { c: Case; mayAct: boolean }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ sent: boolean; reason: string | null } | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  if (!mayAct || (c.status !== 'resolved' && c.status !== 'closed')) return null;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await bridge.call('surveys.send', { caseId: c.id }));
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="survey-send">
      <button type="button" className="secondary small" data-testid="survey-send" disabled={busy} onClick={() => void send()}>
        {t('surveys.send')}
      </button>
      {outcome && (
        <p className="small" role="status" data-testid="survey-send-outcome" data-sent={String(outcome.sent)}>
          {outcome.sent ? t('surveys.sent') : t(`surveys.notSent.${outcome.reason ?? 'other'}`, { defaultValue: t('surveys.notSent.other') })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
