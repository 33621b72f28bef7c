import { z } from 'zod';
import { Priority } from '../../kernel/priority';
import { Channel, Id, Instant } from '../../kernel/primitives';
import { RoutingPresence } from '../../kernel/routing';
import { AgentSkills, TeamRouting } from './settings';

/** The routing feature's HTTP routes (issue 15). */
export const ROUTING_PATHS = {
  presence: '/api/routing/presence',
  offers: '/api/routing/offers',
  accept: '/api/routing/offers/:id/accept',
  decline: '/api/routing/offers/:id/decline',
  team: '/api/routing/teams/:teamId',
  skills: '/api/routing/agents/:agentId/skills',
  agents: '/api/routing/agents',
} as const;

/** What an agent may set; `offline` is the server's (no desktop connected). */
export const PresenceChoice = RoutingPresence.exclude(['offline']);
export type PresenceChoice = z.infer<typeof PresenceChoice>;
export const PresenceUpdate = z.object({
  presence: PresenceChoice,
  /** set by the desktop's idle timer, not by the agent: a later input brings them back */
  auto: z.boolean().optional(),
}).strict();
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;
export const PresenceState = z.object({ presence: RoutingPresence, since: Instant, autoAwayMinutes: z.number().int().positive() });
export type PresenceState = z.infer<typeof PresenceState>;

/**
 * One case offered to this agent: the `live:offer` payload and an entry of GET offers. It names the customer so the
 * agent can decide; it travels only to that agent's desktops and is never logged.
 */
export const Offer = z.object({
  offerId: Id,
  caseId: Id,
  customerId: Id,
  customerName: z.string().max(200),
  channel: Channel,
  subject: z.string().max(500),
  priority: Priority,
  offeredAt: Instant,
  expiresAt: Instant,
});
export type Offer = z.infer<typeof Offer>;
export const OffersResponse = z.object({ offers: z.array(Offer) });
export type OffersResponse = z.infer<typeof OffersResponse>;

/** `live:offer_ended`: the offer is gone from this agent's screen (accepted elsewhere, expired, withdrawn). */
export const OfferEnded = z.object({ offerId: Id, caseId: Id, outcome: z.enum(['accepted', 'declined', 'expired', 'withdrawn']) });
export type OfferEnded = z.infer<typeof OfferEnded>;

export const OfferAnswer = z.object({ caseId: Id, customerId: Id });
export type OfferAnswer = z.infer<typeof OfferAnswer>;

export const ROUTING_LIVE = { offer: 'live:offer', offerEnded: 'live:offer_ended' } as const;

/** A team's routing as an admin or its lead saves it (the teamId comes from the path). */
export const TeamRoutingPut = TeamRouting.omit({ teamId: true }).strict();
export type TeamRoutingPut = z.infer<typeof TeamRoutingPut>;

/** Agents of the caller's teams as the router sees them (leads). */
export const RoutingAgent = z.object({
  agentId: Id,
  presence: RoutingPresence,
  since: Instant,
  skills: AgentSkills,
  /** open work per channel, pending offers included */
  load: z.partialRecord(Channel, z.number().int().nonnegative()),
});
export const RoutingAgentsResponse = z.object({ agents: z.array(RoutingAgent) });
export type RoutingAgentsResponse = z.infer<typeof RoutingAgentsResponse>;
