import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../shared/kernel/case';
import { SurveySkipReason } from '../../../shared/kernel/event';
import { useBridge } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

type Outcome = { kind: 'sent'; ok: boolean; reason: string | null } | { kind: 'skipped'; ok: boolean; reason: string | null };

/**
 * The case's survey (issue 18): "send it now" on a resolved case (the server decides with the shared rules: never
 * with an open safety flag, never twice) and "skip it" with a reason from a fixed list (any time before it went).
 * Either way the server says what happened and why.
 */
export function SurveySend({ c, mayAct }: { c: Case; mayAct: boolean }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState<SurveySkipReason | ''>('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!mayAct) return null;
  const resolved = c.status === 'resolved' || c.status === 'closed';
  const send = async () => {
    const r = await run(() => bridge.call('surveys.send', { caseId: c.id }));
    if (r) setOutcome({ kind: 'sent', ok: r.sent, reason: r.reason });
  };
  const skip = async () => {
    if (!reason) return;
    const r = await run(() => bridge.call('surveys.skip', { caseId: c.id, reason }));
    if (r) setOutcome({ kind: 'skipped', ok: r.skipped, reason: r.reason });
  };
  const said = (o: Outcome) =>
    o.kind === 'sent'
      ? o.ok
        ? t('surveys.sent')
        : t(`surveys.notSent.${o.reason ?? 'other'}`, { defaultValue: t('surveys.notSent.other') })
      : o.ok
        ? t('surveys.skipped')
        : t(`surveys.notSkipped.${o.reason ?? 'other'}`, { defaultValue: t('surveys.notSkipped.other') });
  return (
    <div className="survey-send">
      {resolved && (
        <button type="button" className="secondary small" data-testid="survey-send" disabled={busy} onClick={() => void send()}>
          {t('surveys.send')}
        </button>
      )}
      <div className="survey-skip">
        <EnumSelect<SurveySkipReason>
          label={t('surveys.skipReasonLabel')}
          testId="survey-skip-reason"
          value={reason}
          options={SurveySkipReason.options}
          optionLabel={(r) => t(`surveys.skipReason.${r}`)}
          emptyLabel="—"
          onChange={setReason}
        />
        <button type="button" className="secondary small" data-testid="survey-skip" disabled={busy || !reason} onClick={() => void skip()}>
          {t('surveys.skip')}
        </button>
      </div>
      {outcome && (
        <p className="small" role="status" data-testid="survey-send-outcome" data-sent={String(outcome.kind === 'sent' && outcome.ok)} data-skipped={String(outcome.kind === 'skipped' && outcome.ok)}>
          {said(outcome)}
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
