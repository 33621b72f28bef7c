import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';

/**
 * The detractor loop (issue 18): an answer with NPS 0–6, CSAT 1–2 or CES 6–7 opens a follow-up task for the team's
 * lead, due 48 h later (the best practice: call detractors back within two days), tracked until the lead closes it
 * with an outcome.
 */
export const FOLLOW_UP_HOURS = 48;
/** Warn when less than this is left on the clock. */
export const FOLLOW_UP_WARN_MS = 8 * 3_600_000;

export const FollowUpOutcome = z.enum(['called_back', 'resolved', 'no_answer', 'declined']);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

export const FollowUp = z.object({
  id: Id,
  surveyId: Id,
  caseId: Id,
  customerId: Id,
  teamId: Id,
  /** who the answer counts for */
  agentId: Id.nullable(),
  openedAt: Instant,
  dueAt: Instant,
  state: z.enum(['open', 'done']),
  closedAt: Instant.nullable(),
  closedBy: Id.nullable(),
  outcome: FollowUpOutcome.nullable(),
  /** what the answer said, so the lead knows why (scores only; the comment is the case's message) */
  nps: z.number().int().nullable(),
  csat: z.number().int().nullable(),
  ces: z.number().int().nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const followUpDue = (answeredAt: number): number => answeredAt + FOLLOW_UP_HOURS * 3_600_000;

export type FollowUpClock = { state: 'done'; late: boolean } | { state: 'running' | 'warning' | 'overdue'; remainingMs: number };

/** Where a follow-up's 48 h clock stands at `now`; a closed one says whether it was closed late. */
export function followUpClock(f: Pick<FollowUp, 'state' | 'dueAt' | 'closedAt'>, now: number): FollowUpClock {
  const due = Date.parse(f.dueAt);
  if (f.state === 'done') return { state: 'done', late: f.closedAt !== null && Date.parse(f.closedAt) > due };
  const remainingMs = due - now;
  return { state: remainingMs < 0 ? 'overdue' : remainingMs < FOLLOW_UP_WARN_MS ? 'warning' : 'running', remainingMs };
}

export const FollowUpsQuery = z.object({ teamId: Id.optional(), state: z.enum(['open', 'all']).default('open') }).strict();
export type FollowUpsQuery = z.infer<typeof FollowUpsQuery>;
export const FollowUpsResponse = z.object({ followUps: z.array(FollowUp), names: z.record(z.string(), z.string()) });
export type FollowUpsResponse = z.infer<typeof FollowUpsResponse>;
export const FollowUpClose = z.object({ outcome: FollowUpOutcome }).strict();
export type FollowUpClose = z.infer<typeof FollowUpClose>;
