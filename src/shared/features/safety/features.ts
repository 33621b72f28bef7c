import { normalise } from '../../kernel/text-normalise';
import { FEATURE_BITS, featureBucket, textFeatures } from '../../kernel/text-features';

export { FEATURE_BITS };

/** Words that open a negation's scope in English (after "n't" is spelt " not"). */
const NEGATOR_EN = /^(?:not|no|never|without|nothing|none|nobody|neither|nor)$/;
/** …and in Chinese, with the characters they govern (up to four). */
const NEGATED_ZH = /(?:没有|并非|没|不|无|未|别)([\u3400-\u9fff]{1,4})/g;
/** How many English words after a negator it governs (a clause ends it sooner). */
const SCOPE_WORDS = 4;

/**
 * The words a negation governs, as features of their own: "no rash" and "a rash" share the n-grams of "rash", and a
 * linear model cannot tell them apart from those alone (the classic scope marking of sentiment models). English:
 * the next four words of the clause after not/no/never/without…; Chinese: the characters after 没/不/无/未/别 (each
 * first character and the pairs). Cross-validated on the tuning material, the harm model's false flags fell by a
 * seventh at the same recall (scripts/safety-train.ts --cv).
 */
export function negationFeatures(text: string, maxChars = 20_000): number[] {
  const t = normalise(text.length > maxChars ? text.slice(0, maxChars) : text).replace(/\d+/g, '0');
  const out: number[] = [];
  for (const clause of t.split(/[.!?;,:\n。！？；，：]+/)) {
    const words = clause
      .replace(/n't\b/g, ' not')
      .replace(/[^a-z0-9' ]+/g, ' ')
      .trim()
      .split(/\s+/);
    let scope = 0;
    for (const w of words) {
      if (NEGATOR_EN.test(w)) scope = SCOPE_WORDS;
      else if (scope > 0) {
        out.push(featureBucket(`n${w}`));
        scope--;
      }
    }
    for (const m of clause.matchAll(NEGATED_ZH)) {
      const run = m[1]!;
      out.push(featureBucket(`nz${run[0]}`));
      for (let i = 0; i + 2 <= run.length; i++) out.push(featureBucket(`nz${run.slice(i, i + 2)}`));
    }
  }
  return out;
}

/**
 * The weight of each feature of a message with `n` features: 1/√n, so every message's feature vector has unit length.
 * Unscaled, a message's score grew with its length and the model grew sure of itself on n-grams alone: "It has been
 * 2 weeks." scored 1.000 once the fifth set was in the training material. Scaled, the same cross-validation (sets 1, 3,
 * 4, 5) gave recall 0.966 / precision 0.903 where the unscaled model gave 0.963 / 0.862 at best.
 */
export function featureScale(n: number): number {
  return 1 / Math.sqrt(Math.max(1, n));
}

/** The model's probability from its weights, bias and a message's features: one formula for the trainer and the detector. */
export function harmScore(weight: (bucket: number) => number, bias: number, features: Uint32Array): number {
  let sum = 0;
  for (const h of features) sum += weight(h);
  return 1 / (1 + Math.exp(-(bias + featureScale(features.length) * sum)));
}

/** The harm model's features: the shared text features (src/shared/kernel/text-features.ts) and the negated words, each once. */
export function harmFeatures(text: string): Uint32Array {
  const base = textFeatures(text);
  const neg = negationFeatures(text);
  if (neg.length === 0) return base;
  return Uint32Array.from(new Set([...base, ...neg]));
}
