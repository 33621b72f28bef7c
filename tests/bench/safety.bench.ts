/**
 * The harm detector (issue 12) on the labelled set written apart from it (tests/fixtures/safety):
 *  - safety.{tuning,heldout}.{recall,precision}: a message flagged 'harm' against `flag` in the set. Tuning: the first
 *    set, both halves (its held-out half was read to fix misses on 2026-12-06), the third to the tenth set. Held-out: the second set
 *    (tests/fixtures/safety/v2), written apart from the detector and the first set, never read while tuning. Per language, per labelled category and per hard-negative kind printed beside.
 *  - safety.detect.median_ms: one message's detection, median over the whole set's messages (the desktop's cost).
 */
import { detectHarm, type SafetyVerdict } from '../../src/shared/features/safety';
import { generateDemoData } from '../../src/server/seed';
import { breakdown, loadSafetySet, loadTuningMaterial, score, type SafetyItem } from '../support/safety-set';
import { record, summarize } from './lib';

export async function benchSafety(): Promise<void> {
  console.log('\nSafety detector');
  const samples: number[] = [];
  const sets: Array<{ id: 'tuning' | 'heldout'; label: string; items: SafetyItem[] }> = [
    { id: 'tuning', label: 'tuning (the first set, both halves, the third to the tenth)', items: loadTuningMaterial() },
    { id: 'heldout', label: 'held-out (the second set, never read)', items: loadSafetySet('heldout') },
  ];
  // the first set's held-out half alone, for comparison with the figures reported before it was read
  const v1 = loadSafetySet('v1-heldout');
  const v1s = score(v1, (it) => detectHarm(it.text).decision === 'harm');
  console.log(`    first set's former held-out half (tuning material since 2026-12-06): recall ${v1s.recall.toFixed(3)} precision ${v1s.precision.toFixed(3)}`);
  // the later sets alone, with what the detector scored on each before anyone read it (the honest figure for new text)
  for (const [set, name, before] of [
    ['v4', 'fourth', '0.974 / 0.781 on 2026-12-07'],
    ['v5', 'fifth', '0.972 / 0.781 on 2026-12-08'],
    ['v6', 'sixth', '0.944 / 0.805 on 2026-12-08'],
    ['v8', 'eighth', '0.952 / 0.902 on 2026-12-08'],
    ['v9', 'ninth', '0.900 / 0.855 on 2026-12-08'],
    ['v10', 'tenth', '0.962 / 0.902 on 2026-12-08'],
  ] as const) {
    const x = score(loadSafetySet(set), (it) => detectHarm(it.text).decision === 'harm');
    console.log(`    ${name} set (tuning material; ${before} before it was read): recall ${x.recall.toFixed(3)} precision ${x.precision.toFixed(3)}`);
  }
  // ordinary traffic nobody labelled for the detector: the demo's customer messages (each distinct text once)
  const demo = [...new Set(generateDemoData().events.flatMap((e) => (e.kind === 'message.received' && e.body ? [e.body] : [])))];
  const demoFlags = demo.map((t) => detectHarm(t)).filter((v) => v.decision === 'harm');
  console.log(`    demo customer messages flagged: ${demoFlags.length} of ${demo.length} distinct (rules ${demoFlags.filter((v) => v.by === 'rules').length}, model ${demoFlags.filter((v) => v.by === 'model').length})`);
  for (const { id: half, label, items } of sets) {
    const verdicts = new Map<string, SafetyVerdict>(items.map((it) => [it.id, detectHarm(it.text)]));
    const s = score(items, (it) => verdicts.get(it.id)!.decision === 'harm');
    record({ id: `safety.${half}.recall`, value: round(s.recall), unit: 'ratio', target: half === 'heldout' ? '>= 0.98' : null });
    record({ id: `safety.${half}.precision`, value: round(s.precision), unit: 'ratio', target: half === 'heldout' ? '>= 0.90' : null });
    record({ id: `safety.${half}.f1`, value: round(s.f1), unit: 'ratio', target: null });
    const b = breakdown(items, verdicts);
    console.log(`    ${label}: ${s.n} messages, ${s.tp} harm reports caught, ${s.fn} missed, ${s.fp} false flags`);
    for (const [k, v] of Object.entries(b.language)) if (v.n) console.log(`      language ${k.padEnd(8)} recall ${v.recall.toFixed(3)} precision ${v.precision.toFixed(3)} F1 ${v.f1.toFixed(3)} (${v.n})`);
    for (const [k, v] of Object.entries(b.category)) console.log(`      category ${k.padEnd(26)} recall ${v.recall.toFixed(3)} (${v.tp}/${v.tp + v.fn})`);
    for (const [k, v] of Object.entries(b.hardNegative)) console.log(`      hard negative ${k.padEnd(22)} false flags ${v.falseFlags}/${v.n}`);
    for (let r = 0; r < 5; r++) {
      for (const it of items) {
        const t0 = performance.now();
        detectHarm(it.text);
        if (r > 0) samples.push(performance.now() - t0);
      }
    }
  }
  record({ id: 'safety.detect.median_ms', value: summarize(samples).median, unit: 'ms', target: '<= 1' });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
