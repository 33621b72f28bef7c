import { cjkChars, conceptWords, indexText, KNOWLEDGE_ARTICLE, type Article, type ArticleLocale } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

/**
 * The articles this desktop holds (reference data) and their full-text index (cache migration 007, `kb_fts`),
 * rebuilt whenever the reference version moved since the last build (kept in meta, so a restart does not rebuild).
 */
export interface ArticleSet {
  version: number;
  byId: Map<string, Article>;
  /** slug → its language versions */
  bySlug: Map<string, Map<ArticleLocale, Article>>;
  /** every product some article is for */
  products: Set<string>;
}

const INDEXED = 'knowledge.indexed_version' as const;
/** What the index was built from: the reference version, and the index's own format (a new one rebuilds it once). */
const FORMAT = 3; // 2: concept words in the tags column; 3: the customer-phrasing concepts (concepts-customer.ts)
const indexedMark = (version: number) => `${version}/f${FORMAT}`;
const sets = new WeakMap<Store, ArticleSet>();

export function articleSet(store: Store): ArticleSet {
  const version = store.reference.version();
  const hit = sets.get(store);
  if (hit && hit.version === version) return hit;
  const articles = store.reference.list(KNOWLEDGE_ARTICLE);
  if (store.meta.featureValue(INDEXED) !== indexedMark(version)) reindex(store, articles, version);
  const set: ArticleSet = { version, byId: new Map(articles.map((a) => [a.id, a])), bySlug: new Map(), products: new Set(articles.flatMap((a) => a.products)) };
  for (const a of articles) {
    let m = set.bySlug.get(a.slug);
    if (!m) set.bySlug.set(a.slug, (m = new Map()));
    m.set(a.locale, a);
  }
  sets.set(store, set);
  return set;
}

function reindex(store: Store, articles: readonly Article[], version: number): void {
  const db = store.db;
  const insert = db.prepare('INSERT INTO kb_fts (article_id, title, summary, tags, body, chars) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM kb_fts').run();
    for (const a of articles) {
      // the concepts of what the article is about (title, summary, keywords: not every word its body mentions)
      const concepts = conceptWords(`${a.title}\n${a.summary}\n${a.keywords.join('\n')}`);
      const tags = [...a.products, ...a.deviceKinds, a.category, ...a.keywords, ...concepts].join(' ');
      const body = a.body.replace(/^:::.*$/gm, ' ');
      const chars = cjkChars(`${a.title} ${a.summary} ${a.keywords.join(' ')} ${body}`, 100_000, false).join(' ');
      insert.run(a.id, indexText(a.title), indexText(a.summary), indexText(tags), indexText(body), chars);
    }
    store.meta.setFeatureValue(INDEXED, indexedMark(version));
  })();
}

/** Column weights for bm25: the title says most, then the summary and the tags, then the body; single Chinese characters least. */
const BM25 = 'bm25(kb_fts, 0.0, 6.0, 3.0, 2.0, 1.0, 0.1)';

/** The FTS5 hits of a MATCH expression (from the shared `ftsMatchAny`), best first. */
export function articleHits(store: Store, match: string, limit: number): { articleId: string; bm25: number }[] {
  return store.db
    .prepare<[string, number], { articleId: string; bm25: number }>(`SELECT article_id AS articleId, ${BM25} AS bm25 FROM kb_fts WHERE kb_fts MATCH ? ORDER BY bm25 LIMIT ?`)
    .all(match, limit);
}
