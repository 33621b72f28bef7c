/** The browser's Notification, as far as this needs it (a fake in tests). */
export interface WebNotificationApi {
  readonly permission: 'default' | 'granted' | 'denied';
  new (title: string, options: { body: string; tag: string }): { onclick: (() => void) | null; close(): void };
}

/** What one notification says, and the alert a click opens. */
export interface WebNotice<A> {
  title: string;
  body: string;
  alert: A;
}

/**
 * In a browser (web-host) the tab itself tells the agent about alerts while it is hidden: one notification per batch,
 * worded by the feature's notice (never the customer: lock screens are public), and a click brings the tab forward on
 * the alert. Under Electron the renderer's permission is denied (policy.ts) and the main process notifies instead.
 */
export function webNotifier<A extends { eventId: string }>(options: {
  api: WebNotificationApi | undefined;
  hidden: () => boolean;
  notice: (alerts: readonly A[]) => WebNotice<A> | null;
  open: (alert: A) => void;
  focus: () => void;
}): (alerts: readonly A[]) => void {
  return (alerts) => {
    const { api } = options;
    if (!api || api.permission !== 'granted' || !options.hidden()) return;
    const notice = options.notice(alerts);
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
