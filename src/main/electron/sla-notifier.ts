import { safetyNotice } from '../../shared/features/safety/alerts';
import { alertNotice } from '../../shared/features/sla/alerts';
import { attentionNotice, callNotice, offerNotice } from '../../shared/features/routing/notice';
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
 * SLA and safety alerts, offers, calls put through, and customers writing on, rules escalating or colleagues mentioning the agent's cases (issue 15) reach the agent when the window is in the background: the main process shows one OS
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
  open: (target: Target) => void;
}): (n: CoreNotification) => void {
  return (n) => {
    if (!options.inBackground() || !options.Notification.isSupported()) return;
    const notice = noticeOf(n, options.language());
    if (!notice) return;
    const shown = new options.Notification({ title: notice.title, body: notice.body });
    shown.on('click', () => options.open(notice.target));
    shown.show();
  };
}

/** Where a click on the notification takes the agent: the case, or the customer's timeline (a call). */
type Target = { customerId: string; caseId: string | null };

/** The OS notification of a core notification, or null when it raises none (issue 15 added offers, messages, mentions, escalations and calls). */
function noticeOf(n: CoreNotification, language: string): { title: string; body: string; target: Target } | null {
  switch (n.event) {
    case 'sla.alert': {
      const a = alertNotice(n.payload.alerts, language);
      return a && { title: a.title, body: a.body, target: a.alert };
    }
    case 'safety.alert': {
      const a = safetyNotice(n.payload.alerts, language);
      return a && { title: a.title, body: a.body, target: a.alert };
    }
    case 'routing.offer':
      return offerNotice(n.payload, language);
    case 'routing.attention':
      return attentionNotice(n.payload.items, language);
    case 'call.incoming': {
      const c = callNotice(n.payload, language);
      return { ...c, target: { customerId: c.target.customerId, caseId: null } };
    }
    default:
      return null;
  }
}

/**
 * The dock / taskbar badge (issue 15): offers waiting for an answer plus messages on the agent's cases that arrived
 * while the window was in the background; `focused()` clears the messages (the agent is looking), offers stay until
 * answered or gone. Calls `set` with each new count.
 */
export function attentionBadge(set: (count: number) => void): { listener: (n: CoreNotification) => void; focused(): void } {
  const offers = new Set<string>();
  let unseen = 0;
  let shown = -1;
  const update = () => {
    const count = offers.size + unseen;
    if (count !== shown) set((shown = count));
  };
  return {
    listener(n) {
      if (n.event === 'routing.offer') offers.add(n.payload.offerId);
      else if (n.event === 'routing.offerEnded') offers.delete(n.payload.offerId);
      else if (n.event === 'routing.attention') unseen += new Set(n.payload.items.map((i) => i.caseId)).size;
      else return;
      update();
    },
    focused() {
      unseen = 0;
      update();
    },
  };
}
