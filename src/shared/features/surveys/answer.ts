import { z } from 'zod';

/**
 * What a customer answers to a survey (issue 18, DOMAIN.md): CSAT 1–5, NPS 0–10, CES 1–7 (1 very easy, 7 very
 * hard), optional 1–5 ratings of the perception dimensions, and a comment. Every part may be left out: a customer
 * who only taps a score has answered.
 */
export const PERCEPTION_DIMENSIONS = ['responsiveness', 'resolution', 'empathy', 'expertise', 'convenience', 'communication', 'personalization', 'security', 'fees'] as const;
export const PerceptionDimension = z.enum(PERCEPTION_DIMENSIONS);
export type PerceptionDimension = z.infer<typeof PerceptionDimension>;

const score = (min: number, max: number) => z.number().int().min(min).max(max);

export const SurveyAnswer = z
  .object({
    csat: score(1, 5).optional(),
    nps: score(0, 10).optional(),
    ces: score(1, 7).optional(),
    dimensions: z.partialRecord(PerceptionDimension, score(1, 5)).optional(),
    comment: z.string().trim().max(4000).optional(),
  })
  .strict()
  .refine((a) => a.csat !== undefined || a.nps !== undefined || a.ces !== undefined || Object.keys(a.dimensions ?? {}).length > 0 || !!a.comment, 'an answer needs at least one score or a comment');
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** A detractor (issue 18): NPS 0–6, CSAT 1–2 or CES 6–7. The lead calls them back within 48 h. */
export function isDetractor(a: Pick<SurveyAnswer, 'csat' | 'nps' | 'ces'>): boolean {
  return (a.nps !== undefined && a.nps <= 6) || (a.csat !== undefined && a.csat <= 2) || (a.ces !== undefined && a.ces >= 6);
}
