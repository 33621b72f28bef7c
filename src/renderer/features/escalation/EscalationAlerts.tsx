import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationAlert } from '../../../shared/features/escalation/bridge';
import { localize } from '../../../shared/features/escalation/text';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { addNewestFirst } from '../../kernel/state/alert-tray';

/** How many stay on screen at once; the rest wait behind a count (the cases show every escalation). */
export const MAX_SHOWN = 3;

/** Newest first, one per event; a re-delivered batch changes nothing. */
export const addEscalationAlerts = (shown: readonly EscalationAlert[], incoming: readonly EscalationAlert[]): EscalationAlert[] => addNewestFirst(shown, incoming);

/**
 * What an escalation needs someone to do (issue 13): a lead hears of a case handed to the lead, of compensation to
 * approve and of a rule that tells the lead; specialists of a handoff to them; the agent who asked, of the lead's
 * decision — live, each opening its case.
 */
export function EscalationAlerts() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [alerts, setAlerts] = useState<EscalationAlert[]>([]);
  useEffect(() => {
    const off = bridge.on('escalation.alert', ({ alerts: incoming }) => setAlerts((shown) => addEscalationAlerts(shown, incoming)));
    bridge.call('escalation.alerts', {}).then(
      ({ alerts: raised }) => setAlerts((shown) => addEscalationAlerts(shown, [...raised].reverse())),
      () => undefined,
    );
    return off;
  }, [bridge]);
  if (alerts.length === 0) return null;
  const dismiss = (eventId: string) => {
    setAlerts((shown) => shown.filter((a) => a.eventId !== eventId));
    void bridge.call('escalation.dismissAlert', { eventId }).catch(() => undefined);
  };
  const detail = (a: EscalationAlert): string => {
    if (a.kind === 'notify') return a.ruleName ? localize(a.ruleName, i18n.language) : (a.detail ?? '');
    if (a.kind === 'handoff') return t(`escalation.to.${a.detail === 'specialist' ? 'specialist' : 'lead'}`);
    if (a.kind === 'approval_requested') return a.detail ? t(`escalation.tier.${a.detail}`, { defaultValue: a.detail }) : '';
    return t(`escalation.approvalState.${a.detail === 'approved' ? 'approved' : 'declined'}`);
  };
  const hidden = alerts.length - MAX_SHOWN;
  return (
    <section className="sla-alerts escalation-alerts" aria-label={t('escalation.alert.region')} data-testid="escalation-alerts">
      {alerts.slice(0, MAX_SHOWN).map((a) => (
        <div key={a.eventId} className="sla-alert sla-alert-amber" role="alert" data-testid="escalation-alert" data-kind={a.kind} data-case-id={a.caseId}>
          <div className="sla-alert-text">
            <strong>{t(`escalation.alert.${a.kind}`, { detail: detail(a) })}</strong>
            <span className="sla-alert-subject">{a.subject}</span>
          </div>
          <div className="sla-alert-actions">
            <button
              type="button"
              data-testid="escalation-alert-open"
              onClick={() => {
                dismiss(a.eventId);
                go({ name: 'customer', customerId: a.customerId, caseId: a.caseId });
              }}
            >
              {t('escalation.alert.open')}
            </button>
            <button type="button" className="ghost" aria-label={t('escalation.alert.dismiss')} onClick={() => dismiss(a.eventId)}>
              ×
            </button>
          </div>
        </div>
      ))}
      {hidden > 0 && (
        <div className="sla-alert escalation-alert-more" data-testid="escalation-alert-more">
          <span>{t('escalation.alert.more', { count: hidden })}</span>
          <button
            type="button"
            className="ghost"
            onClick={() => {
              for (const a of alerts) void bridge.call('escalation.dismissAlert', { eventId: a.eventId }).catch(() => undefined);
              setAlerts([]);
            }}
          >
            {t('escalation.alert.dismissAll')}
          </button>
        </div>
      )}
    </section>
  );
}
