import { z } from 'zod';
import { ArticleFields, ArticleLocale, ArticleStatus, Slug } from './article';

/** The server's knowledge routes (issue 14): an article is written whole, one language version at a time. */
export const KNOWLEDGE_PATHS = {
  article: '/api/knowledge/articles/:id',
  stats: '/api/knowledge/stats',
} as const;

/** Per article (all its language versions): how often replies carried it, agents' verdicts, cases solved with it. */
export const ArticleStats = z.object({
  slug: Slug,
  uses: z.number().int().nonnegative(),
  helpful: z.number().int().nonnegative(),
  notHelpful: z.number().int().nonnegative(),
  wrong: z.number().int().nonnegative(),
  /** resolved or closed cases in which a reply carried it */
  resolvedCases: z.number().int().nonnegative(),
});
export type ArticleStats = z.infer<typeof ArticleStats>;
export const KnowledgeStatsResponse = z.object({ articles: z.array(ArticleStats) });
export type KnowledgeStatsResponse = z.infer<typeof KnowledgeStatsResponse>;

export const ArticleIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}\.(en|zh-CN)$/, 'an article id is <slug>.<locale>');

/**
 * What an editor sends: the fields without id, slug, locale (the path says them) and version (the server counts),
 * with the version the editor started from: saving over a version someone else wrote since is refused (CONFLICT).
 */
export const ArticlePut = ArticleFields.omit({ id: true, slug: true, locale: true, version: true })
  .extend({ baseVersion: z.number().int().nonnegative() })
  .strict();
export type ArticlePut = z.infer<typeof ArticlePut>;

export const ArticleSaved = z.object({
  id: z.string(),
  slug: Slug,
  locale: ArticleLocale,
  version: z.number().int().positive(),
  status: ArticleStatus,
  changed: z.boolean(),
});
export type ArticleSaved = z.infer<typeof ArticleSaved>;
