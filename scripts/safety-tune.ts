/**
 * `npx tsx scripts/safety-tune.ts`: the detector's misses and false flags on the tuning material (the first labelled
 * set, tests/fixtures/safety, both halves), to improve the cues. It never reads the held-out set
 * (tests/fixtures/safety/v2): that one is scored only by `npm run bench safety`, in aggregate.
 */
import { detectHarm } from '../src/shared/features/safety';
import { loadTuningMaterial, score } from '../tests/support/safety-set';

// the first set's held-out half became tuning material on 2026-12-06, when a second set written apart from the
// detector (tests/fixtures/safety/v2) took its place as the held-out set
const items = loadTuningMaterial();
const verdicts = new Map(items.map((it) => [it.id, detectHarm(it.text)]));
const s = score(items, (it) => verdicts.get(it.id)!.decision === 'harm');
const show = (text: string) => text.replace(/\s+/g, ' ').slice(0, 400);
for (const it of items) {
  const v = verdicts.get(it.id)!;
  if (it.flag && v.decision !== 'harm') console.log(`MISS ${it.id} [${it.categories.join(',')}] aside=${v.setAside.join(',')}\n  ${show(it.text)}`);
  if (!it.flag && v.decision === 'harm') console.log(`FALSE ${it.id} [${it.label}/${it.hard_negative ?? it.category}] got=${v.categories.join(',')}\n  ${show(it.text)}`);
}
console.log(`tuning: recall ${s.recall.toFixed(3)} precision ${s.precision.toFixed(3)} F1 ${s.f1.toFixed(3)} (tp ${s.tp}, fn ${s.fn}, fp ${s.fp})`);
