import { z } from 'zod';
import type { Case, CaseFlag } from '../../kernel/case';
import { ComplaintPatch, Reportability } from '../../kernel/complaint';
import { accept, defineMutation, refuse, type DecideContext, type Decision, type EventDraft } from '../../kernel/mutation';
import { can } from '../../kernel/permissions';
import { Id } from '../../kernel/primitives';
import { SafetyCategory } from '../../kernel/safety-flag';
import { caseFor, isDecision } from '../cases';
import { prefillComplaint } from './prefill';

/**
 * The safety flag's review and the complaint record (issue 12). Any role that sees the case's team may raise,
 * confirm or propose dismissing a flag — safety is everybody's job, also on a case someone else owns; a dismissal
 * that stands, and the record, are a specialist's or lead's (`safety.review`).
 */
const Reason = z.string().trim().min(1).max(2000);
/** what an agent may flag by hand: a message either way, a note, a call */
const FLAGGABLE = new Set(['message.received', 'message.sent', 'note.added', 'call.ended']);

function safetyEvent<K extends 'safety.flagged' | 'safety.confirmed' | 'safety.dismissed' | 'complaint.updated' | 'complaint.decided'>(
  k: Case,
  kind: K,
  meta: Extract<EventDraft, { kind: K }>['meta'],
  threadId: string | null = null,
): EventDraft {
  return { kind, customerId: k.customerId, caseId: k.id, threadId, channel: 'internal', body: null, meta } as EventDraft;
}

/** The case (closed ones too: harm found late still counts) and its flag `flagId` still to review, or why not. */
function flagToReview(ctx: DecideContext, caseId: string, flagId: string): { k: Case; flag: CaseFlag } | Decision {
  const k = caseFor(ctx, caseId, { closedOk: true });
  if (isDecision(k)) return k;
  const flag = k.safety?.flags.find((f) => f.id === flagId);
  if (!flag) return refuse('NOT_FOUND', 'safety flag not found on this case');
  if (flag.state === 'confirmed' || flag.state === 'dismissed') return refuse('CONFLICT', 'the flag was reviewed already');
  return { k, flag };
}

/** confirm and dismiss: the case, the flag and the agent's reason */
const ReviewArgs = z.object({ caseId: Id, flagId: Id, reason: Reason }).strict();

export const safetyFlag = defineMutation({
  name: 'safety.flag',
  args: z.object({ messageId: Id, categories: z.array(SafetyCategory).min(1).max(13), reason: Reason }).strict(),
  refs: (a) => ({ eventIds: [a.messageId] }),
  decide(a, ctx) {
    const m = ctx.event(a.messageId);
    if (!m) return refuse('NOT_FOUND', 'message not found');
    if (!FLAGGABLE.has(m.kind)) return refuse('INVALID_ARGUMENT', 'only a message, note or call can be flagged');
    if (!m.caseId) return refuse('INVALID_ARGUMENT', 'the message is on no case');
    const k = caseFor(ctx, m.caseId, { closedOk: true });
    if (isDecision(k)) return k;
    if (k.safety?.flags.some((f) => f.messageId === m.id && f.state !== 'dismissed')) return refuse('CONFLICT', 'the message is flagged already');
    const channel = m.channel === 'internal' ? null : m.channel;
    return accept(
      safetyEvent(
        k,
        'safety.flagged',
        { messageId: m.id, categories: [...new Set(a.categories)], evidence: [], confidence: 1, source: 'agent', awareAt: m.occurredAt, reason: a.reason, channel },
        m.threadId,
      ),
    );
  },
});

export const safetyConfirm = defineMutation({
  name: 'safety.confirm',
  args: ReviewArgs,
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const found = flagToReview(ctx, a.caseId, a.flagId);
    if (isDecision(found)) return found;
    const { k, flag } = found;
    // the first confirmation opens the record; later ones join it (one complaint per case)
    const complaint = k.safety?.complaint ? null : prefillComplaint(ctx.mutationId, k, flag, ctx.customer(k.customerId));
    return accept(safetyEvent(k, 'safety.confirmed', { flagId: flag.id, reason: a.reason, complaint }));
  },
});

export const safetyDismiss = defineMutation({
  name: 'safety.dismiss',
  args: ReviewArgs,
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const found = flagToReview(ctx, a.caseId, a.flagId);
    if (isDecision(found)) return found;
    const { k, flag } = found;
    const final = can(ctx.agent.role, 'safety.review');
    if (!final && flag.state === 'dismissal_proposed') return refuse('CONFLICT', 'a dismissal is proposed already: a specialist or lead decides');
    return accept(safetyEvent(k, 'safety.dismissed', { flagId: flag.id, reason: a.reason, final }));
  },
});

/** The case's record, for a role that may complete it. */
function recordOf(ctx: DecideContext, caseId: string) {
  if (!can(ctx.agent.role, 'safety.review')) return refuse('FORBIDDEN', 'a specialist or lead completes the complaint record');
  const k = caseFor(ctx, caseId, { closedOk: true });
  if (isDecision(k)) return k;
  const record = k.safety?.complaint;
  if (!record) return refuse('NOT_FOUND', 'the case has no complaint record (confirm a safety flag first)');
  return { k, record };
}

export const complaintUpdate = defineMutation({
  name: 'complaint.update',
  args: z.object({ caseId: Id, patch: ComplaintPatch }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const found = recordOf(ctx, a.caseId);
    if (isDecision(found)) return found;
    if (Object.keys(a.patch).length === 0) return refuse('INVALID_ARGUMENT', 'nothing to change');
    return accept(safetyEvent(found.k, 'complaint.updated', { complaintId: found.record.id, patch: a.patch }));
  },
});

export const complaintDecide = defineMutation({
  name: 'complaint.decide',
  args: z.object({ caseId: Id, reportability: Reportability, rationale: z.string().trim().min(1).max(4000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const found = recordOf(ctx, a.caseId);
    if (isDecision(found)) return found;
    return accept(
      safetyEvent(found.k, 'complaint.decided', {
        complaintId: found.record.id,
        reportability: a.reportability,
        rationale: a.rationale,
        decidedByName: ctx.agent.displayName.slice(0, 200),
      }),
    );
  },
});

export const SAFETY_MUTATIONS = [safetyFlag, safetyConfirm, safetyDismiss, complaintUpdate, complaintDecide] as const;
