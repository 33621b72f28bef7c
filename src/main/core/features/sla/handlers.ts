import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { SlaAlertInbox } from './alert-inbox';

/** Bridge handlers of the SLA feature: the session's alerts (features/sla alerts) and dismissing one. */
export function slaAlertHandlers(ctx: { inbox(): SlaAlertInbox }): Pick<BridgeHandlers, 'sla.alerts' | 'sla.dismissAlert'> {
  return {
    'sla.alerts': async () => ({ alerts: ctx.inbox().list() }),
    'sla.dismissAlert': async ({ eventId }) => {
      ctx.inbox().dismiss(eventId);
      return {};
    },
  };
}
