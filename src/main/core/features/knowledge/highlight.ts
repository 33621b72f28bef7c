import type { Highlighted } from '../../../../shared/index';
import { normalise } from '../../../../shared/kernel/text-normalise';

/**
 * The words of a text that a search matched, for `<mark>`: an English token matches a word starting with its stem
 * (its first letters, so "pairing" marks "paired"), a Chinese pair matches where it occurs. Offsets point into the
 * original text: the shared `normalise` (lower case, full-width, Traditional → Simplified) keeps lengths.
 */
export function highlight(text: string, tokens: readonly string[], maxMarks = 50): Highlighted {
  const n = normalise(text);
  const marks: [number, number][] = [];
  for (const tok of tokens) {
    if (/^[\u3400-\u9fff]/.test(tok)) {
      for (let i = n.indexOf(tok); i >= 0; i = n.indexOf(tok, i + tok.length)) marks.push([i, i + tok.length]);
    } else {
      const stem = tok.length > 5 ? tok.slice(0, tok.length - 2) : tok;
      const re = new RegExp(`\\b${stem.replace(/[^a-z0-9]/g, '')}[a-z0-9]*`, 'g');
      for (const m of n.matchAll(re)) marks.push([m.index, m.index + m[0].length]);
    }
  }
  return { text, marks: merge(marks).slice(0, maxMarks) };
}

function merge(marks: [number, number][]): [number, number][] {
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const m of marks) {
    const last = out[out.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else out.push([m[0], m[1]]);
  }
  return out;
}

/** The sentence (or line) of `text` that matches most tokens, shortened around its first match; else the start. */
export function bestExcerpt(text: string, tokens: readonly string[], max = 220): Highlighted {
  const pieces = text.split(/(?<=[.!?。！？])\s*|\n+/).map((s) => s.trim()).filter((s) => s.length > 0);
  let best = { text: pieces[0] ?? '', count: -1 };
  for (const p of pieces) {
    const h = highlight(p, tokens);
    if (h.marks.length > best.count) best = { text: p, count: h.marks.length };
  }
  let s = best.text;
  if (s.length > max) {
    const first = highlight(s, tokens).marks[0]?.[0] ?? 0;
    const start = Math.max(0, Math.min(first - 40, s.length - max));
    s = `${start > 0 ? '…' : ''}${s.slice(start, start + max)}…`;
  }
  return highlight(s, tokens);
}
