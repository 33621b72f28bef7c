/**
 * `npx tsx scripts/safety-train.ts [--cv]`: trains the harm model (src/shared/features/safety/model.ts) on the tuning
 * material only (tests/fixtures/safety: the first set, the third to the tenth; never the held-out set v2): logistic
 * regression on hashed character n-grams and negated words (features.ts), each message's features scaled to unit length
 * (featureScale), L2-regularised, plain SGD, a fixed seed. `--cv` prints 5-fold
 * cross-validated recall and precision of the rules, the model, and the two together, per threshold, to choose the
 * threshold without looking at the held-out set. Without it, writes model-weights.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_BITS, featureScale, harmFeatures, harmScore } from '../src/shared/features/safety/features';
import { detectRules, modelReads } from '../src/shared/features/safety/detect';
import { loadTuningMaterial, type SafetyItem } from '../tests/support/safety-set';

const EPOCHS = Number(process.env.EPOCHS ?? 12);
const RATE = Number(process.env.RATE ?? 2);
const L2 = Number(process.env.L2 ?? 1e-5);
/** weights kept: the largest by magnitude (the rest are near zero and only cost bytes) */
const KEEP = 30_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function train(items: ReadonlyArray<{ f: Uint32Array; y: number }>): { w: Float64Array; b: number } {
  const w = new Float64Array(1 << FEATURE_BITS);
  let b = 0;
  const r = rng(7);
  const order = items.map((_, i) => i);
  // harm is the rarer, costlier class: weigh its mistakes up to balance the classes
  const pos = items.filter((x) => x.y === 1).length;
  const wPos = (items.length - pos) / Math.max(1, pos);
  for (let e = 0; e < EPOCHS; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = RATE / (1 + e);
    for (const k of order) {
      const { f, y } = items[k]!;
      const scale = featureScale(f.length);
      const p = harmScore((h) => w[h]!, b, f);
      const g = (p - y) * (y === 1 ? wPos : 1);
      b -= lr * g;
      for (const h of f) w[h] = w[h]! * (1 - lr * L2) - lr * g * scale;
    }
  }
  return { w, b };
}

export function score(m: { w: Float64Array; b: number }, f: Uint32Array): number {
  return harmScore((h) => m.w[h]!, m.b, f);
}

const items: SafetyItem[] = loadTuningMaterial();
const feats = items.map((it) => ({ f: harmFeatures(it.text), y: it.flag ? 1 : 0 }));

if (process.argv.includes('--cv')) {
  // folds by incident, so a translation of a message is never in the other fold
  const incident = (it: SafetyItem) => (it as SafetyItem & { incident?: string }).incident ?? it.id;
  const foldOf = (it: SafetyItem) => [...incident(it)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 5;
  const probs = new Float64Array(items.length);
  for (let k = 0; k < 5; k++) {
    const m = train(feats.filter((_, i) => foldOf(items[i]!) !== k));
    items.forEach((it, i) => {
      if (foldOf(it) === k) probs[i] = score(m, feats[i]!.f);
    });
  }
  const verdicts = items.map((it) => detectRules(it.text));
  const rules = verdicts.map((v) => v.decision === 'harm');
  const quiet = verdicts.map((v) => v.setAside.filter((x) => x !== 'truncated').length === 0);
  const report = (label: string, flagged: (i: number) => boolean) => {
    let tp = 0, fp = 0, fn = 0;
    items.forEach((it, i) => {
      const f = flagged(i);
      if (f && it.flag) tp++;
      else if (f) fp++;
      else if (it.flag) fn++;
    });
    console.log(`${label.padEnd(28)} recall ${(tp / (tp + fn)).toFixed(3)} precision ${(tp / (tp + fp)).toFixed(3)} (fn ${fn}, fp ${fp})`);
  };
  report('rules (in-sample!)', (i) => rules[i]!);
  for (const t of [0.5, 0.6, 0.7, 0.8, 0.9]) report(`model ≥ ${t}`, (i) => probs[i]! >= t);
  for (const t of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) report(`rules or model ≥ ${t}`, (i) => rules[i]! || probs[i]! >= t);
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) report(`rules or (model ≥ ${t}, nothing set aside)`, (i) => rules[i]! || (probs[i]! >= t && quiet[i]!));
  const substantial = items.map((it) => modelReads(it.text));
  for (const hi of [0.9, 0.95, 0.98, 0.99]) report(`… ≥ 0.45 quiet, ≥ ${hi} set aside`, (i) => rules[i]! || (substantial[i]! && probs[i]! >= (quiet[i]! ? 0.45 : hi)));
  for (const t of [0.45, 0.5]) report(`… and a substantial text, ≥ ${t}`, (i) => rules[i]! || (probs[i]! >= t && quiet[i]! && substantial[i]!));
} else {
  const m = train(feats);
  const idx = [...m.w.keys()].filter((h) => m.w[h] !== 0).sort((a, c) => Math.abs(m.w[c]!) - Math.abs(m.w[a]!)).slice(0, KEEP).sort((a, c) => a - c);
  const out = { bits: FEATURE_BITS, scale: 'l2', bias: round(m.b), buckets: idx, weights: idx.map((h) => round(m.w[h]!)), trainedOn: items.length };
  writeFileSync(join(import.meta.dirname, '..', 'src', 'shared', 'features', 'safety', 'model-weights.json'), JSON.stringify(out));
  console.log(`model: ${idx.length} weights from ${items.length} messages`);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
