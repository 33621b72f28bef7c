import { FEATURE_BITS, harmFeatures, harmScore } from './features';
import trained from './model-weights.json';

/**
 * The harm model: logistic regression over hashed character n-grams and the words a negation governs (features.ts),
 * each message's features scaled to unit length, trained in the repository on the tuning material only
 * (`npx tsx scripts/safety-train.ts`; the held-out set is never read). It catches harm told in
 * words no cue lists; the rules (detect.ts) keep what the model cannot give: categories, evidence and the reading of
 * negation, hypotheticals and figurative speech. Loaded once, no network.
 */
interface Trained {
  bits: number;
  /** 'l2': each message's features weigh featureScale(n) (a model trained without it does not fit) */
  scale?: string;
  bias: number;
  buckets: number[];
  weights: number[];
}

let table: Float32Array | null = null;
let bias = 0;

function load(): Float32Array {
  if (table) return table;
  const m = trained as Trained;
  if (m.bits !== FEATURE_BITS || m.scale !== 'l2' || m.buckets.length !== m.weights.length) throw new Error('the harm model does not match its features');
  const t = new Float32Array(1 << FEATURE_BITS);
  m.buckets.forEach((h, i) => (t[h] = m.weights[i]!));
  bias = m.bias;
  table = t;
  return t;
}

/** The model's probability that `text` reports possible harm. */
export function harmProbability(text: string): number {
  const w = load();
  return harmScore((h) => w[h]!, bias, harmFeatures(text));
}
