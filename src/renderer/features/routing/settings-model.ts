import type { RoutingRule, TeamRouting, TeamRoutingPut } from '../../../shared/features/routing';

/** A rule as the editor holds it: '' for a condition left out, the recipient as typed. */
export interface RuleRow {
  channel: NonNullable<RoutingRule['channel']> | '';
  recipient: string;
  language: NonNullable<RoutingRule['language']> | '';
  product: NonNullable<RoutingRule['product']> | '';
  minTier: '' | '2' | '3';
}

export const emptyRule = (): RuleRow => ({ channel: '', recipient: '', language: '', product: '', minTier: '' });

export function rowOf(r: RoutingRule): RuleRow {
  return { channel: r.channel ?? '', recipient: r.recipient ?? '', language: r.language ?? '', product: r.product ?? '', minTier: r.minTier === 2 ? '2' : r.minTier === 3 ? '3' : '' };
}

/** The rule the server is sent: only the conditions set. */
export function ruleOf(row: RuleRow): RoutingRule {
  return {
    ...(row.channel ? { channel: row.channel } : {}),
    ...(row.recipient.trim() ? { recipient: row.recipient.trim().toLowerCase() } : {}),
    ...(row.language ? { language: row.language } : {}),
    ...(row.product ? { product: row.product } : {}),
    ...(row.minTier ? { minTier: Number(row.minTier) } : {}),
  };
}

/** What is saved: the team's settings without its id (the path names it), rules as set. */
export function putOf(t: TeamRouting, rules: readonly RuleRow[]): TeamRoutingPut {
  const { teamId: _teamId, ...rest } = t;
  return { ...rest, rules: rules.map(ruleOf) };
}
