import * as OpenCC from 'opencc-js/t2cn';

/**
 * The text the cues are matched on, the same length as the input so evidence offsets point into the original:
 * lower case, full-width forms folded (ＡＢＣ１２３ → abc123), Traditional Chinese characters made Simplified
 * (OpenCC's character tables: 燙傷 → 烫伤), curly apostrophes straight.
 */
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

export function normalise(text: string): string {
  let s = text.toLowerCase();
  if (s.length !== text.length) s = foldEach(text, (c) => c.toLowerCase());
  // full-width ASCII and ideographic space → ASCII; NFKC would also do it but can change lengths (ligatures)
  s = s.replace(/[\uff01-\uff5e\u3000\u2018\u2019\u02bc]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0x2018 || code === 0x2019 || code === 0x02bc) return "'";
    return String.fromCharCode(code - 0xfee0);
  });
  if (/[\u3400-\u9fff]/.test(s)) {
    const simplified = toSimplified(s);
    s = simplified.length === s.length ? simplified : foldEach(s, (c) => (/[\u3400-\u9fff]/.test(c) ? toSimplified(c) : c));
  }
  return s;
}

/** Maps each UTF-16 unit on its own, keeping it when the mapping would change the length. */
function foldEach(s: string, f: (c: string) => string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const m = f(c);
    out += m.length === 1 ? m : c;
  }
  return out;
}
