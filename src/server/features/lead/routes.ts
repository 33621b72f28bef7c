import {
  AlertsQuery,
  alertWindow,
  canSeeTeam,
  KpiCasesQuery,
  KpiQuery,
  LEAD_PATHS,
  OmnideskError,
  parseOrThrow,
  WallboardQuery,
  teamAlerts,
  LEAD_LIVE,
  LeadMessageSend,
  newId,
  type LeadMessage,
  type LeadMessageSent,
  type AlertsResponse,
  type KpiCasesResponse,
  type KpiResponse,
  type WallboardResponse,
} from '../../../shared/index';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { loadAgent } from '../../kernel/events/index';
import { recordAudit } from '../audit/index';
import { teamKpis } from './report';
import { namesOf, reportWindow, teamsFor } from './scope';
import { buildWallboard } from './wallboard';

/** The lead console's reads (issue 16); the guard lets only `console.read` through, the handlers check the team. */
export const leadRoutes: FeatureRoutes = (app, ctx) => {
  app.get(LEAD_PATHS.wallboard, async (req): Promise<WallboardResponse> => {
    const me = await ctx.caller(req);
    const q = parseOrThrow(WallboardQuery, req.query ?? {}, 'wallboard');
    const teams = await teamsFor(ctx.db, me, q.teamId);
    return { wallboards: await Promise.all(teams.map((t) => buildWallboard(ctx.db, t))) };
  });

  app.get(LEAD_PATHS.kpis, async (req): Promise<KpiResponse> => {
    const me = await ctx.caller(req);
    const q = parseOrThrow(KpiQuery, req.query ?? {}, 'kpis');
    reportWindow(q);
    const teams = await teamsFor(ctx.db, me, q.teamId);
    const { rows } = await teamKpis(ctx.db, teams, q);
    return { rows, names: await namesOf(ctx.db, rows.map((r) => r.key)), generatedAt: new Date().toISOString() };
  });

  app.get(LEAD_PATHS.alerts, async (req): Promise<AlertsResponse> => {
    const me = await ctx.caller(req);
    const q = parseOrThrow(AlertsQuery, req.query ?? {}, 'alerts');
    const teams = await teamsFor(ctx.db, me, q.teamId);
    const now = new Date();
    const span = alertWindow(now.getTime(), q.timeZone);
    if (!span) throw new OmnideskError('INVALID_ARGUMENT', 'unknown time zone');
    const kq = KpiQuery.parse({ ...span, period: 'day', by: 'team', timeZone: q.timeZone });
    const out: AlertsResponse['teams'] = [];
    for (const teamId of teams) {
      const { rows } = await teamKpis(ctx.db, [teamId], kq);
      out.push({ teamId, alerts: teamAlerts(rows.filter((r) => r.key === teamId)) });
    }
    return { teams: out, generatedAt: now.toISOString() };
  });

  app.post(LEAD_PATHS.message, async (req): Promise<LeadMessageSent> => {
    const me = await ctx.caller(req);
    const body = parseOrThrow(LeadMessageSend, req.body ?? {}, 'message');
    const to = await loadAgent(ctx.db, body.agentId);
    // only an agent of one of the lead's teams (an admin: anyone)
    if (!to || (me.role !== 'admin' && !to.teamIds.some((t) => me.teamIds.includes(t)))) throw new OmnideskError('NOT_FOUND', 'no such agent in your teams');
    let customerId: string | null = null;
    if (body.caseId) {
      const { rows } = await ctx.db.query<{ customer_id: string; team_id: string }>('select customer_id, team_id from cases where id = $1', [body.caseId]);
      if (!rows[0] || !canSeeTeam(me, rows[0].team_id)) throw new OmnideskError('NOT_FOUND', 'no such case in your teams');
      customerId = rows[0].customer_id;
    }
    const message: LeadMessage = { id: newId(), fromId: me.id, fromName: me.displayName, text: body.text, caseId: body.caseId, customerId, at: new Date().toISOString() };
    await recordAudit(ctx.db, { actorId: me.id, actorRole: me.role, action: 'lead.messaged', customerIds: customerId ? [customerId] : [], detail: { messageId: message.id, agentId: to.id, caseId: body.caseId } });
    const { rows: online } = await ctx.db.query<{ n: string | number }>('select count(*) as n from sync_clients where agent_id = $1 and connected', [to.id]);
    ctx.notifyAgent(to.id, LEAD_LIVE.message, message);
    req.log.info({ agentId: me.id, to: to.id, messageId: message.id }, 'lead message sent');
    return { id: message.id, delivered: Number(online[0]?.n ?? 0) > 0 };
  });

  app.get(LEAD_PATHS.kpiCases, async (req): Promise<KpiCasesResponse> => {
    const me = await ctx.caller(req);
    const q = parseOrThrow(KpiCasesQuery, req.query ?? {}, 'kpi cases');
    reportWindow(q);
    const teams = await teamsFor(ctx.db, me, q.teamId);
    const { caseIds } = await teamKpis(ctx.db, teams, q, { period: q.row, key: q.key === '' ? null : q.key, figure: q.figure });
    return { caseIds: caseIds.slice(0, 1000) };
  });
};
