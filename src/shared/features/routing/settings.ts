import { z } from 'zod';
import { DeviceKind } from '../../kernel/customer';
import { Channel, Id, Language } from '../../kernel/primitives';
import { referenceKind } from '../../kernel/reference';

/**
 * An inbound rule of a team: new conversations matching every condition it sets go to that team. Conditions left
 * out match anything. `recipient` is the address the customer wrote to: a mailbox (support-cn@…), a chat widget's
 * name, a social business number.
 */
export const RoutingRule = z.object({
  channel: Channel.optional(),
  recipient: z.string().trim().toLowerCase().min(1).max(200).optional(),
  language: Language.optional(),
  product: DeviceKind.optional(),
  /** work matched by this rule is only offered to agents of at least this tier (2: second line, 3: clinical) */
  minTier: z.number().int().min(1).max(3).optional(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/** How much open work of a channel one agent holds at once before the router offers them no more. */
export const Capacity = z.object({
  chat: z.number().int().min(0).max(50),
  phone: z.number().int().min(0).max(5),
  email: z.number().int().min(0).max(500),
  social: z.number().int().min(0).max(50),
});
export type Capacity = z.infer<typeof Capacity>;

/**
 * A team's routing (data, edited by its lead or an admin; reference item `routing.team`, id = the team's id).
 * Live channels are offered to one agent at a time; the others wait in the team queue, or go round robin.
 */
export const TeamRouting = z.object({
  teamId: Id,
  rules: z.array(RoutingRule).max(50),
  liveChannels: z.array(Channel).max(4),
  /** for the non-live channels: wait in the team queue, or go to the next agent with room (round robin) */
  nonLive: z.enum(['queue', 'round_robin']),
  offerTimeoutSeconds: z.number().int().min(5).max(600),
  capacity: Capacity,
  /** an agent's desktop with no input this long sets them away */
  autoAwayMinutes: z.number().int().min(1).max(240),
});
export type TeamRouting = z.infer<typeof TeamRouting>;

export const DEFAULT_CAPACITY: Capacity = { chat: 3, phone: 1, email: 10, social: 3 };

export function defaultTeamRouting(teamId: string): TeamRouting {
  return { teamId, rules: [], liveChannels: ['chat', 'phone', 'social'], nonLive: 'queue', offerTimeoutSeconds: 30, capacity: { ...DEFAULT_CAPACITY }, autoAwayMinutes: 10 };
}

export const ROUTING_TEAM = referenceKind<TeamRouting>('routing.team', TeamRouting);

/** An agent's routing skills beyond their languages (agent.languages): products (empty: all) and tier. */
export const AgentSkills = z.object({
  products: z.array(DeviceKind).max(DeviceKind.options.length),
  tier: z.number().int().min(1).max(3),
});
export type AgentSkills = z.infer<typeof AgentSkills>;
export const DEFAULT_SKILLS: AgentSkills = { products: [], tier: 1 };
