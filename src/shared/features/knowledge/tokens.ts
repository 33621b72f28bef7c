import { normalise } from '../../kernel/text-normalise';

/**
 * The words search works on, for both languages, used for what is indexed and for what is searched alike:
 * English words (lower case, full-width folded, Traditional → Simplified by `normalise`) and, for Chinese, which
 * has no spaces, overlapping character pairs (CJK bigrams: "传感器脱落" → 传感 感器 器脱 脱落) plus single
 * characters of one-character runs. The FTS5 table then stems the English (porter) and ranks with bm25; a
 * segmenter would need a dictionary to ship, and bigrams measured well on the labelled set (README, bench).
 */
const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have having he her here hers him his how i if in into is it its ' +
    'just me my myself no nor not of off on once only or our ours out over own same she should so some such than that the their theirs them then ' +
    'there these they this those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself hi hello hey please thanks thank regards dear ok okay im ive dont cant wont its thats'
  ).split(' '),
);
const ZH_STOP = new Set('的了吗呢吧啊呀我你他她它们是在有和就都也很还这那个么什怎'.split(''));

/** What both token kinds read: the first 20,000 characters (a pasted log is not a query), normalised. */
const prepared = (text: string) => normalise(text.length > 20_000 ? text.slice(0, 20_000) : text);

export function searchTokens(text: string, max = 400, unique = true): string[] {
  const t = prepared(text);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (w: string) => {
    if ((!unique || !seen.has(w)) && out.length < max) {
      seen.add(w);
      out.push(w);
    }
  };
  for (const m of t.matchAll(/[\u3400-\u9fff]+|[a-z0-9]+(?:-[a-z0-9]+)*/g)) {
    const run = m[0];
    if (/^[a-z0-9]/.test(run)) {
      const parts = run.split('-');
      for (const w of parts) if (!STOP.has(w) && (w.length > 1 || /\d/.test(w))) add(w);
      // "warm-up" is also written "warmup", "e-mail" "email": the joined form is a token too
      if (parts.length > 1 && run.length <= 30) add(parts.join(''));
      continue;
    }
    const chars = [...run].filter((c) => !ZH_STOP.has(c));
    if (chars.length === 1) add(chars[0]!);
    // pairs of the run as written (a stop character inside a word still pairs: 有效 keeps 有)
    const all = [...run];
    for (let i = 0; i + 1 < all.length; i++) {
      const pair = all[i]! + all[i + 1]!;
      if (!(ZH_STOP.has(all[i]!) && ZH_STOP.has(all[i + 1]!))) add(pair);
    }
  }
  return out;
}

/**
 * The single Chinese characters of a text (no stop characters), for a column of their own that counts for less
 * than the pairs: "又红又痒" shares no pair with "发红、发痒" but shares 红 and 痒. `unique: false` for the index.
 */
export function cjkChars(text: string, max = 200, unique = true): string[] {
  const t = prepared(text);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of t.matchAll(/[\u3400-\u9fff]/g)) {
    const c = m[0];
    if (ZH_STOP.has(c) || (unique && seen.has(c))) continue;
    seen.add(c);
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

/** The text an FTS5 column holds for a text: its tokens, repeats kept (bm25 counts them), space-separated. */
export function indexText(text: string): string {
  return searchTokens(text, 100_000, false).join(' ');
}

/**
 * An FTS5 MATCH expression that finds any of the tokens. Every token is a quoted string, so nothing the user
 * typed — quotes, AND/OR/NOT/NEAR, `*`, `-`, `:`, parentheses, column names — is ever read as query syntax.
 * Null when nothing searchable is left (FTS5 would throw on an empty expression).
 */
export function ftsMatchAny(tokens: readonly string[]): string | null {
  return ftsJoin(tokens, ' OR ');
}

/** The same, every token required (an intersection: few rows to rank). */
export function ftsMatchAll(tokens: readonly string[]): string | null {
  return ftsJoin(tokens, ' AND ');
}

function ftsJoin(tokens: readonly string[], op: string): string | null {
  const safe = tokens.filter((t) => t.length > 0).map((t) => `"${t.replaceAll('"', '""')}"`);
  return safe.length ? safe.join(op) : null;
}

/**
 * What an agent typed in the search box: words to find, and words after a minus (`-心电贴`, `-watch`, `-"fall alarm"`) whose
 * articles are left out. Everything else — quotes, OR, parentheses — is read as plain words. A minus counts only
 * at the start of a word (after a space or at the start), so "G4 - not working" searches for all its words.
 */
export interface SearchQuery {
  tokens: string[];
  /** single Chinese characters, searched in the `chars` column only */
  chars?: string[];
  /** each excluded word as its token sequence (a Chinese word is several bigrams in a row) */
  exclude: string[][];
  /** the text searched for: the input without its exclusions (what the concepts are read from) */
  searched?: string;
}

export function parseSearchQuery(text: string): SearchQuery {
  const exclude: string[][] = [];
  const rest = text.slice(0, 20_000).replace(/(^|\s)-(?:"([^"]*)"|([^\s"()-][^\s"()]*))/g, (_all, pre: string, quoted?: string, word?: string) => {
    const toks = searchTokens(quoted ?? word ?? '', 20, false);
    if (toks.length) exclude.push(toks);
    return pre;
  });
  const excluded = new Set(exclude.flat());
  return { tokens: searchTokens(rest, 120).filter((t) => !excluded.has(t)), chars: cjkChars(rest, 60), exclude, searched: rest };
}

/** FTS5: any of the tokens, and none of the excluded sequences (each a phrase of consecutive tokens). */
export function ftsMatchQuery(q: SearchQuery): string | null {
  const words = ftsMatchAny(q.tokens);
  const chars = q.chars?.length ? `{chars} : (${ftsMatchAny(q.chars)})` : null;
  const any = words && chars ? `${words} OR ${chars}` : (words ?? chars);
  if (!any || q.exclude.length === 0) return any;
  const phrases = q.exclude.map((seq) => `"${seq.map((t) => t.replaceAll('"', '""')).join(' ')}"`);
  return `(${any}) NOT (${phrases.join(' OR ')})`;
}
