import { normalise } from './text-normalise';

/**
 * The features the text models read (safety's harm model, escalation's mood model): hashed character n-grams of the normalised text — 2 to 4 characters for
 * Chinese (a word is two or three characters, with no spaces), 3 to 5 within and across English words (robust to
 * typos and endings) — and English word pairs. Hashing (FNV-1a into 2^18 buckets) keeps the model a fixed size with no
 * vocabulary to ship. Pure and deterministic: the trainer (scripts/safety-train.ts) and the detector use this one function.
 */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

/** FNV-1a of a feature name into the FEATURE_BITS buckets. */
export function featureBucket(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** Feature buckets of a text, each once (presence, not counts: a long email is not more harmful for repeating). */
export function textFeatures(text: string, maxChars = 20_000): Uint32Array {
  const t = normalise(text.length > maxChars ? text.slice(0, maxChars) : text)
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ');
  const out = new Set<number>();
  // Chinese runs: 2–4 character n-grams
  for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (let n = 1; n <= 4; n++) for (let i = 0; i + n <= run.length; i++) out.add(featureBucket(`z${run.slice(i, i + n)}`));
  }
  // Latin text: 3–5 character n-grams over " word word " (spaces mark word edges), and word pairs
  const latin = ` ${t.replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= latin.length; i++) out.add(featureBucket(`c${latin.slice(i, i + n)}`));
  const words = latin.trim().split(' ');
  for (let i = 0; i + 1 < words.length; i++) out.add(featureBucket(`w${words[i]} ${words[i + 1]}`));
  return Uint32Array.from(out);
}
