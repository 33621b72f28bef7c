import { normalise } from '../../kernel/text-normalise';
import { detectAsks } from './asks';
import { ANXIOUS_AT, moodProbabilities, MOOD_LABELS } from './mood-model';
import { ANGRY, ANXIOUS, CALM, GRATITUDE, NEGATION_BEFORE_EN, NEGATION_BEFORE_ZH, NEGATIVE, NEUTRALISERS, POSITIVE, type Cue } from './mood-lexicon';

/**
 * The mood detector (issue 13): is the customer anxious, angry, otherwise negative, or neutral? Pure and fast
 * (the desktop runs it as messages arrive and as the agent types a call note), in English and Chinese. Cue words
 * with weights, switched off by a negation just before them, plus the shape of the text: shouting in capitals,
 * runs of ! and ?, and thanks that close the matter. Figures on a labelled set nobody tuned to: `npm run bench`.
 */
export type MoodLabel = 'anxious' | 'angry' | 'negative' | 'neutral';

export interface MoodVerdict {
  mood: MoodLabel;
  scores: { anxious: number; angry: number; negative: number };
}

const MAX_CHARS = 20_000;

function negated(t: string, at: number): boolean {
  const before = t.slice(Math.max(0, at - 24), at);
  return NEGATION_BEFORE_EN.test(before) || NEGATION_BEFORE_ZH.test(before);
}

const global = (cues: readonly Cue[]): Cue[] => cues.map((c) => ({ w: c.w, re: new RegExp(c.re.source, c.re.flags.includes('g') ? c.re.flags : `${c.re.flags}g`) }));
const CUES = { anxious: global(ANXIOUS), angry: global(ANGRY), negative: global(NEGATIVE) };

function score(t: string, cues: readonly Cue[]): number {
  let s = 0;
  for (const cue of cues) {
    const re = cue.re;
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!negated(t, m.index)) s += cue.w;
    }
  }
  return s;
}

/** Words of three or more capital letters, as a share of the Latin words (shouting). */
function shouting(text: string): number {
  const words = text.match(/\b[A-Za-z]{3,}\b/g);
  if (!words || words.length < 3) return 0;
  const caps = words.filter((w) => w === w.toUpperCase() && !/^(?:CGM|ECG|USB|LED|APP|FDA|SMS|BP|ASAP|ER|OK|PIN)$/.test(w)).length;
  return caps / words.length;
}

/** The cue lexicon's reading alone: its three scores and the label they pick (the model reads these too). */
export function lexiconMood(input: string): MoodVerdict {
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  let t = normalise(text);
  for (const re of NEUTRALISERS) t = t.replace(re, (m) => ' '.repeat(m.length));

  let anxious = score(t, CUES.anxious);
  let angry = score(t, CUES.angry);
  let negative = score(t, CUES.negative);

  const bangs = (t.match(/[!！]{2,}/g) ?? []).length;
  const asks = (t.match(/[?？]{2,}/g) ?? []).length;
  const caps = shouting(text);
  if (caps >= 0.5) angry += 2;
  else if (caps >= 0.25) angry += 1;
  angry += Math.min(bangs, 2) * 0.5;
  anxious += Math.min(asks, 2) * 0.5;
  // a threat to go public, to a regulator or a lawyer is rarely made calmly
  const threats = detectAsks(text);
  if (threats.some((a) => a !== 'supervisor')) angry += 2;
  else if (threats.includes('supervisor')) angry += 1;

  if (CALM.test(t)) anxious -= 2;
  if (GRATITUDE.test(t) && angry < 2) {
    anxious -= 2;
    negative -= 2;
  }
  if (POSITIVE.test(t) && angry < 2 && negative < 2) {
    anxious -= 1;
    angry -= 1;
    negative -= 1;
  }
  const scores = { anxious, angry, negative };
  return { mood: pick(scores), scores };
}

/**
 * The verdict: the mood model (mood-model.ts: logistic regression over the text's n-grams and the lexicon's reading,
 * trained on the tuning material) decides; fear is the costlier miss, so `anxious` wins whenever its probability
 * reaches ANXIOUS_AT even if another label is likelier.
 */
export function detectMood(input: string): MoodVerdict {
  const lex = lexiconMood(input);
  const p = moodProbabilities(input, lex);
  if (!p) return lex;
  let mood: MoodLabel = 'neutral';
  for (const l of MOOD_LABELS) if (p[l] > p[mood]) mood = l;
  if (mood !== 'anxious' && p.anxious >= ANXIOUS_AT) mood = 'anxious';
  return { mood, scores: lex.scores };
}

function pick(s: MoodVerdict['scores']): MoodLabel {
  // anger and fear carry the escalation: they win over plain discontent when present at all
  if (s.angry >= 2 && s.angry >= s.anxious) return 'angry';
  if (s.anxious >= 2 || (s.anxious >= 1.5 && s.negative < 3)) return 'anxious';
  if (s.angry >= 2) return 'angry';
  if (s.negative >= 2 || s.angry + s.negative >= 3) return 'negative';
  return 'neutral';
}
