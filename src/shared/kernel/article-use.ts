import { z } from 'zod';

/**
 * What a reply took from the knowledge base (issue 14): which article, in which version and language, how (a link,
 * the whole article, one controlled passage) and the exact text that went to the customer. Carried by the reply's
 * `message.sent` event (an event shape, so it lives in the kernel; features/knowledge owns the rest), so the
 * timeline keeps what a patient was told even after the article changes.
 */
export const ArticleUse = z
  .object({
    articleId: z.string().min(1).max(120),
    slug: z.string().min(1).max(100),
    version: z.number().int().positive(),
    locale: z.enum(['en', 'zh-CN']),
    mode: z.enum(['link', 'article', 'passage']),
    /** the controlled passage's id, for mode `passage` */
    passageId: z.string().max(120).nullable(),
    /** the exact text inserted, which must still be in the reply's body */
    text: z.string().min(1).max(60_000),
  })
  .strict();
export type ArticleUse = z.infer<typeof ArticleUse>;
