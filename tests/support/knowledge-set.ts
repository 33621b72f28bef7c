/**
 * The knowledge search labelled set (tests/fixtures/knowledge/queries.jsonl, written apart from the ranking by a
 * helper who read only the articles) and the shipped articles (resources/knowledge) as a desktop holds them. The
 * held-out half is scored in aggregate only: nothing here prints its texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchArticles } from '../../src/main/core/features/knowledge/search';
import { Store } from '../../src/main/core/kernel/store/index';
import { tempDir } from './temp-dir';
import { KNOWLEDGE_ARTICLE, parseArticleFile, type Article, type ReferenceItem } from '../../src/shared';

export interface KnowledgeQuery {
  id: string;
  lang: 'en' | 'zh-CN';
  kind: 'customer' | 'agent';
  text: string;
  product: string | null;
  /** slugs, best first */
  answers: string[];
  half: 'tuning' | 'heldout';
}

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * `set` 1: tests/fixtures/knowledge/queries.jsonl; 2: tests/fixtures/knowledge/v2 (written 2026-12-07 by another helper who
 * read only the articles and the first set's README; first measured with the ranking of that day, before any tuning).
 */
export function loadKnowledgeQueries(half: KnowledgeQuery['half'], set: 1 | 2 = 1): KnowledgeQuery[] {
  const file = set === 1 ? ['queries.jsonl'] : ['v2', 'queries.jsonl'];
  return readFileSync(join(ROOT, 'tests', 'fixtures', 'knowledge', ...file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as KnowledgeQuery)
    .filter((q) => q.half === half);
}

/** Every shipped article, parsed as the server imports them (a broken file throws: the set must load). */
export function shippedArticles(): Article[] {
  const dir = join(ROOT, 'resources', 'knowledge');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => {
      const r = parseArticleFile(f, readFileSync(join(dir, f), 'utf8'));
      if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
      return r.article;
    });
}

/** Puts articles into a cache as the reference pull would (one page, versions after the cache's). */
export function putArticles(store: Store, articles: readonly Article[]): void {
  let v = store.reference.version();
  const items: ReferenceItem[] = articles.map((a) => ({ kind: KNOWLEDGE_ARTICLE.kind, id: a.id, version: ++v, teamIds: [], data: a, deleted: false }));
  store.reference.apply({ items, next: v });
}

export interface KnowledgeScore {
  n: number;
  /** mean share of a query's answers among the first 3 results */
  recallAt3: number;
  /** the first answer (the one to send) among the first 3 */
  firstAt3: number;
  /** mean reciprocal rank of the first result that is an answer (0 when none of the first 10 is) */
  mrr: number;
}

export function scoreKnowledge(queries: readonly KnowledgeQuery[], search: (q: KnowledgeQuery) => string[]): KnowledgeScore {
  let recall = 0;
  let first = 0;
  let rr = 0;
  for (const q of queries) {
    const got = search(q).slice(0, 10);
    const top3 = new Set(got.slice(0, 3));
    recall += q.answers.filter((a) => top3.has(a)).length / q.answers.length;
    if (top3.has(q.answers[0]!)) first++;
    const at = got.findIndex((s) => q.answers.includes(s));
    if (at >= 0) rr += 1 / (at + 1);
  }
  const n = queries.length || 1;
  return { n: queries.length, recallAt3: recall / n, firstAt3: first / n, mrr: rr / n };
}

/**
 * Runs `fn` with the labelled set's search on a fresh cache holding the shipped articles: customers' messages as the
 * panel's suggestions read them, agents' searches as the search box does (with its `-word` exclusions). Slugs, best
 * first. The cache goes afterwards.
 */
export function withArticleSearch<T>(fn: (search: (q: KnowledgeQuery) => string[]) => T): T {
  const { dir, cleanup } = tempDir('omnidesk-kb-');
  const store = Store.open(join(dir, 'cache.sqlite'));
  try {
    putArticles(store, shippedArticles());
    return fn((q) => searchArticles(store, q.text, { locale: q.lang, product: q.product }, 10, q.kind === 'agent').map((c) => c.slug));
  } finally {
    store.close();
    cleanup();
  }
}
