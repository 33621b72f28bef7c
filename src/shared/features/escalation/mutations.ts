import { z } from 'zod';
import type { Case } from '../../kernel/case';
import { CompensationTier, HandoffSummary, HandoffTarget, ScriptEntry } from '../../kernel/escalation';
import { accept, defineMutation, refuse, type EventDraft } from '../../kernel/mutation';
import { can } from '../../kernel/permissions';
import { Id } from '../../kernel/primitives';
import { caseFor, caseToActOn, isDecision } from '../cases';
import { CHAIN_GENESIS, linkHash } from './chain';
import { aboveAuthority } from './compensation';

/**
 * What an agent records while escalating (issue 13): the entries of a script run (hash-chained per case), a handoff
 * to the lead or the specialists with its summary, and compensation above the agent's tier waiting for a lead. The
 * desktop checks an entry against the script first (./runner.ts checkEntry); the decision here keeps the log whole:
 * a run exists before its entries, an ended run takes none, each entry links to the case's chain head.
 */
function caseEvent<K extends 'script.recorded' | 'case.handed_off' | 'approval.requested' | 'approval.decided'>(k: Case, kind: K, meta: Extract<EventDraft, { kind: K }>['meta']): EventDraft {
  return { kind, customerId: k.customerId, caseId: k.id, threadId: null, channel: 'internal', body: null, meta } as EventDraft;
}

export const scriptRecord = defineMutation({
  name: 'script.record',
  args: z.object({ caseId: Id, entry: ScriptEntry }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    const runs = k.escalation?.runs ?? [];
    const run = runs.find((r) => r.runId === a.entry.runId);
    if (a.entry.type === 'started') {
      if (run) return refuse('CONFLICT', 'the script run has started already');
      if (runs.some((r) => !r.done && r.scriptId === (a.entry as { scriptId: string }).scriptId)) return refuse('CONFLICT', 'this script is running on the case already');
    } else {
      if (!run) return refuse('NOT_FOUND', 'no such script run on this case');
      if (run.done) return refuse('CONFLICT', 'the script run has ended');
    }
    const prev = k.escalation?.chainHead ?? CHAIN_GENESIS;
    const hash = linkHash(prev, { id: ctx.mutationId, authorId: ctx.agent.id, entry: a.entry });
    return accept(caseEvent(k, 'script.recorded', { entry: a.entry, prev, hash }));
  },
});

export const caseHandoff = defineMutation({
  name: 'case.handoff',
  args: z.object({ caseId: Id, to: HandoffTarget, summary: HandoffSummary, ruleId: z.string().min(1).max(64).nullable() }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    return accept(caseEvent(k, 'case.handed_off', { to: a.to, summary: a.summary, ruleId: a.ruleId }));
  },
});

export const approvalRequest = defineMutation({
  name: 'approval.request',
  args: z.object({ caseId: Id, tier: CompensationTier, note: z.string().trim().max(1000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    if (!aboveAuthority(a.tier, ctx.agent.role)) return refuse('INVALID_ARGUMENT', 'this tier is within your own authority: no approval is needed');
    if (k.escalation?.approvals.some((x) => x.state === 'pending')) return refuse('CONFLICT', 'an approval is pending on this case already');
    return accept(caseEvent(k, 'approval.requested', { kind: 'compensation', tier: a.tier, note: a.note }));
  },
});

export const approvalDecide = defineMutation({
  name: 'approval.decide',
  args: z.object({ caseId: Id, approvalId: Id, approved: z.boolean(), reason: z.string().trim().max(1000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId);
    if (isDecision(k)) return k;
    const x = k.escalation?.approvals.find((p) => p.id === a.approvalId);
    if (!x) return refuse('NOT_FOUND', 'no such approval on this case');
    if (x.state !== 'pending') return refuse('CONFLICT', 'the approval was decided already');
    // a lead's yes or no (DOMAIN.md: a tier above the agent's authority needs the lead)
    if (!can(ctx.agent.role, 'cases.act.any') || aboveAuthority(x.tier, ctx.agent.role)) return refuse('FORBIDDEN', 'only a lead may decide compensation above the agent tier');
    if (!a.approved && a.reason === '') return refuse('INVALID_ARGUMENT', 'say why the compensation is declined');
    return accept(caseEvent(k, 'approval.decided', { approvalId: x.id, approved: a.approved, reason: a.reason }));
  },
});

export const ESCALATION_MUTATIONS = [scriptRecord, caseHandoff, approvalRequest, approvalDecide] as const;
