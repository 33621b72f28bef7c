import { z } from 'zod';
import { canSeeTeam } from '../../kernel/agent';
import { accept, defineMutation, refuse } from '../../kernel/mutation';
import { Id } from '../../kernel/primitives';
import { ArticleLocale } from './article';

export const FeedbackVerdict = z.enum(['helpful', 'not_helpful', 'wrong']);
export type FeedbackVerdict = z.infer<typeof FeedbackVerdict>;

/**
 * An agent marks an article helpful or not, or flags it as wrong (with what is wrong), while working a customer's
 * case (issue 14). An event on the customer like a note, so it is recorded offline too and counted on the server per
 * article for the lead. A "wrong" flag says what is wrong.
 */
export const knowledgeFeedback = defineMutation({
  name: 'knowledge.feedback',
  args: z
    .object({
      customerId: Id,
      caseId: Id.nullable(),
      articleId: z.string().min(1).max(120),
      slug: z.string().min(1).max(100),
      version: z.number().int().positive(),
      locale: ArticleLocale,
      verdict: FeedbackVerdict,
      comment: z.string().trim().max(500).nullable(),
    })
    .strict(),
  refs: (a) => ({ customerIds: [a.customerId], caseIds: a.caseId ? [a.caseId] : [], threadIds: [] }),
  decide(a, ctx) {
    const c = ctx.customer(a.customerId);
    if (!c) return refuse('NOT_FOUND', 'customer not found');
    if (!canSeeTeam(ctx.agent, c.teamId)) return refuse('FORBIDDEN', "not allowed to act on this team's customers");
    if (a.caseId) {
      const k = ctx.case(a.caseId);
      if (!k || !canSeeTeam(ctx.agent, k.teamId)) return refuse('NOT_FOUND', 'case not found');
      if (k.customerId !== c.id) return refuse('INVALID_ARGUMENT', 'the case belongs to another customer');
    }
    if (a.articleId !== `${a.slug}.${a.locale}`) return refuse('INVALID_ARGUMENT', 'the article id is <slug>.<locale>');
    const comment = a.comment?.trim() || null;
    if (a.verdict === 'wrong' && !comment) return refuse('INVALID_ARGUMENT', 'say what is wrong in the article');
    return accept({
      kind: 'knowledge.feedback',
      customerId: c.id,
      caseId: a.caseId,
      threadId: null,
      channel: 'internal',
      body: null,
      meta: { articleId: a.articleId, slug: a.slug, version: a.version, locale: a.locale, verdict: a.verdict, comment },
    });
  },
});

export const KNOWLEDGE_MUTATIONS = [knowledgeFeedback] as const;
