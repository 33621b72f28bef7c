import { z } from 'zod';
import { Id, Instant } from './primitives';
import { Priority } from './priority';

/**
 * The vocabulary of escalation as the event log records it (issue 13): the actions a rule or a script step takes, a
 * script run's entries, the handoff summary and a compensation approval, and what a case keeps of them. The rules,
 * scripts, detectors and the runner live in features/escalation; the log only needs the words.
 */
const Key = z.string().min(1).max(64);

export const HandoffTarget = z.enum(['lead', 'specialist']);
export type HandoffTarget = z.infer<typeof HandoffTarget>;

/** Compensation tiers of DOMAIN.md, lowest first. */
export const CompensationTier = z.enum(['basic', 'medium', 'severe']);
export type CompensationTier = z.infer<typeof CompensationTier>;

export const Action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('show_script'), script: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a script id is lower-case letters, digits and dashes') }).strict(),
  z.object({ type: z.literal('raise_priority'), to: Priority }).strict(),
  /** route to the specialist or lead queue with a handoff summary written from the case */
  z.object({ type: z.literal('route'), to: HandoffTarget }).strict(),
  z.object({ type: z.literal('notify_lead') }).strict(),
  z.object({ type: z.literal('add_tag'), tag: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a tag is lower-case letters, digits, - and _ (at most 40)') }).strict(),
  /** compensation above the agent's tier waits for a lead's yes or no */
  z.object({ type: z.literal('request_approval'), kind: z.literal('compensation') }).strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];

/** An answer as recorded: yes/no, a choice's id, a number, an ISO date or free text. */
export const AnswerValue = z.union([z.boolean(), z.number().finite(), z.string().max(2000)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/**
 * One entry of a script run on a case: every prompt shown, answered, skipped or overridden (with the reason), and
 * the moves between steps. The case's entries form a hash chain (features/escalation/chain.ts).
 */
export const ScriptEntry = z.discriminatedUnion('type', [
  /** the script was shown (a rule fired it, or the agent opened it) */
  z.object({ type: z.literal('started'), runId: Id, scriptId: Key, revision: z.number().int().nonnegative(), ruleId: Key.nullable() }).strict(),
  z.object({ type: z.literal('answered'), runId: Id, stepId: Key, questionId: Key, value: AnswerValue }).strict(),
  /** a question passed over; a required one needs a reason */
  z.object({ type: z.literal('skipped'), runId: Id, stepId: Key, questionId: Key, reason: z.string().max(1000) }).strict(),
  /** the agent left the script's path (another step, or the end) against what the answers say, with the reason */
  z.object({ type: z.literal('overridden'), runId: Id, stepId: Key, to: Key, reason: z.string().trim().min(1).max(1000) }).strict(),
  /** the agent moved on from a step to the one the answers select (`end` ends the run) */
  z.object({ type: z.literal('advanced'), runId: Id, stepId: Key, to: Key }).strict(),
  /** a suggested phrase went into the reply */
  z.object({ type: z.literal('phrase_inserted'), runId: Id, stepId: Key, index: z.number().int().nonnegative().max(9) }).strict(),
]);
export type ScriptEntry = z.infer<typeof ScriptEntry>;
export type ScriptEntryType = ScriptEntry['type'];

const Line = z.string().max(1000);
/**
 * What the lead or specialist reads when a case is handed over, written from the case: the device, the problem, the
 * customer's mood, what was tried, the script's answers and what is still open. No contact details (the customer is
 * the case's, read where it lives).
 */
export const HandoffSummary = z
  .object({
    problem: Line,
    device: Line.nullable(),
    mood: z.enum(['anxious', 'angry', 'negative', 'neutral']).nullable(),
    safety: z.boolean(),
    tried: z.array(Line).max(30),
    answers: z.array(z.object({ question: Line, answer: Line }).strict()).max(60),
    open: z.array(Line).max(30),
    note: z.string().max(4000),
  })
  .strict();
export type HandoffSummary = z.infer<typeof HandoffSummary>;

export const ApprovalState = z.enum(['pending', 'approved', 'declined']);
export type ApprovalState = z.infer<typeof ApprovalState>;

export const CaseApproval = z.object({
  /** the approval.requested event's id */
  id: Id,
  tier: CompensationTier,
  state: ApprovalState,
  requestedById: Id.nullable(),
  requestedAt: Instant,
  decidedById: Id.nullable(),
  decidedAt: Instant.nullable(),
});
export type CaseApproval = z.infer<typeof CaseApproval>;

export const CaseRun = z.object({ runId: Id, scriptId: Key, startedAt: Instant, done: z.boolean() });
export type CaseRun = z.infer<typeof CaseRun>;

/** What a case keeps of its escalation: rules fired (once each), tags, script runs, the chain head, handoff, approvals. */
export const CaseEscalation = z.object({
  fired: z.array(Key).max(500),
  tags: z.array(z.string().max(40)).max(50),
  runs: z.array(CaseRun).max(100),
  /** the hash of the case's last script record (the next one links to it) */
  chainHead: z.string().regex(/^[0-9a-f]{64}$/),
  handoff: z.object({ id: Id, to: HandoffTarget, at: Instant, byId: Id.nullable() }).nullable(),
  approvals: z.array(CaseApproval).max(100),
});
export type CaseEscalation = z.infer<typeof CaseEscalation>;
