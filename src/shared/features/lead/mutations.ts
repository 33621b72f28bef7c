import { z } from 'zod';
import type { Case } from '../../kernel/case';
import { accept, defineMutation, refuse, type EventDraft } from '../../kernel/mutation';
import { can } from '../../kernel/permissions';
import { Id } from '../../kernel/primitives';
import { caseFor, caseToActOn, isDecision } from '../cases/index';

function caseEvent<K extends 'case.help_requested' | 'case.help_answered' | 'case.fast_tracked' | 'case.fast_track_reviewed'>(k: Case, kind: K, meta: Extract<EventDraft, { kind: K }>['meta']): EventDraft {
  return { kind, customerId: k.customerId, caseId: k.id, threadId: null, channel: 'internal', body: null, meta } as EventDraft;
}

/** An agent raises a flag: they need the lead on this case (the lead's wallboard lists it until answered). */
export const caseRequestHelp = defineMutation({
  name: 'case.requestHelp',
  args: z.object({ caseId: Id, note: z.string().trim().max(1000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseToActOn(ctx, a.caseId);
    if (isDecision(k)) return k;
    if (k.help) return refuse('CONFLICT', 'the lead has been asked already');
    return accept(caseEvent(k, 'case.help_requested', { note: a.note.trim() }));
  },
});

/** A lead answers a raised flag; the answer shows on the case for the agent who asked. */
export const caseAnswerHelp = defineMutation({
  name: 'case.answerHelp',
  args: z.object({ caseId: Id, requestId: Id, reply: z.string().trim().min(1).max(2000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId, { closedOk: true });
    if (isDecision(k)) return k;
    if (!can(ctx.agent.role, 'console.act')) return refuse('FORBIDDEN', "only the team's lead answers a flag");
    if (!k.help || k.help.id !== a.requestId) return refuse('CONFLICT', 'this request was answered already');
    return accept(caseEvent(k, 'case.help_answered', { requestId: a.requestId, reply: a.reply.trim() }));
  },
});

/**
 * The emergency green channel (DOMAIN.md): a lead fast-tracks a case — it goes first in every queue — saying why. It is
 * audited (the audit trail records it) and reviewed afterwards by another lead or an admin.
 */
export const caseFastTrack = defineMutation({
  name: 'case.fastTrack',
  args: z.object({ caseId: Id, reason: z.string().trim().min(1).max(1000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId);
    if (isDecision(k)) return k;
    if (!can(ctx.agent.role, 'cases.greenChannel')) return refuse('FORBIDDEN', 'only a lead may fast-track a case');
    if (k.status === 'resolved') return refuse('CONFLICT', 'the case is resolved');
    if (k.fastTrack && k.fastTrack.reviewedAt === null) return refuse('CONFLICT', 'the case is fast-tracked already');
    return accept(caseEvent(k, 'case.fast_tracked', { reason: a.reason.trim() }));
  },
});

/** The review after a fast-track: by a lead who did not fast-track it (an admin may review any). */
export const caseReviewFastTrack = defineMutation({
  name: 'case.reviewFastTrack',
  args: z.object({ caseId: Id, fastTrackId: Id, note: z.string().trim().min(1).max(2000) }).strict(),
  refs: (a) => ({ caseIds: [a.caseId] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId, { closedOk: true });
    if (isDecision(k)) return k;
    if (!can(ctx.agent.role, 'console.act')) return refuse('FORBIDDEN', 'only a lead reviews a fast-track');
    if (!k.fastTrack || k.fastTrack.id !== a.fastTrackId) return refuse('NOT_FOUND', 'no such fast-track on this case');
    if (k.fastTrack.reviewedAt !== null) return refuse('CONFLICT', 'the fast-track was reviewed already');
    if (k.fastTrack.byId === ctx.agent.id && ctx.agent.role !== 'admin') return refuse('FORBIDDEN', 'another lead reviews your fast-track');
    return accept(caseEvent(k, 'case.fast_track_reviewed', { fastTrackId: a.fastTrackId, note: a.note.trim() }));
  },
});

export const LEAD_MUTATIONS = [caseRequestHelp, caseAnswerHelp, caseFastTrack, caseReviewFastTrack] as const;
