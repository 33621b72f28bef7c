import {
  Calendar,
  calendarReference,
  holidaysFromICalendar,
  OmnideskError,
  parseOrThrow,
  policyReference,
  SlaAttainmentQuery,
  SlaPolicy,
  SLA_CALENDAR,
  SLA_PATHS,
  SLA_POLICY,
  type Agent,
  type SlaAttainmentResponse,
} from '../../../shared/index';
import { can, type Permission } from '../../../shared/kernel/permissions';
import { putReference } from '../../kernel/reference/index';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { slaAttainment } from './attainment';

// the route guard already refused other roles (ROUTE_PERMISSIONS); checked again here from the same table
function requireRole(agent: Agent, permission: Permission): void {
  if (!can(agent.role, permission)) throw new OmnideskError('FORBIDDEN', 'not allowed for this role');
}

/**
 * SLA routes: attainment for leads; policies and calendars for admins. A policy or calendar is validated whole
 * (the field and the reason come back as INVALID_ARGUMENT) before it is written, so the last valid one stays in
 * force; a write is a new version of reference data, which the desktops pull.
 */
export const slaRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.get(SLA_PATHS.attainment, async (req): Promise<SlaAttainmentResponse> => {
    requireRole(await caller(req), 'sla.report');
    const q = parseOrThrow(SlaAttainmentQuery, req.query, 'attainment query');
    return { rows: await slaAttainment(db, { from: Date.parse(q.from), to: Date.parse(q.to) }, q.group) };
  });

  app.put<{ Params: { id: string } }>(SLA_PATHS.policy, async (req) => {
    requireRole(await caller(req), 'sla.configure');
    const policy = parseOrThrow(SlaPolicy, { ...(req.body as object), id: req.params.id }, 'SLA policy');
    await db.transaction(async (tx) => {
      await putReference(tx, SLA_POLICY, [policyReference(policy)]);
    });
    return { policy };
  });

  app.put<{ Params: { id: string } }>(SLA_PATHS.calendar, async (req) => {
    requireRole(await caller(req), 'sla.configure');
    const body = (req.body ?? {}) as { calendar?: unknown; ics?: unknown; teamIds?: unknown };
    const draft = { ...(body.calendar as object), id: req.params.id } as Calendar;
    if (typeof body.ics === 'string') draft.holidays = [...new Set([...(draft.holidays ?? []), ...holidaysFromICalendar(body.ics)])].sort();
    const calendar = parseOrThrow(Calendar, draft, 'SLA calendar');
    const teamIds = Array.isArray(body.teamIds) ? body.teamIds.filter((t): t is string => typeof t === 'string') : [];
    await db.transaction(async (tx) => {
      await putReference(tx, SLA_CALENDAR, [calendarReference(calendar, teamIds)]);
    });
    return { calendar };
  });
};
