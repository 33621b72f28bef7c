import type { ArticleLocale } from './article';

/**
 * Ranking (issue 14): FTS5's bm25 (lower is better, negative) turned into a score, then weighed by what the
 * conversation knows: the customer's device (an article for that model ranks up, one only for other models ranks
 * down; general articles stay as they are) and the language (the hit in the customer's language counts fully, the
 * other language's copy of the same article less). Translations of one article are one result. Pure: the desktop's
 * search and suggestions and the benchmark use this one function.
 */
export interface ArticleHit {
  articleId: string;
  slug: string;
  locale: ArticleLocale;
  /** FTS5 bm25(): negative, lower is better */
  bm25: number;
  products: readonly string[];
}

export interface RankContext {
  /** the language results are wanted in */
  locale: ArticleLocale;
  /** the device model on the customer's record, when known */
  product?: string | null;
}

export const RANK_WEIGHTS = {
  productMatch: 1.6,
  productMismatch: 0.5,
  otherLocale: 0.8,
};

export interface RankedArticle {
  slug: string;
  score: number;
  /** the best-scoring language version's id (the caller shows the customer's language when it exists) */
  articleId: string;
}

export function rankArticles(hits: readonly ArticleHit[], ctx: RankContext, weights = RANK_WEIGHTS): RankedArticle[] {
  const best = new Map<string, RankedArticle>();
  for (const h of hits) {
    let s = -h.bm25;
    if (ctx.product && h.products.length > 0) s *= h.products.includes(ctx.product) ? weights.productMatch : weights.productMismatch;
    if (h.locale !== ctx.locale) s *= weights.otherLocale;
    const prev = best.get(h.slug);
    if (!prev || s > prev.score) best.set(h.slug, { slug: h.slug, score: s, articleId: h.articleId });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
}
