/**
 * The mood and asks detectors on the TUNING half of the sentiment set only (tests/fixtures/sentiment/tuning.jsonl):
 * figures and every miss, to improve the cues. The held-out half is measured by `npm run bench -- sentiment`, never here.
 * `npx tsx scripts/sentiment-tune.ts [--quiet]`
 */
import { detectAsks, detectMood } from '../src/shared/features/escalation';
import { loadSentimentSet, scoreSentiment } from '../tests/support/sentiment-set';

const items = loadSentimentSet('tuning');
const s = scoreSentiment(items, (it) => ({ mood: detectMood(it.text).mood, asks: detectAsks(it.text) }));
console.log(`tuning: ${s.n} messages, accuracy ${s.accuracy.toFixed(3)}, asks recall ${s.asksRecall.toFixed(3)} precision ${s.asksPrecision.toFixed(3)}`);
for (const [l, v] of Object.entries(s.labels)) console.log(`  ${l.padEnd(9)} recall ${v.recall.toFixed(3)} precision ${v.precision.toFixed(3)} (${v.n})`);
if (!process.argv.includes('--quiet')) {
  for (const it of items) {
    const v = detectMood(it.text);
    const asks = detectAsks(it.text);
    const askMiss = [...it.asks].sort().join(',') !== [...asks].sort().join(',');
    if (v.mood !== it.label || askMiss) {
      console.log(`\n${it.id} want ${it.label}${it.asks.length ? ` [${it.asks}]` : ''} got ${v.mood}${asks.length ? ` [${asks}]` : ''} ${JSON.stringify(v.scores)}\n  ${it.text.replace(/\n/g, ' ⏎ ').slice(0, 400)}`);
    }
  }
}
