import { z } from 'zod';
import {
  AgentSkills,
  canSeeTeam,
  Id,
  OmnideskError,
  parseOrThrow,
  PresenceUpdate,
  ROUTING_PATHS,
  ROUTING_TEAM,
  TeamRoutingPut,
  type Agent,
  type OfferAnswer,
  type OffersResponse,
  type PresenceState,
  type RoutingAgentsResponse,
  type TeamRouting,
} from '../../../shared/index';
import { toIso } from '../../kernel/db/types';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { putReference, referenceVersionOf } from '../../kernel/reference/index';
import { enqueueMany } from '../../kernel/jobs/index';
import { acceptOffer, declineOffer, dispatchJob, noNotices, pendingOffers } from './offers';
import { changePresence, presenceOf } from './presence';
import { routed, type RoutingDeps } from './service';
import { loadOf } from './store';

const OfferParam = z.object({ id: Id });

/** A lead configures the teams they lead; an admin every team. */
function mayConfigure(me: Agent, teamId: string): void {
  if (!canSeeTeam(me, teamId)) throw new OmnideskError('FORBIDDEN', 'not a team of yours');
}

/** Presence, offers and routing settings (issue 15). */
export const routingRoutes: FeatureRoutes = (app, ctx) => {
  const deps: RoutingDeps = { db: ctx.db, poke: ctx.poke, notifyAgent: ctx.notifyAgent };

  app.get(ROUTING_PATHS.presence, async (req): Promise<PresenceState> => presenceOf(ctx.db, (await ctx.caller(req)).id));

  app.post(ROUTING_PATHS.presence, async (req): Promise<PresenceState> => {
    const me = await ctx.caller(req);
    const body = parseOrThrow(PresenceUpdate, req.body ?? {}, 'presence');
    await routed(deps, async (log, now) => ({ notices: await changePresence(log, me.id, body.presence, now) }));
    req.log.info({ agentId: me.id, presence: body.presence, auto: body.auto ?? false }, 'presence changed');
    return presenceOf(ctx.db, me.id);
  });

  app.get(ROUTING_PATHS.offers, async (req): Promise<OffersResponse> => ({ offers: await pendingOffers(ctx.db, (await ctx.caller(req)).id) }));

  app.post<{ Params: { id: string } }>(ROUTING_PATHS.accept, async (req): Promise<OfferAnswer> => {
    const me = await ctx.caller(req);
    const { id } = parseOrThrow(OfferParam, req.params, 'offer');
    const out = await routed(deps, (log, now) => acceptOffer(log, me, id, now));
    req.log.info({ agentId: me.id, offerId: id }, 'offer accepted');
    return { caseId: out.caseId, customerId: out.customerId };
  });

  app.post<{ Params: { id: string } }>(ROUTING_PATHS.decline, async (req): Promise<{ ok: true }> => {
    const me = await ctx.caller(req);
    const { id } = parseOrThrow(OfferParam, req.params, 'offer');
    await routed(deps, async (log, now) => {
      await declineOffer(log, me, id, now);
      return { notices: noNotices() };
    });
    req.log.info({ agentId: me.id, offerId: id }, 'offer declined');
    return { ok: true };
  });

  app.put<{ Params: { teamId: string } }>(ROUTING_PATHS.team, async (req): Promise<TeamRouting> => {
    const me = await ctx.caller(req);
    const teamId = parseOrThrow(Id, req.params.teamId, 'team id');
    mayConfigure(me, teamId);
    const routing: TeamRouting = { teamId, ...parseOrThrow(TeamRoutingPut, req.body ?? {}, 'team routing') };
    const version = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query('select 1 from teams where id = $1', [teamId]);
      if (rows.length === 0) throw new OmnideskError('NOT_FOUND', 'no such team');
      await putReference(tx, ROUTING_TEAM, [{ id: teamId, teamIds: [teamId], data: routing }]);
      // more room or a longer list of live channels: the waiting work is routed again under the new settings
      await enqueueMany(tx, [dispatchJob(teamId, `settings:${Date.now()}`)]);
      return referenceVersionOf(tx, ROUTING_TEAM, teamId);
    });
    ctx.referenceChanged(version);
    req.log.info({ teamId, by: me.id, rules: routing.rules.length }, 'team routing saved');
    return routing;
  });

  app.put<{ Params: { agentId: string } }>(ROUTING_PATHS.skills, async (req): Promise<AgentSkills> => {
    const me = await ctx.caller(req);
    const agentId = parseOrThrow(Id, req.params.agentId, 'agent id');
    const skills = parseOrThrow(AgentSkills, req.body ?? {}, 'skills');
    const { rows } = await ctx.db.query<{ team_ids: string[] }>('select team_ids from agents where id = $1', [agentId]);
    const agent = rows[0];
    if (!agent) throw new OmnideskError('NOT_FOUND', 'no such agent');
    if (me.role !== 'admin' && !agent.team_ids.some((t) => me.teamIds.includes(t))) throw new OmnideskError('FORBIDDEN', 'not an agent of your teams');
    await ctx.db.query(
      `insert into routing_agents (agent_id, products, tier) values ($1, $2::text::jsonb, $3)
       on conflict (agent_id) do update set products = excluded.products, tier = excluded.tier`,
      [agentId, JSON.stringify(skills.products), skills.tier],
    );
    req.log.info({ agentId, by: me.id, tier: skills.tier, products: skills.products.length }, 'agent skills saved');
    return skills;
  });

  app.get(ROUTING_PATHS.agents, async (req): Promise<RoutingAgentsResponse> => {
    const me = await ctx.caller(req);
    const { rows } = await ctx.db.query<{ id: string; presence: string | null; since: unknown; products: unknown; tier: number | null }>(
      `select a.id, r.presence, r.since, r.products, r.tier from agents a left join routing_agents r on r.agent_id = a.id
        where a.role <> 'admin' and ($1::boolean or exists (select 1 from jsonb_array_elements_text(a.team_ids) t where t = any($2::text[])))
        order by a.display_name`,
      [me.role === 'admin', me.teamIds],
    );
    const load = await loadOf(ctx.db, rows.map((r) => r.id));
    return {
      agents: rows.map((r) => ({
        agentId: r.id,
        presence: (r.presence ?? 'offline') as RoutingAgentsResponse['agents'][number]['presence'],
        since: r.since ? toIso(r.since) : new Date(0).toISOString(),
        skills: AgentSkills.safeParse({ products: r.products ?? [], tier: r.tier ?? 1 }).data ?? { products: [], tier: 1 },
        load: load.get(r.id) ?? {},
      })),
    };
  });
};
