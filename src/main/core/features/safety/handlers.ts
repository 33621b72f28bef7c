import type { SafetyAlert } from '../../../../shared/index';
import type { AlertInbox } from '../../kernel/alert-inbox';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';

export interface SafetyAlertContext {
  inbox(): AlertInbox<SafetyAlert>;
}

/** The session's safety alerts (raised after each pull by `newSafetyAlerts`), listed and dismissed. */
export function safetyAlertHandlers(ctx: SafetyAlertContext): Pick<BridgeHandlers, 'safety.alerts' | 'safety.dismissAlert'> {
  return {
    'safety.alerts': async () => ({ alerts: ctx.inbox().list() }),
    'safety.dismissAlert': async ({ eventId }) => {
      ctx.inbox().dismiss(eventId);
      return {};
    },
  };
}
