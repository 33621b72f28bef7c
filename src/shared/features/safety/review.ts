import type { Case, CaseFlag } from '../../kernel/case';
import { regulatoryClock, unreviewedInput, type RegulatoryClock } from './regulatory-clock';

/**
 * Where a case stands on safety (issue 12), for queues and the case header. One definition, read by the desktop's
 * queue, the renderer and the server alike.
 * - `review`: a flag nobody has confirmed or dismissed for good (an agent's dismissal is only proposed);
 * - `complaint`: a confirmed flag, its record still open (no reportability decision, or a report still to file);
 * - `done`: every flag dismissed, or the record decided and its reports filed;
 * - `none`: never flagged.
 */
export type SafetyStanding = 'none' | 'review' | 'complaint' | 'done';

export function openFlags(k: Case): CaseFlag[] {
  return (k.safety?.flags ?? []).filter((f) => f.state === 'open' || f.state === 'dismissal_proposed');
}

export function safetyStanding(k: Case): SafetyStanding {
  const s = k.safety;
  if (!s || s.flags.length === 0) return 'none';
  if (openFlags(k).length > 0) return 'review';
  const r = s.complaint;
  if (!r) return 'done';
  const d = r.decision?.reportability;
  if (!d) return 'complaint';
  const fdaOwed = (d === 'fda_mdr' || d === 'fda_mdr_and_eu_vigilance') && !r.fdaReport;
  const euOwed = (d === 'eu_vigilance' || d === 'fda_mdr_and_eu_vigilance') && !r.euReport;
  return fdaOwed || euOwed ? 'complaint' : 'done';
}

/** The safety queue (specialists, leads): cases with a flag to review or a record to complete. */
export function inSafetyQueue(k: Case): boolean {
  const s = safetyStanding(k);
  return s === 'review' || s === 'complaint';
}

/**
 * "Surveys are never sent on a case with an open possible adverse event" (DOMAIN.md): the one rule the survey feature
 * asks before sending.
 */
export function surveyAllowed(k: Case): boolean {
  return !inSafetyQueue(k);
}

/** The earliest awareness among the flags still standing (not dismissed): the regulatory clock's start. */
export function awarenessOf(k: Case): string | null {
  const r = k.safety?.complaint;
  if (r) return r.receivedAt;
  let best: string | null = null;
  for (const f of k.safety?.flags ?? []) if (f.state !== 'dismissed' && (!best || Date.parse(f.awareAt) < Date.parse(best))) best = f.awareAt;
  return best;
}

/** The regulatory clock of a case with a standing flag or a record (null: nothing to report), from the record when there is one. */
export function caseRegulatoryClock(k: Case, now: number): RegulatoryClock | null {
  const r = k.safety?.complaint;
  if (r) return regulatoryClock({ ...r, awareAt: r.receivedAt }, now);
  const aware = awarenessOf(k);
  return aware ? regulatoryClock(unreviewedInput(aware), now) : null;
}
