/**
 * `npx tsx scripts/knowledge-tune.ts`: the knowledge search on the TUNING half of tests/fixtures/knowledge only:
 * figures per language and kind, and each miss (query, wanted, got). The held-out half is measured by
 * `npm run bench -- knowledge`, in aggregate, and never listed.
 */
import { loadKnowledgeQueries, scoreKnowledge, withArticleSearch } from '../tests/support/knowledge-set';

withArticleSearch((search) => {
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
});
