import { z } from 'zod';
import { SafetyCategory, SafetyEvidence } from '../../kernel/safety-flag';

// The categories and evidence are the event log's words (kernel/safety-flag.ts); the verdict is the detector's.
export { SAFETY_CATEGORIES, SafetyCategory, SafetyEvidence } from '../../kernel/safety-flag';

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
  /** categories of cues too weak to flag alone (a 'none' verdict of the rules) */
  cues: z.array(SafetyCategory).optional(),
  /** what decided: the rules (with evidence), or the model where the rules found nothing */
  by: z.enum(['rules', 'model']).optional(),
});
export type SafetyVerdict = z.infer<typeof SafetyVerdict>;
