import { z } from 'zod';
import { DeviceKind } from './customer';
import { Channel, Id, Instant, Language } from './primitives';

/**
 * An agent's availability for routed work (issue 15). `available`: offered work; `busy`: signed in, keeps what they
 * have, offered nothing new; `away`: set by hand or after idle; `offline`: no desktop connected (the server sets it).
 */
export const RoutingPresence = z.enum(['available', 'busy', 'away', 'offline']);
export type RoutingPresence = z.infer<typeof RoutingPresence>;

/** Why the router chose this agent: recorded on the `case.offered` / `case.assigned` event, shown to leads. */
export const RoutingReason = z.object({
  /** how long the agent had had no new work (longest idle goes first) */
  idleMs: z.number().int().nonnegative(),
  /** the agent's open work on this channel before the offer, and their capacity for it */
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
  /** the skills the work asked for */
  language: Language,
  product: DeviceKind.nullable(),
  minTier: z.number().int().min(1).max(3),
  /** agents that had every skill and room (the chosen one included) */
  eligible: z.number().int().nonnegative(),
});
export type RoutingReason = z.infer<typeof RoutingReason>;

export const OfferOutcome = z.enum(['accepted', 'declined', 'expired', 'withdrawn']);
export type OfferOutcome = z.infer<typeof OfferOutcome>;

/** Meta of `case.offered`: the case is offered to one agent until `expiresAt`. */
export const CaseOfferedMeta = {
  offerId: Id,
  agentId: Id,
  channel: Channel,
  expiresAt: Instant,
  reason: RoutingReason,
};

/** Meta of `case.offer_ended`: accepted (a `case.assigned` follows), declined, expired, or withdrawn (the agent left, the case was taken). */
export const CaseOfferEndedMeta = {
  offerId: Id,
  agentId: Id,
  outcome: OfferOutcome,
};
