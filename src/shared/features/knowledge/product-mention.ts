import { normalise } from '../../kernel/text-normalise';

/**
 * The device model a text names, when it names exactly one of `products`: "my G4 keeps…", "the bp200 cuff",
 * "CardioPatch 14". Search ranks by the customer's device; with none on record, the model the customer writes is
 * the next best thing. A model is known by its code, the last word of its name with a digit in it: a code with
 * letters (G4, BP-200, S2) is matched alone, a code of digits only (CardioPatch 14, CardioPatch 7 Lite) with the
 * word before it, since "14" alone is more often days than a patch.
 */
export function productMentioned(text: string, products: Iterable<string>): string | null {
  const t = normalise(text.length > 20_000 ? text.slice(0, 20_000) : text);
  let found: string | null = null;
  for (const p of new Set(products)) {
    const re = mentionPattern(p);
    if (!re || !re.test(t)) continue;
    if (found !== null) return null; // two models named: the text does not say which one it is about
    found = p;
  }
  return found;
}

const patterns = new Map<string, RegExp | null>();
function mentionPattern(product: string): RegExp | null {
  let re = patterns.get(product);
  if (re !== undefined) return re;
  const words = normalise(product).split(/\s+/).filter(Boolean);
  let at = words.length - 1;
  while (at >= 0 && !/\d/.test(words[at]!)) at--;
  re = null;
  if (at >= 0) {
    const code = words[at]!;
    // "bp-200" is also written "bp200" and "bp 200", "g4" "g-4" (not "g 4": "it's 2 days" is no S2)
    const loose = (w: string) => {
      const [letters, ...rest] = w.split(/(?<=[a-z])-?(?=\d)|-/);
      return [letters!, ...rest].map(escape).join(letters!.length > 1 ? '[- ]?' : '-?');
    };
    const phrase = /[a-z]/.test(code) ? loose(code) : at > 0 ? `${loose(words[at - 1]!)}[- ]?${loose(code)}` : null;
    if (phrase) re = new RegExp(`(?:^|[^a-z0-9])${phrase}(?![a-z0-9])`);
  }
  patterns.set(product, re);
  return re;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
