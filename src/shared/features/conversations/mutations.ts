import { z } from 'zod';
import { Attachment, MAX_BODY_CHARS, MAX_REPLY_ATTACHMENTS, MAX_REPLY_CC } from '../../kernel/event';
import { accept, defineMutation, refuse } from '../../kernel/mutation';
import { Id } from '../../kernel/primitives';
import { caseFor, caseToActOn, customerFor, isDecision } from '../cases';
import { messageHarm } from '../safety';
import { ArticleUse } from '../../kernel/article-use';
import { usesNotInBody } from '../knowledge';

const Body = z.string().trim().min(1).max(MAX_BODY_CHARS);

/** An email reply keeps the thread's subject, prefixed once with "Re: " (other channels have none). */
export function replySubject(subject: string | null): string | null {
  if (!subject) return null;
  const s = /^re:/i.test(subject) ? subject : `Re: ${subject}`;
  return s.slice(0, 500);
}

/**
 * A reply to the customer on the thread's own channel; the case must be open. `articles`: what the agent inserted
 * from the knowledge base, each still in the body word for word (a controlled passage may not be edited; the
 * composer drops an edited link or article before sending), recorded on the event with its version and language.
 */
export const replySend = defineMutation({
  name: 'reply.send',
  args: z
    .object({
      caseId: Id,
      threadId: Id,
      body: Body,
      articles: z.array(ArticleUse).max(20).optional(),
      /** email only: copies, and files uploaded to the server before (the server checks the caller uploaded them) */
      cc: z.array(z.email().max(254)).max(MAX_REPLY_CC).optional(),
      attachments: z.array(Attachment).max(MAX_REPLY_ATTACHMENTS).optional(),
    })
    .strict(),
  refs: (a) => ({ caseIds: [a.caseId], threadIds: [a.threadId] }),
  decide(a, ctx) {
    const k = caseFor(ctx, a.caseId, { closedOk: true });
    if (isDecision(k)) return k;
    const t = ctx.thread(a.threadId);
    if (!t) return refuse('NOT_FOUND', 'thread not found');
    if (t.caseId !== k.id) return refuse('INVALID_ARGUMENT', 'the thread belongs to another case');
    const open = caseToActOn(ctx, a.caseId);
    if (isDecision(open)) return open;
    if (t.channel !== 'email' && (a.cc?.length || a.attachments?.length)) return refuse('INVALID_ARGUMENT', 'copies and attachments go with email replies only');
    const changed = usesNotInBody(a.body, a.articles ?? []);
    if (changed.length) return refuse('INVALID_ARGUMENT', `the reply changed what it took from the article ${changed[0]!.articleId}; insert it again`);
    return accept({
      kind: 'message.sent',
      customerId: k.customerId,
      caseId: k.id,
      threadId: t.id,
      channel: t.channel,
      body: a.body,
      meta: {
        subject: t.channel === 'email' ? replySubject(t.subject) : null,
        deliveryStatus: 'queued',
        ...(a.articles?.length ? { articles: a.articles } : {}),
        ...(a.cc?.length ? { cc: [...new Set(a.cc.map((x) => x.toLowerCase()))] } : {}),
        ...(a.attachments?.length ? { attachments: a.attachments } : {}),
      },
    });
  },
});

/** An internal note on a customer, optionally on one of its cases / threads; a closed case takes notes too. */
export const noteAdd = defineMutation({
  name: 'note.add',
  args: z.object({ customerId: Id, caseId: Id.nullable(), threadId: Id.nullable(), body: Body }).strict(),
  refs: (a) => ({ customerIds: [a.customerId], caseIds: a.caseId ? [a.caseId] : [], threadIds: a.threadId ? [a.threadId] : [] }),
  decide(a, ctx) {
    const c = customerFor(ctx, a.customerId, a.caseId);
    if (isDecision(c)) return c;
    if (a.threadId) {
      const t = ctx.thread(a.threadId);
      if (!t) return refuse('NOT_FOUND', 'thread not found');
      if (t.customerId !== c.id) return refuse('INVALID_ARGUMENT', 'the thread belongs to another customer');
      if (a.caseId && t.caseId !== a.caseId) return refuse('INVALID_ARGUMENT', 'the thread belongs to another case');
    }
    // What the agent writes down (a phone call's note) is read by the harm detector too, here in the decision, so the
    // desktop flags it and raises the case to P0 offline exactly as the server will (the note carries its flag).
    // the rules only: the model learnt from customers' messages, and agents' notes are another register ("called back
    // while the server was down" looked like harm to it)
    const harm = messageHarm(null, a.body, { model: false });
    const channel = a.threadId ? (ctx.thread(a.threadId)?.channel ?? null) : null;
    const meta = harm.decision === 'harm' ? { safety: { categories: harm.categories, evidence: harm.evidence, confidence: harm.confidence, channel } } : {};
    // a note is never customer-visible, also when it is attached to a channel thread
    return accept({ kind: 'note.added', customerId: c.id, caseId: a.caseId, threadId: a.threadId, channel: 'internal', body: a.body, meta });
  },
});

export const CONVERSATIONS_MUTATIONS = [replySend, noteAdd] as const;
