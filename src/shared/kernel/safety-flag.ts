import { z } from 'zod';
import { Channel } from './primitives';

/**
 * The vocabulary of a safety flag as the event log records it (`safety.flagged`): which harm a message reports and
 * where it says so. The detector that produces it lives in features/safety; the log only needs the words.
 * `device_hazard` is a hazard before anyone is hurt (a swollen battery, sparks, a part a child could swallow).
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

/** One piece of evidence: where in the message body (UTF-16 offsets) and what it showed. */
export const SafetyEvidence = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  category: SafetyCategory,
});
export type SafetyEvidence = z.infer<typeof SafetyEvidence>;

export const SafetyFlagMeta = {
  /** the message.received / message.sent / note.added event the flag is on */
  messageId: z.string().uuid(),
  categories: z.array(SafetyCategory).min(1).max(SAFETY_CATEGORIES.length),
  evidence: z.array(SafetyEvidence).max(100),
  confidence: z.number().min(0).max(1),
  /** the detector on arrival, or an agent by hand */
  source: z.enum(['detector', 'agent']),
  /** when the flagged message reached us (the regulatory clock's start); absent: the flag's own time (on arrival) */
  awareAt: z.iso.datetime({ offset: true }).optional(),
  /** an agent's flag: why (their words) */
  reason: z.string().max(2000).optional(),
  /** the channel the flagged message came by (the complaint record's "channel received") */
  channel: Channel.nullable().optional(),
};

/** The detector's verdict on a note the agent typed, carried by the note itself (one mutation, one event). */
export const NoteSafety = z.object({
  categories: SafetyFlagMeta.categories,
  evidence: SafetyFlagMeta.evidence,
  confidence: SafetyFlagMeta.confidence,
  /** the channel of the conversation the note is on (a phone call's note: phone) */
  channel: Channel.nullable(),
});
export type NoteSafety = z.infer<typeof NoteSafety>;
