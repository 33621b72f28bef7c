import { featureBucket, FEATURE_BITS, textFeatures } from '../../kernel/text-features';
import trained from './mood-weights.json';
import type { MoodLabel, MoodVerdict } from './sentiment';

/**
 * The mood model: multinomial logistic regression over the shared text features (hashed character n-grams and word
 * pairs) and the cue lexicon's reading of the same text (its scores, bucketed, and its pick), trained in the
 * repository on the tuning material only (`npx tsx scripts/sentiment-train.ts`; the held-out half is never read).
 * The lexicon knows negation, thanks and shouting; the model knows the many ways customers say the same thing.
 */
export const MOOD_LABELS: readonly MoodLabel[] = ['anxious', 'angry', 'negative', 'neutral'];
/** anxious wins at this probability even when another label is likelier (chosen by cross-validation on tuning material) */
export const ANXIOUS_AT = (trained as Trained).anxiousAt ?? 1;

interface Trained {
  bits: number;
  labels: MoodLabel[];
  bias: number[];
  buckets: number[];
  /** per bucket, one weight per label (row-major) */
  weights: number[];
  anxiousAt?: number;
}

/** The features of a text with the lexicon's reading of it; the trainer uses this one function. */
export function moodFeatures(text: string, lex: MoodVerdict): Uint32Array {
  const f = new Set(textFeatures(text));
  const bucket = (x: number) => (x <= 0 ? '0' : x < 1 ? 'a' : x < 2 ? '1' : x < 3 ? '2' : x < 5 ? '3' : '5');
  f.add(featureBucket(`lex:anx:${bucket(lex.scores.anxious)}`));
  f.add(featureBucket(`lex:ang:${bucket(lex.scores.angry)}`));
  f.add(featureBucket(`lex:neg:${bucket(lex.scores.negative)}`));
  f.add(featureBucket(`lex:pick:${lex.mood}`));
  f.add(featureBucket(`len:${text.length < 40 ? 's' : text.length < 200 ? 'm' : 'l'}`));
  return Uint32Array.from(f);
}

/**
 * Each feature counts 1/√n for a text with n features (the vector has unit length): without it a long email's
 * hundreds of n-grams add up to certainty whatever they say, and a plain refund request read as fury at p = 1.00.
 */
export function featureScale(n: number): number {
  return n > 0 ? 1 / Math.sqrt(n) : 0;
}

let table: Float32Array | null = null;

function load(): Float32Array | null {
  const m = trained as Trained;
  if (m.buckets.length === 0) return null;
  if (table) return table;
  if (m.bits !== FEATURE_BITS || m.buckets.length * MOOD_LABELS.length !== m.weights.length || m.labels.join() !== MOOD_LABELS.join()) {
    throw new Error('the mood model does not match its features');
  }
  const t = new Float32Array((1 << FEATURE_BITS) * MOOD_LABELS.length);
  m.buckets.forEach((h, i) => {
    for (let k = 0; k < MOOD_LABELS.length; k++) t[h * MOOD_LABELS.length + k] = m.weights[i * MOOD_LABELS.length + k]!;
  });
  table = t;
  return t;
}

/** The model's probability of each label, or null when no model is trained. */
export function moodProbabilities(text: string, lex: MoodVerdict): Record<MoodLabel, number> | null {
  const w = load();
  if (!w) return null;
  const m = trained as Trained;
  const z = [...m.bias];
  const f = moodFeatures(text, lex);
  const x = featureScale(f.length);
  for (const h of f) for (let k = 0; k < z.length; k++) z[k]! += x * w[h * z.length + k]!;
  const top = Math.max(...z);
  const e = z.map((x) => Math.exp(x - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return Object.fromEntries(MOOD_LABELS.map((l, k) => [l, e[k]! / sum])) as Record<MoodLabel, number>;
}
