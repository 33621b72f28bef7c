import {
  ftsMatchQuery,
  cjkChars,
  conceptWords,
  productMentioned,
  localeOf,
  parseSearchQuery,
  rankArticles,
  searchTokens,
  type Article,
  type ArticleCard,
  type ArticleLocale,
  type SimilarCase,
} from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';
import { articleHits, articleSet, type ArticleSet } from './article-index';
import { bestExcerpt } from './highlight';
import { markdownText } from './render';
import { catchUpSolvedCases, solvedHits, solvedQueries } from './solved-index';

/**
 * Knowledge search on the cache (issue 14): articles through `kb_fts` ranked by the shared `rankArticles`, and
 * solved cases through the solved-case index (`solved-index.ts`). Pure reads, offline as online.
 */
export interface SearchContext {
  locale: ArticleLocale;
  product: string | null;
}

/**
 * `syntax`: the text is what an agent typed in the search box, where `-word` leaves out the articles with that word;
 * a customer's message is only words.
 */
export function searchArticles(store: Store, text: string, ctx: SearchContext, limit = 5, syntax = false): ArticleCard[] {
  const set = articleSet(store);
  const parsed = syntax ? parseSearchQuery(text) : { tokens: searchTokens(text, 120), chars: cjkChars(text, 60), exclude: [] };
  const tokens = parsed.tokens;
  // the concepts the text speaks of, as the index has them for each article (a word already there is not doubled)
  const query = { ...parsed, tokens: [...new Set([...tokens, ...conceptWords(parsed.searched ?? text)])] };
  const match = ftsMatchQuery(query);
  if (!match) return [];
  const hits = articleHits(store, match, 80).flatMap((h) => {
    const a = set.byId.get(h.articleId);
    return a && a.status === 'published' ? [{ articleId: a.id, slug: a.slug, locale: a.locale, bm25: h.bm25, products: a.products }] : [];
  });
  // no device on record: the model the text names, if it names one
  const product = ctx.product ?? productMentioned(parsed.searched ?? text, set.products);
  return rankArticles(hits, { ...ctx, product })
    .slice(0, limit)
    .flatMap((r) => {
      const shown = preferred(set, r.slug, ctx.locale);
      return shown ? [card(shown, ctx.locale, tokens, r.score)] : [];
    });
}

/** The article's version in `locale` when it is published, else the published source. */
export function preferred(set: ArticleSet, slug: string, locale: ArticleLocale): Article | null {
  const versions = set.bySlug.get(slug);
  if (!versions) return null;
  const want = versions.get(locale);
  if (want?.status === 'published') return want;
  const source = versions.get('en');
  return source?.status === 'published' ? source : (want ?? source ?? null);
}

/** An article's plain text for snippets, made once per article version (marked's lexer is the slow part of a card). */
const plain = new WeakMap<Article, string>();
function plainText(a: Article): string {
  let t = plain.get(a);
  if (t === undefined) plain.set(a, (t = `${a.summary}\n${markdownText(a.body.replace(/^:::.*$/gm, ''))}`));
  return t;
}

function card(a: Article, wanted: ArticleLocale, tokens: readonly string[], score: number): ArticleCard {
  const snippet = bestExcerpt(plainText(a), tokens);
  return {
    slug: a.slug,
    articleId: a.id,
    locale: a.locale,
    fallback: a.locale !== wanted,
    title: a.title,
    summary: a.summary,
    version: a.version,
    category: a.category,
    products: a.products,
    snippet,
    score: Math.round(score * 1000) / 1000,
  };
}

/**
 * The solved (resolved or closed) cases of other customers whose customers wrote most like `text` (the solved-case
 * index, brought up to date first in a bounded step), with what was asked and how each was resolved.
 */
export function similarCases(store: Store, text: string, excludeCustomerId: string | null, limit = 3): SimilarCase[] {
  catchUpSolvedCases(store);
  const words = searchTokens(text, 200);
  const found = new Map<string, { caseId: string; customerId: string }>();
  for (const match of solvedQueries(store, words)) {
    for (const h of solvedHits(store, match, excludeCustomerId ?? '', limit)) if (found.size < limit && !found.has(h.caseId)) found.set(h.caseId, h);
    if (found.size >= limit) break;
  }
  if (found.size === 0) return [];
  const firstAsked = store.db.prepare<[string], { body: string }>(
    `SELECT body FROM events WHERE case_id = ? AND kind = 'message.received' AND body IS NOT NULL ORDER BY occurred_at, rid LIMIT 1`,
  );
  const lastAnswer = store.db.prepare<[string], { body: string; occurredAt: string }>(
    `SELECT body, occurred_at AS occurredAt FROM events WHERE case_id = ? AND kind IN ('message.sent', 'note.added') AND body IS NOT NULL ORDER BY occurred_at DESC LIMIT 1`,
  );
  const subject = store.db.prepare<[string], string | null>(`SELECT json ->> '$.subject' FROM cases WHERE id = ?`).pluck();
  return [...found.values()].map((h) => {
    const last = lastAnswer.get(h.caseId);
    return {
      caseId: h.caseId,
      customerId: h.customerId,
      subject: subject.get(h.caseId) ?? '',
      asked: bestExcerpt(firstAsked.get(h.caseId)?.body ?? '', words, 200),
      resolution: last ? shorten(last.body, 300) : null,
      resolvedAt: last?.occurredAt ?? null,
    };
  });
}

function shorten(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * What the panel reads for an open customer: with a case on screen, its subject and its customer's last messages on
 * every channel; else (or when that case has none) the customer's last messages on every channel. Newest first. A
 * customer's older, solved cases would otherwise pull the suggestions toward yesterday's problem.
 */
export function recentCustomerText(store: Store, customerId: string, caseId: string | null = null, maxMessages = 5): string {
  const last = (byCase: boolean) =>
    store.db
      .prepare<[string, number], { body: string }>(
        `SELECT body FROM events WHERE ${byCase ? 'case_id' : 'customer_id'} = ? AND kind = 'message.received' AND body IS NOT NULL AND local_state <> 'rejected'
         ORDER BY occurred_at DESC, rid DESC LIMIT ?`,
      )
      .all(byCase ? caseId! : customerId, maxMessages);
  const ofCase = caseId ? last(true) : [];
  const rows = ofCase.length ? ofCase : last(false);
  const subject = caseId ? (store.cases.get(caseId)?.subject ?? '') : '';
  // newest first: when a long history has more words than a query takes, the newest message's words are kept
  return [subject, ...rows.map((r) => r.body)].filter((s) => s !== '').join('\n');
}

export function customerContext(store: Store, customerId: string): SearchContext & { deviceKind: string | null } {
  const c = store.customers.get(customerId);
  const device = c?.devices[0] ?? null;
  return { locale: localeOf(c?.language ?? 'en'), product: device?.model ?? null, deviceKind: device?.kind ?? null };
}
