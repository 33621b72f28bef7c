import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import { Article, ArticleCategory, ArticleLocale, ArticleStatus } from './article';
import { ArticleIdParam, ArticlePut, ArticleSaved, KnowledgeStatsResponse } from './contract';
import { DraftArticle } from './draft';

/**
 * The knowledge panel's bridge methods (issue 14), spread into `bridgeMethods`. All answered from the cache, so the
 * panel works offline: the articles are reference data, the solved cases are the agent's cached conversations.
 */
export const Highlighted = z.object({
  text: z.string().max(2000),
  /** [start, end) UTF-16 offsets into `text` of the words that matched */
  marks: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).max(50),
});
export type Highlighted = z.infer<typeof Highlighted>;

export const ArticleCard = z.object({
  slug: z.string(),
  /** the version shown: the wanted language's when it exists, else the source */
  articleId: z.string(),
  locale: ArticleLocale,
  /** true when the wanted language has no translation and this is the source language's */
  fallback: z.boolean(),
  title: z.string(),
  summary: z.string(),
  version: z.number().int().positive(),
  category: ArticleCategory,
  products: z.array(z.string()),
  snippet: Highlighted,
  score: z.number(),
});
export type ArticleCard = z.infer<typeof ArticleCard>;

export const SimilarCase = z.object({
  caseId: Id,
  customerId: Id,
  subject: z.string(),
  /** what the customer wrote that matched */
  asked: Highlighted,
  /** how it was resolved: the last reply the agent sent on it, shortened; null when none is cached */
  resolution: z.string().max(400).nullable(),
  resolvedAt: Instant.nullable(),
});
export type SimilarCase = z.infer<typeof SimilarCase>;

export const ArticleView = z.object({
  articleId: z.string(),
  slug: z.string(),
  locale: ArticleLocale,
  fallback: z.boolean(),
  /** the languages this article exists in */
  locales: z.array(ArticleLocale),
  title: z.string(),
  summary: z.string(),
  version: z.number().int().positive(),
  status: ArticleStatus,
  products: z.array(z.string()),
  /** sanitized HTML of the Markdown, controlled passages marked (`<aside class="kb-controlled" data-passage=…>`) */
  html: z.string(),
  /** the whole article as plain text, as it is inserted into a reply */
  text: z.string(),
  passages: z.array(z.object({ id: z.string(), text: z.string() })),
  /** its public address on the help center, when one is configured (the server's OMNIDESK_HELP_CENTER_URL) */
  url: z.string().nullable(),
});
export type ArticleView = z.infer<typeof ArticleView>;

const Query = z.string().max(20_000);

export const knowledgeBridgeMethods = {
  /** what the agent typed: articles (published) and solved cases, ranked for the customer when one is open */
  'knowledge.search': {
    input: z.object({ text: Query, customerId: Id.nullable(), locale: ArticleLocale.nullable() }).strict(),
    output: z.object({ articles: z.array(ArticleCard), cases: z.array(SimilarCase), locale: ArticleLocale }),
  },
  /** suggestions for an open customer: from the case on screen, their recent messages on every channel, their device and language */
  'knowledge.suggest': {
    input: z.object({ customerId: Id, caseId: Id.nullable().optional(), draft: Query.optional() }).strict(),
    output: z.object({ articles: z.array(ArticleCard), cases: z.array(SimilarCase), locale: ArticleLocale, product: z.string().nullable() }),
  },
  /** one article in a language (the source language when that one has no translation) */
  'knowledge.article': {
    input: z.object({ slug: z.string().min(1).max(100), locale: ArticleLocale }).strict(),
    output: ArticleView,
  },
  /** editors (specialists, leads, admins): every language version this desktop holds, drafts and retired ones too */
  'knowledge.list': {
    input: z.object({}).strict(),
    output: z.object({ articles: z.array(z.object({ id: z.string(), slug: z.string(), locale: ArticleLocale, title: z.string(), status: ArticleStatus, version: z.number().int() })) }),
  },
  /** one language version as stored, to edit */
  'knowledge.source': {
    input: z.object({ id: ArticleIdParam }).strict(),
    output: Article,
  },
  /** the Markdown as agents will see it (sanitized HTML) and its problems (an unclosed controlled passage) */
  'knowledge.preview': {
    input: z.object({ body: z.string().max(200_000) }).strict(),
    output: z.object({ html: z.string(), problems: z.array(z.object({ line: z.number().int(), reason: z.string() })) }),
  },
  /** leads and admins: per article uses, verdicts and solved cases, from the server (online only) */
  'knowledge.stats': {
    input: z.object({}).strict(),
    output: KnowledgeStatsResponse,
  },
  /** a search that found nothing, once the agent stopped typing: counted as a knowledge gap and reported (offline: later) */
  'knowledge.gap': {
    input: z.object({ text: z.string().max(500), customerId: Id.nullable(), locale: ArticleLocale.nullable() }).strict(),
    output: z.object({ recorded: z.boolean() }),
  },
  /** "create an article from this case": a draft prefilled from a solved case, personal details taken out (cache only) */
  'knowledge.proposal': {
    input: z.object({ caseId: Id }).strict(),
    output: DraftArticle,
  },
  /** saved on the server (online only); every desktop pulls the new version */
  'knowledge.save': {
    input: z.object({ id: ArticleIdParam, article: ArticlePut }).strict(),
    output: ArticleSaved,
  },
} as const;
