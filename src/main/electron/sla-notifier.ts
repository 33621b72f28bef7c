import { alertNotice, type SlaAlert } from '../../shared/features/sla/alerts';
import type { CoreNotification } from '../core/desktop-core';

/** Electron's Notification, as far as this needs it (a fake in tests). */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationApi {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

/**
 * SLA alerts reach the agent when the window is in the background: the main process shows one OS notification per
 * batch (orange and red; the text names the clock, never the customer: lock screens are public), and a click brings
 * the window forward on the case. The renderer is denied the web Notification permission (policy.ts), so there is
 * never a second one.
 */
export function slaOsNotifier(options: {
  Notification: NotificationApi;
  /** the OS language (app.getLocale()) */
  language: () => string;
  /** false while the window has focus: the alert strip is enough then */
  inBackground: () => boolean;
  open: (alert: SlaAlert) => void;
}): (n: CoreNotification) => void {
  return (n) => {
    if (n.event !== 'sla.alert' || !options.inBackground() || !options.Notification.isSupported()) return;
    const notice = alertNotice(n.payload.alerts, options.language());
    if (!notice) return;
    const shown = new options.Notification({ title: notice.title, body: notice.body });
    shown.on('click', () => options.open(notice.alert));
    shown.show();
  };
}
