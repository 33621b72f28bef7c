import { safetyNotice } from '../../shared/features/safety/alerts';
import { alertNotice } from '../../shared/features/sla/alerts';
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
 * SLA and safety alerts reach the agent when the window is in the background: the main process shows one OS
 * notification per batch (SLA: orange and red, naming the clock; safety: every possible harm report), never naming the
 * customer or the case (lock screens are public), and a click brings the window forward on the case. The renderer is
 * denied the web Notification permission (policy.ts), so there is never a second one.
 */
export function slaOsNotifier(options: {
  Notification: NotificationApi;
  /** the OS language (app.getLocale()) */
  language: () => string;
  /** false while the window has focus: the alert strip is enough then */
  inBackground: () => boolean;
  open: (target: { customerId: string; caseId: string }) => void;
}): (n: CoreNotification) => void {
  return (n) => {
    if ((n.event !== 'sla.alert' && n.event !== 'safety.alert') || !options.inBackground() || !options.Notification.isSupported()) return;
    const notice = n.event === 'sla.alert' ? alertNotice(n.payload.alerts, options.language()) : safetyNotice(n.payload.alerts, options.language());
    if (!notice) return;
    const shown = new options.Notification({ title: notice.title, body: notice.body });
    shown.on('click', () => options.open(notice.alert));
    shown.show();
  };
}
