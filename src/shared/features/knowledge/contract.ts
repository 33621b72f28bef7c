import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import { ArticleFields, ArticleLocale, ArticleStatus, Slug } from './article';
import { redactPersonal } from './draft';

/** The server's knowledge routes (issue 14): an article is written whole, one language version at a time. */
export const KNOWLEDGE_PATHS = {
  article: '/api/knowledge/articles/:id',
  stats: '/api/knowledge/stats',
  gaps: '/api/knowledge/gaps',
} as const;

/** Per language version of an article: how often replies carried it, agents' verdicts, cases solved with it. */
export const ArticleStats = z.object({
  slug: Slug,
  locale: ArticleLocale,
  uses: z.number().int().nonnegative(),
  helpful: z.number().int().nonnegative(),
  notHelpful: z.number().int().nonnegative(),
  wrong: z.number().int().nonnegative(),
  /** resolved or closed cases in which a reply carried it */
  resolvedCases: z.number().int().nonnegative(),
});
export type ArticleStats = z.infer<typeof ArticleStats>;

/**
 * A knowledge gap (issue 14): what agents searched for in one language that found no article, as the lead sees it —
 * how often and by how many agents, most searched first.
 */
export const KnowledgeGap = z.object({
  locale: ArticleLocale,
  query: z.string().max(100),
  searches: z.number().int().positive(),
  agents: z.number().int().positive(),
  lastAt: Instant,
});
export type KnowledgeGap = z.infer<typeof KnowledgeGap>;

export const KnowledgeStatsResponse = z.object({ articles: z.array(ArticleStats), gaps: z.array(KnowledgeGap) });
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

/** A desktop's searches that found nothing, reported in batches; each entry once (its id), counted on the server. */
export const MAX_GAP_BATCH = 200;
export const GapReport = z
  .object({
    gaps: z
      .array(
        z
          .object({
            id: Id,
            locale: ArticleLocale,
            query: z.string().min(2).max(100),
            count: z.number().int().positive().max(100_000),
            at: Instant,
          })
          .strict(),
      )
      .min(1)
      .max(MAX_GAP_BATCH),
  })
  .strict();
export type GapReport = z.infer<typeof GapReport>;

/**
 * The words of a search that found nothing, as a gap is counted: lower-case, spaces collapsed, at most 100
 * characters, contact details and serial numbers taken out (an agent may paste a customer's e-mail into the search);
 * null when too short to say anything (a single letter, operators only).
 */
export function gapQuery(text: string): string | null {
  const q = redactPersonal(text, [])
    .replace(/[\p{Cc}"*^():{}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, 100)
    .trim();
  return [...q.replace(/[^\p{L}\p{N}]/gu, '')].length >= 2 ? q : null;
}
