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
  SlaCalendarPut,
  type Agent,
  type SlaAttainmentResponse,
  type SlaCalendarSaved,
  type SlaDeleted,
  type SlaPolicySaved,
} from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { appendAudit } from '../audit';
import { can, type Permission } from '../../../shared/kernel/permissions';
import { deleteReference, putReference } from '../../kernel/reference/index';
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

  app.put<{ Params: { id: string } }>(SLA_PATHS.policy, async (req): Promise<SlaPolicySaved> => {
    const me = await caller(req);
    requireRole(me, 'sla.configure');
    const policy = parseOrThrow(SlaPolicy, { ...(req.body as object), id: req.params.id }, 'SLA policy');
    return db.transaction(async (tx) => {
      await assertPolicyRefs(tx, policy);
      await putReference(tx, SLA_POLICY, [policyReference(policy)]);
      const version = await configured(tx, me, SLA_POLICY.kind, policy.id);
      req.log.info({ policyId: policy.id, version, by: me.id }, 'SLA policy saved');
      return { policy, version };
    });
  });

  app.put<{ Params: { id: string } }>(SLA_PATHS.calendar, async (req): Promise<SlaCalendarSaved> => {
    const me = await caller(req);
    requireRole(me, 'sla.configure');
    const body = parseOrThrow(SlaCalendarPut, req.body ?? {}, 'SLA calendar');
    const draft = { ...(body.calendar as object), id: req.params.id } as Calendar;
    if (body.ics !== undefined) draft.holidays = [...new Set([...(draft.holidays ?? []), ...holidaysFromICalendar(body.ics)])].sort();
    const calendar = parseOrThrow(Calendar, draft, 'SLA calendar');
    return db.transaction(async (tx) => {
      await assertTeams(tx, body.teamIds, 'teamIds');
      await putReference(tx, SLA_CALENDAR, [calendarReference(calendar, body.teamIds)]);
      const version = await configured(tx, me, SLA_CALENDAR.kind, calendar.id);
      req.log.info({ calendarId: calendar.id, version, by: me.id }, 'SLA calendar saved');
      return { calendar, version };
    });
  });

  // Deleting: the policy's teams fall back to the next policy that applies (or the shipped default); a calendar in use
  // by a policy is refused, since a policy naming a missing calendar would silently run 24/7.
  app.delete<{ Params: { id: string } }>(SLA_PATHS.policy, async (req): Promise<SlaDeleted> => {
    const me = await caller(req);
    requireRole(me, 'sla.configure');
    return db.transaction(async (tx) => {
      if (!(await deleteReference(tx, SLA_POLICY, req.params.id))) throw new OmnideskError('NOT_FOUND', 'no such SLA policy');
      const version = await configured(tx, me, SLA_POLICY.kind, req.params.id, true);
      req.log.info({ policyId: req.params.id, version, by: me.id }, 'SLA policy deleted');
      return { id: req.params.id, version };
    });
  });

  app.delete<{ Params: { id: string } }>(SLA_PATHS.calendar, async (req): Promise<SlaDeleted> => {
    const me = await caller(req);
    requireRole(me, 'sla.configure');
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        "select id from reference_items where kind = $1 and not deleted and data->>'calendarId' = $2 order by id limit 5",
        [SLA_POLICY.kind, req.params.id],
      );
      if (rows.length) throw new OmnideskError('CONFLICT', `SLA calendar: in use by ${rows.length === 5 ? 'at least 5 policies' : `${rows.length} ${rows.length === 1 ? 'policy' : 'policies'}`}; change them first`);
      if (!(await deleteReference(tx, SLA_CALENDAR, req.params.id))) throw new OmnideskError('NOT_FOUND', 'no such SLA calendar');
      const version = await configured(tx, me, SLA_CALENDAR.kind, req.params.id, true);
      req.log.info({ calendarId: req.params.id, version, by: me.id }, 'SLA calendar deleted');
      return { id: req.params.id, version };
    });
  });
};

/** A policy names a team and a calendar that exist (a calendar unknown to the desktops would silently mean 24/7). */
async function assertPolicyRefs(tx: Queryable, policy: SlaPolicy): Promise<void> {
  if (policy.teamId) await assertTeams(tx, [policy.teamId], 'teamId');
  if (policy.calendarId) {
    const { rows } = await tx.query('select 1 from reference_items where kind = $1 and id = $2 and not deleted', [SLA_CALENDAR.kind, policy.calendarId]);
    if (!rows.length) throw new OmnideskError('INVALID_ARGUMENT', 'SLA policy: calendarId: no such calendar');
  }
}

async function assertTeams(tx: Queryable, teamIds: readonly string[], field: string): Promise<void> {
  if (!teamIds.length) return;
  const { rows } = await tx.query<{ n: unknown }>('select count(*) as n from teams where id = any($1::uuid[])', [[...new Set(teamIds)]]);
  if (Number(rows[0]?.n) !== new Set(teamIds).size) throw new OmnideskError('INVALID_ARGUMENT', `SLA: ${field}: no such team`);
}

/** The item's version now (an unchanged write keeps it), and who saved it, in the audit trail. */
async function configured(tx: Queryable, me: Agent, kind: string, id: string, deleted = false): Promise<number> {
  const { rows } = await tx.query<{ version: string }>(
    'select version::text as version from reference_items where kind = $1 and id = $2',
    [kind, id],
  );
  const version = Number(rows[0]!.version);
  await appendAudit(tx, [{ actorId: me.id, actorRole: me.role, action: 'sla.configured', detail: { kind, id, version, ...(deleted ? { deleted } : {}) } }]);
  return version;
}
