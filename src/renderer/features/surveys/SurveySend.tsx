import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../shared/kernel/case';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * "Send the satisfaction survey now" on a resolved case (issue 18): the server decides with the shared rules (never
 * with an open safety flag, never twice for a case) and says why when it does not send.
 */
export function SurveySend({ c, mayAct }: { c: Case; mayAct: boolean }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  const [outcome, setOutcome] = useState<{ sent: boolean; reason: string | null } | null>(null);
  if (!mayAct || (c.status !== 'resolved' && c.status !== 'closed')) return null;
  const send = async () => {
    const r = await run(() => bridge.call('surveys.send', { caseId: c.id }));
    if (r) setOutcome(r);
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
