/**
 * `npx tsx scripts/sentiment-train.ts [--cv]`: trains the mood model (src/shared/features/escalation/mood-model.ts) on
 * the training material only (tests/fixtures/sentiment tuning.jsonl, train.jsonl and train2.jsonl; never heldout.jsonl):
 * multinomial logistic regression over the shared text features and the lexicon's reading, L2-regularised, plain
 * SGD with balanced classes, a fixed seed. `--cv` prints 5-fold cross-validated accuracy and anxious recall of the
 * lexicon, the model, and the model with an anxious threshold, to choose that threshold without the held-out half
 * (scored separately on train.jsonl and train2.jsonl, which the lexicon was not tuned on). Without it, writes mood-weights.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconMood, type MoodLabel } from '../src/shared/features/escalation';
import { featureScale, MOOD_LABELS, moodFeatures } from '../src/shared/features/escalation/mood-model';
import { FEATURE_BITS } from '../src/shared/kernel/text-features';
import { loadTrainingMaterial, type SentimentItem } from '../tests/support/sentiment-set';

const EPOCHS = Number(process.env.EPOCHS ?? 15);
const RATE = Number(process.env.RATE ?? 1);
const L2 = Number(process.env.L2 ?? 1e-4);
const KEEP = Number(process.env.KEEP ?? 12_000);
const K = MOOD_LABELS.length;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Row {
  f: Uint32Array;
  y: number;
}
interface Model {
  w: Float64Array;
  b: Float64Array;
}

function train(rows: readonly Row[]): Model {
  const w = new Float64Array((1 << FEATURE_BITS) * K);
  const b = new Float64Array(K);
  const r = rng(11);
  const counts = new Array<number>(K).fill(0);
  for (const x of rows) counts[x.y]!++;
  const classWeight = counts.map((c) => rows.length / (K * Math.max(1, c)));
  const order = rows.map((_, i) => i);
  const z = new Float64Array(K);
  for (let e = 0; e < EPOCHS; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = RATE / (1 + e * 0.5);
    for (const idx of order) {
      const { f, y } = rows[idx]!;
      probs(w, b, f, z);
      const cw = classWeight[y]!;
      const x = featureScale(f.length);
      for (let k = 0; k < K; k++) {
        const g = (z[k]! - (k === y ? 1 : 0)) * cw;
        b[k] = b[k]! - lr * g;
        for (const h of f) w[h * K + k] = w[h * K + k]! * (1 - lr * L2) - lr * g * x;
      }
    }
  }
  return { w, b };
}

function probs(w: Float64Array, b: Float64Array, f: Uint32Array, out: Float64Array): Float64Array {
  for (let k = 0; k < K; k++) {
    let s = b[k]!;
    const x = featureScale(f.length);
    for (const h of f) s += x * w[h * K + k]!;
    out[k] = s;
  }
  let top = -Infinity;
  for (let k = 0; k < K; k++) top = Math.max(top, out[k]!);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += out[k] = Math.exp(out[k]! - top);
  for (let k = 0; k < K; k++) out[k] = out[k]! / sum;
  return out;
}

const items: SentimentItem[] = loadTrainingMaterial();
const rows: Row[] = items.map((it) => ({ f: moodFeatures(it.text, lexiconMood(it.text)), y: MOOD_LABELS.indexOf(it.label) }));
const decide = (p: ArrayLike<number>, anxiousAt: number): MoodLabel => {
  let best = 0;
  for (let k = 1; k < K; k++) if (p[k]! > p[best]!) best = k;
  if (best !== 0 && p[0]! >= anxiousAt) best = 0;
  return MOOD_LABELS[best]!;
};

if (process.argv.includes('--cv')) {
  const foldOf = (it: SentimentItem) => [...it.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 5;
  const p = items.map(() => new Float64Array(K));
  for (let fold = 0; fold < 5; fold++) {
    const m = train(rows.filter((_, i) => foldOf(items[i]!) !== fold));
    items.forEach((it, i) => {
      if (foldOf(it) === fold) probs(m.w, m.b, rows[i]!.f, p[i]!);
    });
  }
  const report = (label: string, subset: (it: SentimentItem) => boolean, pick: (i: number) => MoodLabel) => {
    const idx = items.map((_, i) => i).filter((i) => subset(items[i]!));
    const right = idx.filter((i) => pick(i) === items[i]!.label).length;
    const anx = idx.filter((i) => items[i]!.label === 'anxious');
    const anxFound = anx.filter((i) => pick(i) === 'anxious').length;
    const anxPred = idx.filter((i) => pick(i) === 'anxious').length;
    console.log(`${label.padEnd(34)} accuracy ${(right / idx.length).toFixed(3)} anxious recall ${(anxFound / anx.length).toFixed(3)} precision ${(anxFound / Math.max(1, anxPred)).toFixed(3)} (${idx.length})`);
  };
  for (const [name, subset] of [
    ['all training material', () => true],
    ['train*.jsonl only (lexicon not tuned on them)', (it: SentimentItem) => it.id.startsWith('s-train')],
  ] as const) {
    console.log(`\n${name}`);
    report('lexicon (in-sample on tuning!)', subset, (i) => lexiconMood(items[i]!.text).mood);
    report('model', subset, (i) => decide(p[i]!, 1));
    for (const t of [0.2, 0.25, 0.3, 0.35, 0.4]) report(`model, anxious at ≥ ${t}`, subset, (i) => decide(p[i]!, t));
  }
} else {
  const m = train(rows);
  const norm = (h: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.abs(m.w[h * K + k]!);
    return s;
  };
  const used = new Set<number>();
  for (const r of rows) for (const h of r.f) used.add(h);
  const idx = [...used].sort((a, c) => norm(c) - norm(a)).slice(0, KEEP).sort((a, c) => a - c);
  const anxiousAt = Number(process.env.ANXIOUS_AT ?? 0.3);
  const out = {
    bits: FEATURE_BITS,
    labels: MOOD_LABELS,
    bias: [...m.b].map(round),
    buckets: idx,
    weights: idx.flatMap((h) => MOOD_LABELS.map((_, k) => round(m.w[h * K + k]!))),
    anxiousAt,
    trainedOn: items.length,
  };
  writeFileSync(join(import.meta.dirname, '..', 'src', 'shared', 'features', 'escalation', 'mood-weights.json'), JSON.stringify(out));
  console.log(`mood model: ${idx.length} buckets × ${K} labels from ${items.length} messages; anxious at ≥ ${anxiousAt}`);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
