import { alertNotice, type SlaAlert } from '../../../shared/features/sla/alerts';

/** The browser's Notification, as far as this needs it (a fake in tests). */
export interface WebNotificationApi {
  readonly permission: 'default' | 'granted' | 'denied';
  new (title: string, options: { body: string; tag: string }): { onclick: (() => void) | null; close(): void };
}

/**
 * In a browser (web-host) the tab itself tells the agent about SLA alerts while it is hidden: one notification per
 * batch, worded by the shared alertNotice (the clock, never the customer), and a click brings the tab forward on the
 * case. Under Electron the renderer's permission is denied (policy.ts) and the main process notifies instead.
 */
export function webAlertNotifier(options: {
  api: WebNotificationApi | undefined;
  hidden: () => boolean;
  language: () => string;
  open: (alert: SlaAlert) => void;
  focus: () => void;
}): (alerts: readonly SlaAlert[]) => void {
  return (alerts) => {
    const { api } = options;
    if (!api || api.permission !== 'granted' || !options.hidden()) return;
    const notice = alertNotice(alerts, options.language());
    if (!notice) return;
    // the tag makes a re-delivered alert replace its notification instead of stacking a second one
    const shown = new api(notice.title, { body: notice.body, tag: notice.alert.eventId });
    shown.onclick = () => {
      options.focus();
      options.open(notice.alert);
      shown.close();
    };
  };
}

/** The browser's Notification constructor, when this page has one. */
export function browserNotifications(): WebNotificationApi | undefined {
  return typeof window !== 'undefined' && 'Notification' in window ? (window.Notification as unknown as WebNotificationApi) : undefined;
}
