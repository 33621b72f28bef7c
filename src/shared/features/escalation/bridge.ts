import { z } from 'zod';
import type { Agent } from '../../kernel/agent';
import { Action, AnswerValue, CaseApproval, CompensationTier, HandoffSummary, HandoffTarget, ScriptEntry } from '../../kernel/escalation';
import { Id, Instant } from '../../kernel/primitives';
import { EscalationDocumentDeleted, EscalationDocumentSaved } from './contract';
import { Script } from './script';
import { EscalationLabels } from './labels';
import { Localized } from './text';

/**
 * The escalation panel's bridge methods (issue 13), spread into `bridgeMethods`. Everything but the admin's saves
 * is answered from the cache, so the panel works offline: the prompts (rules fired on the case whose script is not
 * started yet, and what the desktop's own evaluation finds), the script runs with their state, approvals and the
 * handoff, and whether the answers' hash chain is whole.
 */
const Empty = z.object({}).strict();

export const PromptView = z.object({
  ruleId: z.string().max(64),
  name: Localized,
  detail: z.string().max(100).nullable(),
  actions: z.array(Action),
  /** the script the rule shows (null: no script, e.g. an approval only) */
  scriptId: z.string().max(64).nullable(),
  /** fired by the server (in the log), or found by this desktop and not yet recorded */
  source: z.enum(['server', 'local']),
});
export type PromptView = z.infer<typeof PromptView>;

export const RunView = z.object({
  runId: Id,
  script: Script,
  stepId: z.string().max(64),
  path: z.array(z.string().max(64)),
  answers: z.record(z.string(), AnswerValue),
  skipped: z.record(z.string(), z.string()),
  done: z.boolean(),
  /** required questions of the current step still open */
  missing: z.array(z.string().max(64)),
  /** where the answers so far lead from the current step */
  next: z.string().max(64),
  startedAt: Instant,
  ruleId: z.string().max(64).nullable(),
});
export type RunView = z.infer<typeof RunView>;

export const EscalationPanel = z.object({
  prompts: z.array(PromptView),
  runs: z.array(RunView),
  approvals: z.array(CaseApproval.extend({ note: z.string().max(1000), reason: z.string().max(1000).nullable() })),
  handoff: z.object({ id: Id, to: HandoffTarget, at: Instant, byId: Id.nullable(), summary: HandoffSummary }).nullable(),
  tags: z.array(z.string()),
  chain: z.object({ records: z.number().int().nonnegative(), intact: z.boolean(), breakAt: z.number().int().nullable() }),
  /** the highest compensation tier the signed-in agent decides alone */
  authority: CompensationTier,
  /** the customer's language: the language of the phrases to insert */
  language: z.string().max(10),
});
export type EscalationPanel = z.infer<typeof EscalationPanel>;

/** An alert for the people an escalation needs: a lead (a handoff, an approval to decide, a rule's notify_lead), the asker (a decision). */
export const EscalationAlert = z.object({
  eventId: Id,
  caseId: Id,
  customerId: Id,
  kind: z.enum(['handoff', 'approval_requested', 'approval_decided', 'notify']),
  subject: z.string().max(500),
  /** the rule's id, the tier, the handoff target, or the decision */
  detail: z.string().max(100).nullable(),
  /** a rule's name in both languages (notify), shown in the agent's language */
  ruleName: Localized.nullable().default(null),
  at: Instant,
});
export type EscalationAlert = z.infer<typeof EscalationAlert>;

/** Who hears of what: leads of the case's team of handoffs to the lead, approvals and notify_lead; the asker of a decision. */
export function hearsEscalationAlert(me: Pick<Agent, 'id' | 'role' | 'teamIds'>, teamId: string, kind: EscalationAlert['kind'], addresseeId: string | null, authorId: string | null): boolean {
  if (authorId === me.id) return false;
  if (kind === 'approval_decided') return addresseeId === me.id;
  if (kind === 'handoff' && addresseeId === 'specialist') return me.role === 'specialist' && me.teamIds.includes(teamId);
  return me.role === 'lead' && me.teamIds.includes(teamId);
}

export const LoadErrorView = z.object({ file: z.string().max(200), line: z.number().int().nonnegative(), reason: z.string().max(2000) });

export const escalationBridgeMethods = {
  'escalation.panel': { input: z.object({ caseId: Id }).strict(), output: EscalationPanel },
  /** what the agent is about to send: a compensation offer above their tier needs a lead's approval first */
  'escalation.check': {
    input: z.object({ caseId: Id, draft: z.string().max(100_000) }).strict(),
    output: z.object({ tier: CompensationTier.nullable(), needsApproval: z.boolean(), approved: z.boolean(), prompts: z.array(PromptView) }),
  },
  'escalation.start': { input: z.object({ caseId: Id, scriptId: z.string().min(1).max(64), ruleId: z.string().max(64).nullable() }).strict(), output: z.object({ runId: Id, eventId: Id }) },
  /** one entry of a run, checked against the script first (INVALID_ARGUMENT with the reason) */
  'escalation.record': {
    input: z.object({ caseId: Id, entry: ScriptEntry }).strict(),
    output: z.object({ eventId: Id }),
  },
  /** a prompt the agent will not follow: recorded as shown and overridden, with the reason */
  'escalation.dismiss': { input: z.object({ caseId: Id, ruleId: z.string().min(1).max(64), reason: z.string().trim().min(1).max(1000) }).strict(), output: z.object({ eventId: Id }) },
  'escalation.handoff': {
    input: z.object({ caseId: Id, to: HandoffTarget, note: z.string().max(4000), ruleId: z.string().max(64).nullable() }).strict(),
    output: z.object({ eventId: Id, summary: HandoffSummary }),
  },
  /** the names of rules, scripts, steps, questions and choices in force, for timeline lines */
  'escalation.labels': { input: Empty, output: EscalationLabels },
  'escalation.alerts': { input: Empty, output: z.object({ alerts: z.array(EscalationAlert) }) },
  'escalation.dismissAlert': { input: z.object({ eventId: Id }).strict(), output: Empty },
  /** admins: the rule and script files in force (from the cache) */
  'escalation.documents': {
    input: Empty,
    output: z.object({ documents: z.array(z.object({ name: z.string(), source: z.string(), revision: z.number().int(), rules: z.number().int(), scripts: z.number().int() })) }),
  },
  /** admins: a file as it would be, validated with the others, and what a sample message would fire (no write) */
  'escalation.preview': {
    input: z.object({ name: z.string().min(1).max(100), source: z.string().max(1_000_000), sample: z.string().max(10_000) }).strict(),
    output: z.object({
      errors: z.array(LoadErrorView),
      rules: z.number().int(),
      scripts: z.number().int(),
      mood: z.string(),
      asks: z.array(z.string()),
      fires: z.array(z.object({ ruleId: z.string(), detail: z.string().nullable() })),
    }),
  },
  'escalation.saveDocument': { input: z.object({ name: z.string().min(1).max(100), source: z.string().min(1).max(1_000_000) }).strict(), output: EscalationDocumentSaved },
  'escalation.deleteDocument': { input: z.object({ name: z.string().min(1).max(100) }).strict(), output: EscalationDocumentDeleted },
} as const;
