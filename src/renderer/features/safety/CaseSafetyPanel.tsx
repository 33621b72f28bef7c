import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseRegulatoryClock, safetyStanding } from '../../../shared/features/safety/review';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case, CaseFlag } from '../../../shared/kernel/case';
import type { Device } from '../../../shared/kernel/customer';
import { can } from '../../../shared/kernel/permissions';
import { useBridge } from '../../kernel/app/bridge-context';
import { useLanguage, useNow } from '../../kernel/app/hooks';
import { formatDateTime } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { ComplaintRecordForm } from './ComplaintRecordForm';
import { RegulatoryDeadline } from './RegulatoryDeadline';

/** One flag: what it reports, who raised it, where its review stands, and — while open — confirm or dismiss with a reason. */
function FlagRow({ c, flag, me }: { c: Case; flag: CaseFlag; me: Agent }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const reviewer = can(me.role, 'safety.review');
  // an agent proposes a dismissal once; a specialist or lead decides a proposed one
  const mayReview = flag.state === 'open' || (flag.state === 'dismissal_proposed' && reviewer);
  async function act(method: 'safety.confirm' | 'safety.dismiss') {
    if ((await run(() => bridge.call(method, { caseId: c.id, flagId: flag.id, reason: reason.trim() }))) !== null) setReason('');
  }
  return (
    <li className={`safety-flag-row flag-${flag.state}`} data-testid="safety-flag-row" data-flag-id={flag.id} data-state={flag.state}>
      <div>
        <strong>{flag.categories.map((x) => t(`safety.category.${x}`)).join(', ')}</strong>{' '}
        <span className="muted small">
          {t(`safety.source.${flag.source}`)} · {t('safety.awareAt', { time: formatDateTime(flag.awareAt, lang) })}
        </span>
      </div>
      <div className="small" data-testid="safety-flag-state">
        {t(`safety.flagState.${flag.state}`)}
      </div>
      {mayReview && (
        <div className="safety-review-form">
          <label className="field">
            <span>{t('safety.reason')}</span>
            <textarea data-testid="safety-reason" rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="row-buttons">
            <button type="button" data-testid="safety-confirm" disabled={busy || reason.trim() === ''} onClick={() => void act('safety.confirm')}>
              {t('safety.confirm')}
            </button>
            <button type="button" className="ghost" data-testid="safety-dismiss" disabled={busy || reason.trim() === ''} onClick={() => void act('safety.dismiss')}>
              {reviewer ? t('safety.dismiss') : t('safety.proposeDismiss')}
            </button>
          </div>
          {!reviewer && <p className="muted small">{t('safety.dismissNote')}</p>}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="safety-error">
          {t(errorKey(error))}
        </p>
      )}
    </li>
  );
}

/**
 * The case's safety side (issue 12): the regulatory clock (calendar days from awareness, never paused), each flag
 * with its review, and the complaint record a confirmation opened. Shown only on a flagged case.
 */
export function CaseSafetyPanel({ c, me, devices }: { c: Case; me: Agent | null; devices: readonly Device[] }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  if (!c.safety || c.safety.flags.length === 0 || !me) return null;
  const standing = safetyStanding(c);
  const clock = caseRegulatoryClock(c, now);
  const shown = clock?.deadlines.filter((d) => d.state !== 'not_required') ?? [];
  return (
    <section className={`case-safety safety-${standing}`} data-testid="case-safety" data-standing={standing} aria-label={t('safety.panel')}>
      <h3>{t('safety.panel')}</h3>
      <p className="small" data-testid="case-safety-standing">
        {t(`safety.standing.${standing}`)}
      </p>
      {standing !== 'done' && shown.length > 0 && (
        <div className="regulatory-clock" data-testid="regulatory-clock">
          <span className="muted small">{t('safety.clock.title')}</span>
          <ul>
            {shown.map((d) => (
              <li key={d.regime}>
                <RegulatoryDeadline d={d} now={now} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="safety-flags">
        {c.safety.flags.map((f) => (
          <FlagRow key={f.id} c={c} flag={f} me={me} />
        ))}
      </ul>
      {c.safety.complaint && <ComplaintRecordForm key={c.safety.complaint.id} c={c} record={c.safety.complaint} me={me} devices={devices} />}
    </section>
  );
}
