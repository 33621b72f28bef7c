import { z } from 'zod';

/**
 * What a harm report is about (issue 12). A message may carry several. `device_hazard` is a hazard before anyone is
 * hurt (a swollen battery, sparks, a part a child could swallow): reportable as a possible serious incident.
 */
export const SAFETY_CATEGORIES = [
  'injury',
  'skin',
  'burn_heat',
  'electrical',
  'ingestion_choking',
  'retained_part',
  'bleeding_infection',
  'allergic_reaction',
  'wrong_reading_consequence',
  'fall_not_detected',
  'medical_care',
  'death',
  'device_hazard',
] as const;
export const SafetyCategory = z.enum(SAFETY_CATEGORIES);
export type SafetyCategory = z.infer<typeof SafetyCategory>;

/** One piece of evidence: where in the text (UTF-16 offsets of the text given) and what it showed. */
export const SafetyEvidence = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  category: SafetyCategory,
});
export type SafetyEvidence = z.infer<typeof SafetyEvidence>;

/** The detector's answer: never the text itself, so it may be stored, synced and logged. */
export const SafetyVerdict = z.object({
  /** 'harm': a possible adverse event (a person hurt, or a hazard that could hurt); 'none' otherwise */
  decision: z.enum(['harm', 'none']),
  /** 0..1: how sure the cues are (a strong cue such as "burn" on skin near 0.95, a weak one alone lower) */
  confidence: z.number().min(0).max(1),
  categories: z.array(SafetyCategory),
  evidence: z.array(SafetyEvidence),
  /** why cues were set aside (negated, hypothetical, …), for the agent and the tests; ids only */
  setAside: z.array(z.string()),
});
export type SafetyVerdict = z.infer<typeof SafetyVerdict>;
