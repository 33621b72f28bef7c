import type { DeviceKind } from '../../kernel/customer';
import type { Channel, Language } from '../../kernel/primitives';
import type { RoutingPresence, RoutingReason } from '../../kernel/routing';
import type { Capacity } from './settings';

/** A case waiting for an agent, with the skills it needs. */
export interface RoutingWork {
  caseId: string;
  teamId: string;
  channel: Channel;
  language: Language;
  product: DeviceKind | null;
  minTier: number;
  /** agents who declined it or let an offer of it expire: not offered it again */
  passedBy: readonly string[];
}

/** An agent as the router sees them. */
export interface RoutingCandidate {
  agentId: string;
  teamIds: readonly string[];
  languages: readonly Language[];
  /** empty: every product */
  products: readonly DeviceKind[];
  tier: number;
  presence: RoutingPresence;
  /** open work they hold per channel, pending offers included */
  load: Partial<Record<Channel, number>>;
  /** ms since epoch of their last new work (offer, assignment) or of becoming available, whichever is later */
  idleSince: number;
}

/** Why nobody was chosen: how many agents of the team fell at each test (the first they failed). */
export interface NoAgent {
  agentId: null;
  considered: number;
  failed: { presence: number; language: number; product: number; tier: number; capacity: number; passed: number };
}
export interface Chosen {
  agentId: string;
  reason: RoutingReason;
}
export type RoutingDecision = Chosen | NoAgent;

type Test = keyof NoAgent['failed'];

/** The first test this agent fails for this work, or null when they can take it. */
export function failedTest(work: RoutingWork, a: RoutingCandidate, capacity: Capacity): Test | null {
  if (a.presence !== 'available') return 'presence';
  if (!a.languages.includes(work.language)) return 'language';
  if (work.product && a.products.length > 0 && !a.products.includes(work.product)) return 'product';
  if (a.tier < work.minTier) return 'tier';
  if ((a.load[work.channel] ?? 0) >= capacity[work.channel]) return 'capacity';
  if (work.passedBy.includes(a.agentId)) return 'passed';
  return null;
}

/**
 * Who gets this work (issue 15): among the team's agents who are available, speak the case's language, know its
 * product (or every product), have the tier and room on the channel, and have not passed on it — the one idle
 * longest (ties: fewest open items on the channel, then id, so the answer is stable). Pure: the server calls it
 * per waiting case with the agents' state as of its transaction.
 */
export function chooseAgent(work: RoutingWork, agents: readonly RoutingCandidate[], capacity: Capacity, now: number): RoutingDecision {
  const failed: NoAgent['failed'] = { presence: 0, language: 0, product: 0, tier: 0, capacity: 0, passed: 0 };
  let considered = 0;
  let best: RoutingCandidate | null = null;
  let eligible = 0;
  for (const a of agents) {
    if (!a.teamIds.includes(work.teamId)) continue;
    considered++;
    const test = failedTest(work, a, capacity);
    if (test) {
      failed[test]++;
      continue;
    }
    eligible++;
    if (!best || before(a, best, work.channel)) best = a;
  }
  if (!best) return { agentId: null, considered, failed };
  return {
    agentId: best.agentId,
    reason: {
      idleMs: Math.max(0, Math.round(now - best.idleSince)),
      load: best.load[work.channel] ?? 0,
      capacity: capacity[work.channel],
      language: work.language,
      product: work.product,
      minTier: work.minTier,
      eligible,
    },
  };
}

function before(a: RoutingCandidate, b: RoutingCandidate, channel: Channel): boolean {
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  const la = a.load[channel] ?? 0;
  const lb = b.load[channel] ?? 0;
  if (la !== lb) return la < lb;
  return a.agentId < b.agentId;
}

/**
 * The order waiting work is routed in: P0 first, then higher priority, then the longest waiting. One agent's slot
 * goes to the most urgent case, not the one that happened to arrive last.
 */
export function compareWork(a: { priority: string; openedAt: string; caseId: string }, b: { priority: string; openedAt: string; caseId: string }): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1; // 'P0' < 'P1' < …
  if (a.openedAt !== b.openedAt) return a.openedAt < b.openedAt ? -1 : 1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}
