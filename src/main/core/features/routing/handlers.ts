import { z } from 'zod';
import { AgentSkills, defaultTeamRouting, OfferAnswer, OffersResponse, OmnideskError, PresenceState, ROUTING_PATHS, ROUTING_TEAM, RoutingAgentsResponse, TeamRouting } from '../../../../shared/index';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';

export interface RoutingContext {
  store(): Store;
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
  /** after a team's routing was saved: pull the reference data now */
  referenceChanged(): void;
}

type Methods = 'routing.presence' | 'routing.setPresence' | 'routing.offers' | 'routing.accept' | 'routing.decline' | 'routing.team' | 'routing.saveTeam' | 'routing.saveSkills' | 'routing.agents';

const path = (p: string, params: Record<string, string>) => p.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));

/** Bridge handlers of routing (issue 15): presence and offers live on the server, so they need it; a team's routing is read from the cache. */
export function routingHandlers(ctx: RoutingContext): Pick<BridgeHandlers, Methods> {
  const online = () => {
    const session = ctx.session();
    if (session.offline) throw new OmnideskError('UNAVAILABLE', 'routing needs the server: signed in offline');
    return session;
  };
  const post = (p: string, body: unknown) => serverCall(online(), p, ctx.http, { method: 'POST', body: JSON.stringify(body) });
  const put = (p: string, body: unknown) => serverCall(online(), p, ctx.http, { method: 'PUT', body: JSON.stringify(body) });
  return {
    'routing.presence': async () => readJson(await serverCall(online(), ROUTING_PATHS.presence, ctx.http), PresenceState),
    'routing.setPresence': async (input) => readJson(await post(ROUTING_PATHS.presence, input), PresenceState),
    'routing.offers': async () => readJson(await serverCall(online(), ROUTING_PATHS.offers, ctx.http), OffersResponse),
    'routing.accept': async ({ offerId }) => readJson(await post(path(ROUTING_PATHS.accept, { id: offerId }), {}), OfferAnswer),
    'routing.decline': async ({ offerId }) => readJson(await post(path(ROUTING_PATHS.decline, { id: offerId }), {}), z.object({ ok: z.literal(true) })),
    'routing.team': async ({ teamId }) => ctx.store().reference.get(ROUTING_TEAM, teamId) ?? defaultTeamRouting(teamId),
    'routing.saveTeam': async ({ teamId, routing }) => {
      const saved = readJson(await put(path(ROUTING_PATHS.team, { teamId }), routing), TeamRouting);
      ctx.referenceChanged();
      return saved;
    },
    'routing.saveSkills': async ({ agentId, skills }) => readJson(await put(path(ROUTING_PATHS.skills, { agentId }), skills), AgentSkills),
    'routing.agents': async () => readJson(await serverCall(online(), ROUTING_PATHS.agents, ctx.http), RoutingAgentsResponse),
  };
}
