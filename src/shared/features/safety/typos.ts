/**
 * Customers misspell the very words that matter ("burnd", "blistters", "alergic", "hosptial"). Before the cues are
 * matched, an English word one keystroke away from a cue word (a letter missing, a letter too many, two letters
 * swapped) is read as that word. Substitutions are not corrected: they turn real words into cues ("turned" →
 * "burned"). Only words of five letters or more, with the first letter right.
 */
const CUE_WORDS = [
  'burned', 'burning', 'burnt', 'blister', 'blisters', 'blistered', 'allergic', 'allergy', 'allergies', 'reaction',
  'swollen', 'swelling', 'bleeding', 'bleeds', 'infection', 'infected', 'hospital', 'hospitalized', 'hospitalised',
  'emergency', 'ambulance', 'paramedics', 'fainted', 'seizure', 'injured', 'injury', 'injuries', 'irritation',
  'irritated', 'unconscious', 'insulin', 'choking', 'choked', 'swallowed', 'overheating', 'overheated', 'battery',
  'tingling', 'electric', 'shocked', 'stitches', 'bruised', 'bruises', 'hypoglycemia', 'hypoglycemic', 'redness',
  'itching', 'itchy', 'peeled', 'peeling', 'rashes', 'sparks', 'smoking', 'melted', 'swallow', 'bleed',
  'collapsed', 'detect', 'detected', 'alarm', 'alarms', 'alert', 'reading', 'readings', 'wrong', 'painful',
  'antibiotics', 'wound', 'fracture', 'broken', 'passed', 'unresponsive', 'dermatologist', 'anaphylaxis',
  'welts', 'hives', 'inflamed', 'oozing', 'abscess', 'daughter', 'mother', 'father', 'husband', 'grandmother',
  'grandfather', 'granddaughter', 'grandson', 'seizures', 'glucose', 'needle', 'filament', 'under', 'stuck', 'scabs',
] as const;

const CUES = new Set<string>(CUE_WORDS);
/** real words one keystroke from a cue word: never "corrected" ("scared" is not "scarred") */
const REAL_WORDS = new Set(['scared', 'sacred', 'struck', 'farther', 'batter', 'alter', 'blistering', 'wounded', 'reader', 'readers', 'aller', 'infect', 'smother', 'sweller', 'broke', 'woken', 'alerts', 'readings']);
/** cue words by first letter, for a handful of comparisons per word */
const BY_FIRST = new Map<string, string[]>();
for (const w of CUE_WORDS) {
  const list = BY_FIRST.get(w[0]!) ?? [];
  list.push(w);
  BY_FIRST.set(w[0]!, list);
}

/** One insertion, deletion or adjacent swap apart (not a substitution), no allocation. */
export function oneKeystrokeApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i >= la - 1) return false; // equal, or only the last letter differs (a substitution)
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  for (let j = i; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j + 1)) return false;
  return true;
}

export interface Corrected {
  text: string;
  /** offset in `text` → offset in the input; null when nothing was corrected (the same offsets) */
  map: Int32Array | null;
}

/** The normalised text with misspelt cue words corrected, and where each character came from. */
export function correctTypos(text: string): Corrected {
  const fixes: Array<{ start: number; end: number; word: string }> = [];
  const re = /[a-z]{5,}/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const w = m[0];
    if (CUES.has(w) || REAL_WORDS.has(w)) continue;
    const candidates = BY_FIRST.get(w[0]!);
    if (!candidates) continue;
    for (const c of candidates) {
      if (c.length >= 5 && oneKeystrokeApart(w, c) && !isInflection(w, c)) {
        fixes.push({ start: m.index, end: m.index + w.length, word: c });
        break;
      }
    }
  }
  if (fixes.length === 0) return { text, map: null };
  let out = '';
  const map: number[] = [];
  let at = 0;
  for (const f of fixes) {
    for (let i = at; i < f.start; i++) map.push(i);
    out += text.slice(at, f.start) + f.word;
    // the corrected word's letters point into the misspelt word, its last letter to the misspelt word's last
    for (let i = 0; i < f.word.length; i++) map.push(i === f.word.length - 1 ? f.end - 1 : Math.min(f.start + i, f.end - 1));
    at = f.end;
  }
  for (let i = at; i < text.length; i++) map.push(i);
  map.push(text.length);
  return { text: out + text.slice(at), map: Int32Array.from(map) };
}

/** "burns" and "burned" are words of their own, not typos of each other: regular endings are left alone. */
function isInflection(word: string, cue: string): boolean {
  const [s, l] = word.length < cue.length ? [word, cue] : [cue, word];
  return l.startsWith(s) && /^(s|d|e)$/.test(l.slice(s.length));
}
