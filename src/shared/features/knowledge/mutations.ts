import { z } from 'zod';
import { accept, defineMutation, refuse } from '../../kernel/mutation';
import { Id } from '../../kernel/primitives';
import { ArticleLocale } from './article';
import { customerFor, isDecision } from '../cases';
import { DraftArticle, draftSlug } from './draft';
import { articleBlocks } from './passages';

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
    const c = customerFor(ctx, a.customerId, a.caseId);
    if (isDecision(c)) return c;
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

/**
 * "Create an article from this case" (issue 14): an agent sends a draft written from a solved case into the review
 * queue. Recorded on the customer like a note, so it works offline and reaches the server with the next push; the
 * server makes it an article `in_review` (features/knowledge/drafts.ts), which a lead or an admin publishes.
 */
export const knowledgeDraft = defineMutation({
  name: 'knowledge.draft',
  args: z.object({ customerId: Id, caseId: Id, article: DraftArticle }).strict(),
  refs: (a) => ({ customerIds: [a.customerId], caseIds: [a.caseId], threadIds: [] }),
  decide(a, ctx) {
    const c = customerFor(ctx, a.customerId, a.caseId);
    if (isDecision(c)) return c;
    const k = ctx.case(a.caseId)!;
    if (k.status !== 'resolved' && k.status !== 'closed') return refuse('CONFLICT', 'an article is drafted from a resolved case');
    const problem = articleBlocks(a.article.body).errors[0];
    if (problem) return refuse('INVALID_ARGUMENT', `body line ${problem.line}: ${problem.reason}`);
    const { body, ...fields } = a.article;
    return accept({
      kind: 'knowledge.drafted',
      customerId: c.id,
      caseId: k.id,
      threadId: null,
      channel: 'internal',
      body,
      meta: { ...fields, slug: draftSlug(fields.title, k.id) },
    });
  },
});

export const KNOWLEDGE_MUTATIONS = [knowledgeFeedback, knowledgeDraft] as const;
