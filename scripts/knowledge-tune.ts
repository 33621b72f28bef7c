/**
 * `npx tsx scripts/knowledge-tune.ts`: the knowledge search on the TUNING half of tests/fixtures/knowledge only:
 * figures per language and kind, and each miss (query, wanted, got). The held-out half is measured by
 * `npm run bench -- knowledge`, in aggregate, and never listed.
 */
import { Store } from '../src/main/core/kernel/store/index';
import { searchArticles } from '../src/main/core/features/knowledge/search';
import { tempDir } from '../tests/support/temp-dir';
import { loadKnowledgeQueries, putArticles, scoreKnowledge, shippedArticles, type KnowledgeQuery } from '../tests/support/knowledge-set';
import { join } from 'node:path';

const { dir, cleanup } = tempDir('kb-tune-');
const store = Store.open(join(dir, 'c.sqlite'));
try {
  putArticles(store, shippedArticles());
  const search = (q: KnowledgeQuery) => searchArticles(store, q.text, { locale: q.lang, product: q.product }, 10, q.kind === 'agent').map((c) => c.slug);
  const qs = loadKnowledgeQueries('tuning');
  for (const [name, sub] of [
    ['all', qs],
    ['en', qs.filter((q) => q.lang === 'en')],
    ['zh-CN', qs.filter((q) => q.lang === 'zh-CN')],
    ['customer', qs.filter((q) => q.kind === 'customer')],
    ['agent', qs.filter((q) => q.kind === 'agent')],
  ] as const) {
    const s = scoreKnowledge(sub, search);
    console.log(`${name.padEnd(9)} n=${s.n} recall@3 ${s.recallAt3.toFixed(3)} first@3 ${s.firstAt3.toFixed(3)} mrr ${s.mrr.toFixed(3)}`);
  }
  if (process.argv.includes('--misses')) {
    for (const q of qs) {
      const got = search(q).slice(0, 3);
      if (!q.answers.some((a) => got.includes(a))) console.log(`${q.id} ${q.lang} ${q.kind} ${JSON.stringify(q.text).slice(0, 120)} [${q.product ?? '-'}]\n   want ${q.answers.join(',')}  got ${got.join(',')}`);
    }
  }
} finally {
  store.close();
  cleanup();
}
