import { z } from 'zod';
import type { Case } from '../../kernel/case';
import { Instant } from '../../kernel/primitives';
import { SafetyCategory } from '../../kernel/safety-flag';
import { caseRegulatoryClock, safetyStanding } from './review';

/** A queue row's safety side (issue 12): where the case stands and the regulatory deadline to meet next. */
export const QueueSafety = z.object({
  standing: z.enum(['review', 'complaint', 'done']),
  categories: z.array(SafetyCategory),
  next: z
    .object({
      regime: z.enum(['fda', 'eu']),
      rule: z.enum(['fda_30d', 'fda_5wd', 'eu_15d', 'eu_10d', 'eu_2d']),
      dueAt: Instant,
      warnAt: Instant,
    })
    .nullable(),
});
export type QueueSafety = z.infer<typeof QueueSafety>;

export function queueSafety(k: Case, now: number): QueueSafety | undefined {
  const standing = safetyStanding(k);
  if (standing === 'none') return undefined;
  const categories = [...new Set((k.safety?.flags ?? []).filter((f) => f.state !== 'dismissed').flatMap((f) => f.categories))];
  const next = standing === 'done' ? null : (caseRegulatoryClock(k, now)?.next ?? null);
  return { standing, categories, next: next && { regime: next.regime, rule: next.rule, dueAt: next.dueAt, warnAt: next.warnAt } };
}
