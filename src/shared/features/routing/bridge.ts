import { z } from 'zod';
import { Id } from '../../kernel/primitives';
import { Offer, OfferAnswer, OfferEnded, PresenceState, PresenceUpdate, RoutingAgentsResponse, TeamRoutingPut } from './contract';
import { AgentSkills, TeamRouting } from './settings';
import { AttentionItem } from './attention';

/** The routing bridge methods (issue 15): presence and offers go to the server (online only); a team's routing is read from the cache. */
export const routingBridgeMethods = {
  'routing.presence': { input: z.object({}).strict(), output: PresenceState },
  'routing.setPresence': { input: PresenceUpdate, output: PresenceState },
  /** the offers waiting for this agent now (after a reconnect the live ones may have been missed) */
  'routing.offers': { input: z.object({}).strict(), output: z.object({ offers: z.array(Offer) }) },
  'routing.accept': { input: z.object({ offerId: Id }).strict(), output: OfferAnswer },
  'routing.decline': { input: z.object({ offerId: Id }).strict(), output: z.object({ ok: z.literal(true) }) },
  /** a team's routing as last synced (defaults when none was saved) */
  'routing.team': { input: z.object({ teamId: Id }).strict(), output: TeamRouting },
  /** leads and admins: save a team's routing */
  'routing.saveTeam': { input: z.object({ teamId: Id, routing: TeamRoutingPut }).strict(), output: TeamRouting },
  /** leads and admins: set an agent's products and tier */
  'routing.saveSkills': { input: z.object({ agentId: Id, skills: AgentSkills }).strict(), output: AgentSkills },
  /** leads and admins: their teams' agents as the router sees them (presence, load, skills) */
  'routing.agents': { input: z.object({}).strict(), output: RoutingAgentsResponse },
} as const;

/** Main → renderer: a case offered to this agent, and one that is no longer theirs to take. */
export const routingBridgeEvents = {
  'routing.offer': Offer,
  'routing.offerEnded': OfferEnded,
  /** customers wrote on this agent's own cases (pulled since the desktop last looked) */
  'routing.attention': z.object({ items: z.array(AttentionItem).min(1) }),
} as const;
