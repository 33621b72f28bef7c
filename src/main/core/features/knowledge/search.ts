import {
  ftsMatchAny,
  ftsMatchQuery,
  localeOf,
  parseSearchQuery,
  rankArticles,
  searchTokens,
  type Article,
  type ArticleCard,
  type ArticleLocale,
  type SimilarCase,
} from '../../../../shared/index';
import { normalise } from '../../../../shared/kernel/text-normalise';
import type { Store } from '../../kernel/store/index';
import { articleHits, articleSet, type ArticleSet } from './article-index';
import { bestExcerpt } from './highlight';
import { markdownText } from './render';

/**
 * Knowledge search on the cache (issue 14): articles through `kb_fts` ranked by the shared `rankArticles`, and
 * solved cases through the conversations' own index (`events_fts`, trigram). Pure reads, offline as online.
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
  const query = syntax ? parseSearchQuery(text) : { tokens: searchTokens(text, 120), exclude: [] };
  const tokens = query.tokens;
  const match = ftsMatchQuery(query);
  if (!match) return [];
  const hits = articleHits(store, match, 80).flatMap((h) => {
    const a = set.byId.get(h.articleId);
    return a && a.status === 'published' ? [{ articleId: a.id, slug: a.slug, locale: a.locale, bm25: h.bm25, products: a.products }] : [];
  });
  return rankArticles(hits, ctx)
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

function card(a: Article, wanted: ArticleLocale, tokens: readonly string[], score: number): ArticleCard {
  const snippet = bestExcerpt(`${a.summary}\n${markdownText(a.body.replace(/^:::.*$/gm, ''))}`, tokens);
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
 * Terms for the trigram index of the conversations: English words of four letters or more, and three-character
 * windows of Chinese runs (a trigram index finds nothing shorter). The longest first, at most `max`.
 */
export function caseTerms(text: string, max = 10): string[] {
  const n = normalise(text.slice(0, 5000));
  const latin = searchTokens(n, 200).filter((t) => /^[a-z]/.test(t) && t.length >= 4);
  const zh: string[] = [];
  for (const m of n.matchAll(/[\u3400-\u9fff]{3,}/g)) for (let i = 0; i + 3 <= m[0].length; i += 2) zh.push(m[0].slice(i, i + 3));
  const all = [...new Set([...latin.sort((a, b) => b.length - a.length), ...zh])];
  return all.slice(0, max);
}

interface CaseHitRow {
  rid: number;
  caseId: string;
  customerId: string;
  body: string;
  subject: string;
}

/** The solved (resolved or closed) cases whose customers wrote most like `text`, other customers' first. */
export function similarCases(store: Store, text: string, excludeCustomerId: string | null, limit = 3): SimilarCase[] {
  const terms = caseTerms(text);
  const match = ftsMatchAny(terms);
  if (!match) return [];
  const rows = store.db
    .prepare<[string, string], CaseHitRow>(
      `WITH hits AS (SELECT rowid AS rid, rank FROM events_fts WHERE events_fts MATCH ? ORDER BY rank LIMIT 300)
       SELECT e.rid, e.case_id AS caseId, e.customer_id AS customerId, e.body, c.json ->> '$.subject' AS subject
       FROM hits h JOIN events e ON e.rid = h.rid JOIN cases c ON c.id = e.case_id
       WHERE e.kind = 'message.received' AND c.status IN ('resolved', 'closed') AND e.customer_id <> ?
       ORDER BY h.rank`,
    )
    .all(match, excludeCustomerId ?? '');
  const seen = new Set<string>();
  const out: SimilarCase[] = [];
  for (const r of rows) {
    if (seen.has(r.caseId)) continue;
    seen.add(r.caseId);
    const last = store.db
      .prepare<[string], { body: string | null; occurredAt: string }>(
        `SELECT body, occurred_at AS occurredAt FROM events WHERE case_id = ? AND kind IN ('message.sent', 'note.added') AND body IS NOT NULL ORDER BY occurred_at DESC LIMIT 1`,
      )
      .get(r.caseId);
    const words = searchTokens(text, 200);
    out.push({
      caseId: r.caseId,
      customerId: r.customerId,
      subject: r.subject ?? '',
      asked: bestExcerpt(r.body, words, 200),
      resolution: last?.body ? shorten(last.body, 300) : null,
      resolvedAt: last?.occurredAt ?? null,
    });
    if (out.length >= limit) break;
  }
  return out;
}

function shorten(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** What the panel reads for an open customer: their last messages on every channel (newest first), in words. */
export function recentCustomerText(store: Store, customerId: string, maxMessages = 5): string {
  const rows = store.db
    .prepare<[string, number], { body: string }>(
      `SELECT body FROM events WHERE customer_id = ? AND kind = 'message.received' AND body IS NOT NULL AND local_state <> 'rejected'
       ORDER BY occurred_at DESC, rid DESC LIMIT ?`,
    )
    .all(customerId, maxMessages);
  // newest first: when a long history has more words than a query takes, the newest message's words are kept
  return rows.map((r) => r.body).join('\n');
}

export function customerContext(store: Store, customerId: string): SearchContext & { deviceKind: string | null } {
  const c = store.customers.get(customerId);
  const device = c?.devices[0] ?? null;
  return { locale: localeOf(c?.language ?? 'en'), product: device?.model ?? null, deviceKind: device?.kind ?? null };
}
