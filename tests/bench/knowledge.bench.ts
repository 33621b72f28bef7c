/**
 * Knowledge panel (issue 14):
 *  - knowledge.recall_at_3, knowledge.mrr: the desktop's article search on the labelled set
 *    (tests/fixtures/knowledge/queries.jsonl, written apart from the ranking by a helper who read only the articles):
 *    customers' messages as the panel's suggestions read them, agents' searches as the search box does (with its
 *    `-word` exclusions). The held-out half is the figure; the tuning half's beside it. Per language printed too. The
 *    second set (tests/fixtures/knowledge/v2, another author) is printed beside each half: knowledge.v2.{tuning,heldout}.*.
 *    Recall@3: the mean share of a query's answers among the first three; MRR: 1 / rank of the first answer.
 *  - knowledge.search.p95_ms: `knowledge.search` (articles + similar solved cases) on a cache of 1,000,000 messages
 *    (100,000 customers, a case each, 60 % of them solved, 5 messages from the customer and 5 replies each, bodies
 *    drawn from the hand-written training messages) plus the shipped articles; the queries of the labelled set.
 *  - knowledge.suggest.p95_ms: `knowledge.suggest` (the customer's recent messages, device and language →
 *    articles + similar cases) for open customers of that cache.
 * The 1M-message cache is built once with plain SQL inserts (not through the sync pipeline, whose speed other
 * benches measure) and kept in the temp directory between runs (OMNIDESK_BENCH_REBUILD=1 builds it again).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeHandlers } from '../../src/main/core/features/knowledge';
import { Store } from '../../src/main/core/kernel/store/index';
import { deterministicId } from '../../src/shared';
import { loadKnowledgeQueries, putArticles, scoreKnowledge, shippedArticles, withArticleSearch } from '../support/knowledge-set';
import { loadSentimentSet } from '../support/sentiment-set';
import { record, time } from './lib';
import { catchUpSolvedCases } from '../../src/main/core/features/knowledge/solved-index';

const round = (x: number) => Math.round(x * 1000) / 1000;
const CUSTOMERS = 100_000;
const MESSAGES_EACH = 10;
const CACHE_VERSION = 'kb-1m-v4';
const TEAM = '01900000-0000-7000-8000-0000000000aa';
const MODELS = [
  ['cgm', 'Vitalink GlucoTrack G4'],
  ['cgm', 'Vitalink GlucoTrack G3'],
  ['ecg_patch', 'Vitalink CardioPatch 14'],
  ['bp_cuff', 'Vitalink PressureWise BP-200'],
  ['watch', 'Vitalink Pulse Watch S2'],
] as const;

function accuracy(): void {
  withArticleSearch((search) => {
    for (const half of ['tuning', 'heldout'] as const) {
      const qs = loadKnowledgeQueries(half);
      const s = scoreKnowledge(qs, search);
      const name = half === 'heldout' ? 'held-out (never read while tuning)' : 'tuning';
      console.log(`    ${name}: ${s.n} queries, recall@3 ${s.recallAt3.toFixed(3)}, first answer in top 3 ${s.firstAt3.toFixed(3)}, MRR ${s.mrr.toFixed(3)}`);
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const kind of ['customer', 'agent'] as const) {
          const ls = scoreKnowledge(qs.filter((q) => q.lang === lang && q.kind === kind), search);
          console.log(`      ${lang.padEnd(6)} ${kind.padEnd(9)} recall@3 ${ls.recallAt3.toFixed(3)} MRR ${ls.mrr.toFixed(3)} (${ls.n})`);
        }
        const l = scoreKnowledge(qs.filter((q) => q.lang === lang), search);
        record({ id: `knowledge.${half}.${lang}.recall_at_3`, value: round(l.recallAt3), unit: 'ratio', target: null });
        record({ id: `knowledge.${half}.${lang}.mrr`, value: round(l.mrr), unit: 'ratio', target: null });
      }
      // the second set (both halves unread while tuning until it was first measured: 0.912 / 0.863 with the ranking before
      // this session's changes, 0.908 / 0.863 after them)
      const v2 = scoreKnowledge(loadKnowledgeQueries(half, 2), search);
      console.log(`    second set, ${half}: ${v2.n} queries, recall@3 ${v2.recallAt3.toFixed(3)}, first answer in top 3 ${v2.firstAt3.toFixed(3)}, MRR ${v2.mrr.toFixed(3)}`);
      record({ id: `knowledge.v2.${half}.recall_at_3`, value: round(v2.recallAt3), unit: 'ratio', target: null });
      record({ id: `knowledge.v2.${half}.mrr`, value: round(v2.mrr), unit: 'ratio', target: null });
      if (half === 'heldout') {
        record({ id: 'knowledge.recall_at_3', value: round(s.recallAt3), unit: 'ratio', target: '>= 0.9' });
        record({ id: 'knowledge.mrr', value: round(s.mrr), unit: 'ratio', target: null });
      } else {
        record({ id: 'knowledge.tuning.recall_at_3', value: round(s.recallAt3), unit: 'ratio', target: null });
      }
    }
  });
}

/** A seeded generator, so every build of the cache is the same cache. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function buildMillion(path: string): void {
  const t0 = performance.now();
  const store = Store.open(path);
  try {
    const texts = [...loadSentimentSet('tuning'), ...loadSentimentSet('train'), ...loadSentimentSet('train2')].map((x) => x.text);
    const replies = ['Thanks for the details, I have sent a replacement.', '感谢您的耐心，我们已安排更换。', 'Please remove the patch and contact your clinic.', '请按照文章的步骤重新配对。'];
    const r = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const db = store.db;
    const insCustomer = db.prepare('INSERT INTO customers (id, team_id, name, contact, vip, updated_at, server_json, json) VALUES (?, ?, ?, ?, 0, ?, ?, ?)');
    const insCase = db.prepare('INSERT INTO cases (id, customer_id, team_id, status, priority, assignee_id, opened_at, updated_at, server_json, json) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)');
    const insEvent = db.prepare(
      "INSERT INTO events (id, seq, customer_id, case_id, thread_id, channel, kind, occurred_at, body, json, local_state) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, '{}', 'synced')",
    );
    let n = 0;
    let seq = 0;
    const start = Date.UTC(2025, 0, 1);
    db.transaction(() => {
      for (let c = 0; c < CUSTOMERS; c++) {
        const t = start + c * 60_000;
        const id = deterministicId(t, ++n);
        const at = (ms: number) => new Date(ms).toISOString();
        const [kind, model] = MODELS[c % MODELS.length]!;
        const language = c % 2 ? 'zh' : 'en';
        const customer = {
          id, teamId: TEAM, name: `Customer ${c}`, emails: [`c${c}@example.com`], phones: [], socialHandles: [], language, segment: 'adult', vip: false,
          devices: [{ kind, model, serial: `SN${c}`, firmware: '4.2.0', warrantyUntil: '2027-01-01' }], createdAt: at(t), updatedAt: at(t),
        };
        const cj = JSON.stringify(customer);
        insCustomer.run(id, TEAM, customer.name, customer.emails.join(' '), at(t), cj, cj);
        const caseId = deterministicId(t, ++n);
        const status = r() < 0.6 ? 'resolved' : 'open';
        const kj = JSON.stringify({ id: caseId, customerId: id, teamId: TEAM, subject: `Case ${c}`, status, priority: 'P2' });
        insCase.run(caseId, id, TEAM, status, 'P2', at(t), at(t), kj, kj);
        const channel = pick(['email', 'chat', 'social', 'phone'] as const);
        for (let m = 0; m < MESSAGES_EACH; m++) {
          const fromCustomer = m % 2 === 0;
          insEvent.run(deterministicId(t + m, ++n), ++seq, id, caseId, channel, fromCustomer ? 'message.received' : 'message.sent', at(t + m * 1000), fromCustomer ? pick(texts) : pick(replies));
        }
      }
    })();
    const inserted = performance.now();
    db.exec("INSERT INTO events_fts (events_fts) VALUES ('rebuild'); INSERT INTO events_fts (events_fts) VALUES ('optimize');");
    store.meta.setFtsRid(store.events.maxRid());
    store.meta.setFeatureValue('bench.cache', CACHE_VERSION);
    console.log(`    built the cache: ${seq.toLocaleString('en')} messages in ${((inserted - t0) / 1000).toFixed(1)} s, full-text index in ${((performance.now() - inserted) / 1000).toFixed(1)} s`);
  } finally {
    store.close();
  }
}

export async function speed(): Promise<void> {
  const dir = join(tmpdir(), `omnidesk-bench-${CACHE_VERSION}`);
  const path = join(dir, 'cache.sqlite');
  if (process.env.OMNIDESK_BENCH_REBUILD === '1') rmSync(dir, { recursive: true, force: true });
  let ready = false;
  if (existsSync(path)) {
    const s = Store.open(path);
    ready = s.meta.featureValue('bench.cache') === CACHE_VERSION;
    s.close();
  }
  if (!ready) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    buildMillion(path);
  }
  const store = Store.open(path);
  try {
    putArticles(store, shippedArticles());
    const h = knowledgeHandlers({ store: () => store });
    // the solved-case index catches up in bounded steps as the panel is used; timed here once it has
    const c0 = performance.now();
    let cases = 0;
    for (let n = catchUpSolvedCases(store); n > 0; n = catchUpSolvedCases(store)) cases += n;
    if (cases) console.log(`    solved-case index: ${cases.toLocaleString('en')} cases in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
    const messages = store.db.prepare<[], number>("SELECT count(*) FROM events WHERE kind LIKE 'message.%'").pluck().get()!;
    const open = store.db.prepare<[], string>("SELECT customer_id FROM cases WHERE status = 'open' ORDER BY customer_id LIMIT 400").pluck().all();
    const queries = [...loadKnowledgeQueries('tuning'), ...loadKnowledgeQueries('heldout')].map((q) => q.text);
    let i = 0;
    const search = await time(() => h['knowledge.search']({ text: queries[i++ % queries.length]!, customerId: open[i % open.length]!, locale: null }), 260, 20);
    let j = 0;
    const suggest = await time(() => h['knowledge.suggest']({ customerId: open[j++ % open.length]! }), 300, 20);
    console.log(`    ${messages.toLocaleString('en')} messages cached: search median ${search.median.toFixed(2)} ms p95 ${search.p95.toFixed(2)} ms; suggest median ${suggest.median.toFixed(2)} ms p95 ${suggest.p95.toFixed(2)} ms`);
    record({ id: 'knowledge.search.p95_ms', value: round(search.p95), unit: 'ms', target: '< 30' });
    record({ id: 'knowledge.suggest.p95_ms', value: round(suggest.p95), unit: 'ms', target: '<= 50' });
  } finally {
    store.close();
  }
}

export async function benchKnowledge(): Promise<void> {
  console.log('\nKnowledge: article search on the labelled set, search and suggestions on a 1,000,000-message cache');
  accuracy();
  await speed();
}
