import { alertNotice, type SlaAlert } from '../../../shared/features/sla/alerts';
import { webNotifier, type WebNotificationApi } from '../../kernel/notify/web-notifier';

export { browserNotifications, type WebNotificationApi } from '../../kernel/notify/web-notifier';

/** SLA alerts in the browser tab's notification: worded by the shared alertNotice (the clock, never the customer). */
export function webAlertNotifier(options: {
  api: WebNotificationApi | undefined;
  hidden: () => boolean;
  language: () => string;
  open: (alert: SlaAlert) => void;
  focus: () => void;
}): (alerts: readonly SlaAlert[]) => void {
  return webNotifier<SlaAlert>({ ...options, notice: (alerts) => alertNotice(alerts, options.language()) });
}
