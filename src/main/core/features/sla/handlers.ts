import {
  SlaAttainmentResponse,
  SlaCalendarSaved,
  SlaDeleted,
  SlaPolicySaved,
  SLA_CALENDAR,
  SLA_PATHS,
  SLA_POLICY,
} from '../../../../shared/index';
import { OmnideskError } from '../../../../shared/kernel/errors';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { queryString, readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';
import type { SlaAlert } from '../../../../shared/index';
import type { AlertInbox } from '../../kernel/alert-inbox';

export interface SlaContext {
  inbox(): AlertInbox<SlaAlert>;
  store(): Store;
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
  /** reference data changed on the server: pull it now, so the cache (and the clocks) follow at once */
  referenceChanged(): void;
}

type SlaMethods = 'sla.alerts' | 'sla.dismissAlert' | 'sla.settings' | 'sla.savePolicy' | 'sla.saveCalendar' | 'sla.deletePolicy' | 'sla.deleteCalendar' | 'sla.attainment';

const withId = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

/**
 * Bridge handlers of the SLA feature: the session's alerts; policies and calendars read from the cache and saved
 * on the server (admins; the server decides and validates again); attainment from the server (leads). Nothing of
 * it is logged.
 */
export function slaHandlers(ctx: SlaContext): Pick<BridgeHandlers, SlaMethods> {
  const online = () => {
    const s = ctx.session();
    if (s.offline) throw new OmnideskError('UNAVAILABLE', 'SLA settings and reports need the server: signed in offline');
    return s;
  };
  const put = (path: string, body: unknown) => serverCall(online(), path, ctx.http, { method: 'PUT', body: JSON.stringify(body) });
  return {
    'sla.alerts': async () => ({ alerts: ctx.inbox().list() }),
    'sla.dismissAlert': async ({ eventId }) => {
      ctx.inbox().dismiss(eventId);
      return {};
    },
    'sla.settings': async () => {
      const store = ctx.store();
      return { policies: store.reference.list(SLA_POLICY), calendars: store.reference.list(SLA_CALENDAR) };
    },
    'sla.savePolicy': async (policy) => {
      const { id, ...body } = policy;
      const saved = await readJson(await put(withId(SLA_PATHS.policy, id), body), SlaPolicySaved);
      ctx.referenceChanged();
      return saved;
    },
    'sla.saveCalendar': async ({ calendar, ics, teamIds }) => {
      const saved = await readJson(await put(withId(SLA_PATHS.calendar, calendar.id), { calendar, ...(ics !== undefined ? { ics } : {}), teamIds: teamIds ?? [] }), SlaCalendarSaved);
      ctx.referenceChanged();
      return saved;
    },
    'sla.deletePolicy': async ({ id }) => {
      const deleted = await readJson(await serverCall(online(), withId(SLA_PATHS.policy, id), ctx.http, { method: 'DELETE' }), SlaDeleted);
      ctx.referenceChanged();
      return deleted;
    },
    'sla.deleteCalendar': async ({ id }) => {
      const deleted = await readJson(await serverCall(online(), withId(SLA_PATHS.calendar, id), ctx.http, { method: 'DELETE' }), SlaDeleted);
      ctx.referenceChanged();
      return deleted;
    },
    'sla.attainment': async (q) => readJson(await serverCall(online(), `${SLA_PATHS.attainment}${queryString(q)}`, ctx.http), SlaAttainmentResponse),
  };
}
