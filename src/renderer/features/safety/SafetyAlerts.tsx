import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safetyNotice, type SafetyAlert } from '../../../shared/features/safety/alerts';
import { browserNotifications, webNotifier } from '../../kernel/notify/web-notifier';
import { useBridge, useNav } from '../../kernel/app/bridge-context';
import { addNewestFirst } from '../../kernel/state/alert-tray';
import { formatDateTime } from '../../kernel/i18n/format';

/** Newest first, one per flag; a re-delivered batch changes nothing. Every safety alert stays until handled. */
export const addSafetyAlerts = (shown: readonly SafetyAlert[], incoming: readonly SafetyAlert[]): SafetyAlert[] => addNewestFirst(shown, incoming);

/**
 * Possible harm reported on a case of this lead's or specialist's team (issue 12): a red strip under the header,
 * announced at once to assistive technology, each opening its case. It shows the case's subject and the kinds of
 * harm; the evidence stays on the message.
 */
export function SafetyAlerts() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [alerts, setAlerts] = useState<SafetyAlert[]>([]);
  const [permission, setPermission] = useState(() => browserNotifications()?.permission ?? 'denied');
  useEffect(() => {
    // in a browser tab in the background: one notification per batch that says nothing of the case (Electron: the main process)
    const notify = webNotifier<SafetyAlert>({
      api: browserNotifications(),
      hidden: () => document.hidden,
      notice: (incoming) => safetyNotice(incoming, i18n.language),
      focus: () => window.focus(),
      open: (a) => go({ name: 'customer', customerId: a.customerId, caseId: a.caseId }),
    });
    const off = bridge.on('safety.alert', ({ alerts: incoming }) => {
      setAlerts((shown) => addSafetyAlerts(shown, incoming));
      notify(incoming);
    });
    bridge.call('safety.alerts', {}).then(
      ({ alerts: raised }) => setAlerts((shown) => addSafetyAlerts(shown, [...raised].reverse())),
      () => undefined,
    );
    return off;
  }, [bridge, go, i18n]);
  if (alerts.length === 0) return null;
  const dismiss = (eventId: string) => {
    setAlerts((shown) => shown.filter((a) => a.eventId !== eventId));
    void bridge.call('safety.dismissAlert', { eventId }).catch(() => undefined);
  };
  return (
    <section className="sla-alerts safety-alerts" aria-label={t('safety.alert.region')} data-testid="safety-alerts">
      {alerts.map((a) => (
        <div key={a.eventId} className="sla-alert sla-alert-red" role="alert" data-testid="safety-alert" data-case-id={a.caseId}>
          <div className="sla-alert-text">
            <strong>{t('safety.alert.title')}</strong>
            <span className="sla-alert-subject">{a.subject}</span>
            <span className="sla-alert-when">
              {a.categories.map((c) => t(`safety.category.${c}`)).join(', ')} · {t('safety.awareAt', { time: formatDateTime(a.awareAt, i18n.language) })}
            </span>
          </div>
          <div className="sla-alert-actions">
            <button
              type="button"
              data-testid="safety-alert-open"
              onClick={() => {
                dismiss(a.eventId);
                go({ name: 'customer', customerId: a.customerId, caseId: a.caseId });
              }}
            >
              {t('safety.alert.open')}
            </button>
            <button type="button" className="ghost" aria-label={t('safety.alert.dismiss')} onClick={() => dismiss(a.eventId)}>
              ×
            </button>
          </div>
        </div>
      ))}
      {permission === 'default' && (
        <button type="button" className="ghost small" data-testid="safety-alert-notify" onClick={() => void window.Notification.requestPermission().then(setPermission)}>
          {t('sla.alert.notifyMe')}
        </button>
      )}
    </section>
  );
}
