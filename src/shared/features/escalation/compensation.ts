import type { Role } from '../../kernel/agent';
import { normalise } from '../../kernel/text-normalise';
import type { CompensationTier } from './rule';

/**
 * Compensation in a text (issue 13): the highest tier of DOMAIN.md it asks for or offers — basic (a coupon, a
 * voucher, a free extra service), medium (a refund, an exchange, a replacement), severe (damages, medical costs,
 * full remedy). A tier above the agent's authority waits for a lead's yes or no.
 */
const TIERS: readonly [CompensationTier, RegExp][] = [
  ['severe', /\b(?:damages|compensat(?:e|ion) (?:me |you )?for (?:the |my |your )?(?:injur|burn|harm|medical|hospital|pain)|medical (?:bills|costs|expenses)|hospital (?:bills|costs)|full remedy|pay for (?:my|the|your) (?:treatment|doctor|hospital))\w*|(?:赔偿医药费|医药费|医疗费|精神损失|精神赔偿|人身损害|赔偿损失|全额赔偿)/],
  ['medium', /\b(?:refund(?:ed|s)?|money back|reimburs\w*|replacement|replace (?:it|the|your|my)|exchange|new (?:unit|device|one)|return (?:it|the device) for|compensat\w*|goodwill)\b|(?:退款|退钱|退货|换货|换新|换一个|换个新的|补发|赔偿|补偿)/],
  ['basic', /\b(?:coupon|voucher|discount|promo code|store credit|credit (?:to|on) (?:your|my) account|free (?:month|extra|shipping|strap|subscription|sensor)|gift card|points)\b|(?:优惠券|代金券|折扣|打折|积分|免费送|赠送|送一个|礼品卡)/],
];

const RANK: Record<CompensationTier, number> = { basic: 1, medium: 2, severe: 3 };

/** The highest tier each role may grant on its own. */
export const COMPENSATION_AUTHORITY: Readonly<Record<Role, CompensationTier>> = { agent: 'basic', specialist: 'medium', lead: 'severe', admin: 'severe' };

export function detectCompensation(input: string): CompensationTier | null {
  const t = normalise(input.length > 20_000 ? input.slice(0, 20_000) : input);
  for (const [tier, re] of TIERS) if (re.test(t)) return tier;
  return null;
}

export function aboveAuthority(tier: CompensationTier, role: Role): boolean {
  return RANK[tier] > RANK[COMPENSATION_AUTHORITY[role]];
}

export function tierRank(tier: CompensationTier): number {
  return RANK[tier];
}
