import type { DeviceKind } from '../../kernel/customer';
import type { Channel, Language } from '../../kernel/primitives';
import type { RoutingRule, TeamRouting } from './settings';

/** What an inbound conversation says about itself, for the team rules. */
export interface InboundFacts {
  channel: Channel;
  recipient: string | null;
  language: Language;
  product: DeviceKind | null;
}

const CONDITIONS = ['channel', 'recipient', 'language', 'product'] as const;

function matches(rule: RoutingRule, facts: InboundFacts): boolean {
  if (rule.channel !== undefined && rule.channel !== facts.channel) return false;
  if (rule.recipient !== undefined && rule.recipient !== facts.recipient?.trim().toLowerCase()) return false;
  if (rule.language !== undefined && rule.language !== facts.language) return false;
  if (rule.product !== undefined && rule.product !== facts.product) return false;
  return true;
}

const specificity = (rule: RoutingRule) => CONDITIONS.filter((c) => rule[c] !== undefined).length;

export interface RuleMatch {
  teamId: string;
  rule: RoutingRule;
}

/**
 * The team an inbound conversation goes to: the matching rule that sets the most conditions wins (a rule for
 * "chinese chats about CGMs" beats one for "chinese"), then the team listed first, then the rule written first.
 * A rule with no condition is a catch-all. Null when nothing matches (the server's default team then).
 */
export function teamForInbound(teams: readonly TeamRouting[], facts: InboundFacts): RuleMatch | null {
  let best: (RuleMatch & { score: number }) | null = null;
  for (const team of teams) {
    for (const rule of team.rules) {
      if (!matches(rule, facts)) continue;
      const score = specificity(rule);
      if (!best || score > best.score) best = { teamId: team.teamId, rule, score };
    }
  }
  return best ? { teamId: best.teamId, rule: best.rule } : null;
}
