import { z } from 'zod';
import type { Case } from '../../kernel/case';
import { accept, defineMutation, refuse, type EventDraft } from '../../kernel/mutation';
import { can } from '../../kernel/permissions';
import { Id } from '../../kernel/primitives';
import { caseFor, caseToActOn, isDecision } from '../cases/index';

function caseEvent<K extends 'case.help_requested' | 'case.help_answered'>(k: Case, kind: K, meta: Extract<EventDraft, { kind: K }>['meta']): EventDraft {
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

export const LEAD_MUTATIONS = [caseRequestHelp, caseAnswerHelp] as const;
