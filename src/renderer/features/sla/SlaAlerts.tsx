import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaAlert } from '../../../shared/features/sla/alerts';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useNav, useSession } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { formatDateTime } from '../../kernel/i18n/format';
import { useDirectory } from '../directory';
import { addAlerts, reassignCandidates } from './alert-list';
import { browserNotifications, webAlertNotifier } from './web-notifier';

/**
 * The SLA alert strip under the header (in the page flow: it never covers work): warnings and breaches the server recorded on this agent's cases, and breaches escalated to
 * the lead (features/sla alerts decide who hears what). Red alerts are announced at once to assistive technology;
 * each opens its case or is dismissed, and a lead hands the case to another agent of its team from the alert.
 */
export function SlaAlerts() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [alerts, setAlerts] = useState<SlaAlert[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const me = useSession((s) => s.session?.agent ?? null);
  const agents = useDirectory((s) => s.agents);

  const [permission, setPermission] = useState(() => browserNotifications()?.permission ?? 'denied');

  useEffect(() => {
    const notify = webAlertNotifier({
      api: browserNotifications(),
      hidden: () => document.hidden,
      language: () => i18n.language,
      focus: () => window.focus(),
      open: (a) => go({ name: 'customer', customerId: a.customerId, caseId: a.caseId }),
    });
    // what was raised before this window subscribed (the sign-in's catch-up), then what comes
    const off = bridge.on('sla.alert', ({ alerts: incoming }) => {
      setAlerts((shown) => addAlerts(shown, incoming));
      notify(incoming);
    });
    // the desktop shell's OS notification was clicked: show its case
    const offOpen = bridge.on('app.open', ({ customerId, caseId }) => go({ name: 'customer', customerId, caseId }));
    bridge.call('sla.alerts', {}).then(
      ({ alerts: raised }) => setAlerts((shown) => addAlerts(shown, [...raised].reverse())),
      () => undefined, // signed out meanwhile: nothing to show
    );
    return () => {
      off();
      offOpen();
    };
  }, [bridge, go, i18n]);

  if (alerts.length === 0) return null;
  const dismiss = (eventId: string) => {
    setAlerts((shown) => shown.filter((a) => a.eventId !== eventId));
    void bridge.call('sla.dismissAlert', { eventId }).catch(() => undefined);
  };
  // the lead's one click: the case goes to that agent (offline too: a local change like any other), the alert is handled
  const reassign = (a: SlaAlert, assigneeId: string) => {
    setFailed(null);
    bridge.call('case.assign', { caseId: a.caseId, assigneeId }).then(
      // every alert of that case is handled (its first-response and resolution breaches alike)
      () => alerts.filter((x) => x.caseId === a.caseId).forEach((x) => dismiss(x.eventId)),
      () => setFailed(a.eventId),
    );
  };
  return (
    <section className="sla-alerts" aria-label={t('sla.alert.region')} data-testid="sla-alerts">
      {alerts.map((a) => (
        <div key={a.eventId} className={`sla-alert sla-alert-${a.level}`} role={a.level === 'red' ? 'alert' : 'status'} data-testid="sla-alert" data-level={a.level} data-case-id={a.caseId}>
          <div className="sla-alert-text">
            <strong>{t(`sla.alert.${a.kind}`, { clock: t(`sla.clock.${a.clock}`) })}</strong>
            <span className="sla-alert-subject">{a.subject}</span>
            <span className="sla-alert-when">
              {t(a.kind === 'breached' ? 'sla.alert.dueWas' : 'sla.alert.dueAt', { at: formatDateTime(a.dueAt, i18n.language) })}
              {a.late ? ` · ${t('sla.alert.late')}` : ''}
              {a.as === 'lead' ? ` · ${t('sla.alert.escalated')}` : ''}
            </span>
          </div>
          <div className="sla-alert-actions">
            <button
              type="button"
              onClick={() => {
                dismiss(a.eventId);
                go({ name: 'customer', customerId: a.customerId, caseId: a.caseId });
              }}
            >
              {t('sla.alert.open')}
            </button>
            {me && can(me.role, 'cases.act.any') && (
              <ChoiceSelect
                variant="inline-field"
                label={t('sla.alert.reassign')}
                labelHidden
                testId="sla-alert-reassign"
                value=""
                emptyLabel={t('sla.alert.reassign')}
                choices={reassignCandidates(me, a, agents).map((x) => ({ value: x.id, label: x.displayName }))}
                onChange={(v) => {
                  if (v !== '') reassign(a, v);
                }}
              />
            )}
            {failed === a.eventId && <span className="error small">{t('sla.alert.reassignFailed')}</span>}
            <button type="button" className="ghost" aria-label={t('sla.alert.dismiss')} onClick={() => dismiss(a.eventId)}>
              ×
            </button>
          </div>
        </div>
      ))}
      {permission === 'default' && (
        // a browser asks once, and only on the agent's click; the Electron shell notifies by itself
        <button type="button" className="ghost small" data-testid="sla-alert-notify" onClick={() => void window.Notification.requestPermission().then(setPermission)}>
          {t('sla.alert.notifyMe')}
        </button>
      )}
    </section>
  );
}
