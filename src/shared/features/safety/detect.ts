import type { SafetyCategory, SafetyEvidence, SafetyVerdict } from './categories';
import {
  ADMINISTRATIVE, FEATURE_WORKED, FIGURATIVE, HYPOTHETICAL_EN, THANKS, HYPOTHETICAL_ZH, MARKETING, NEGATION_EN, NEGATION_ZH, NO_HARM, NOT_NEGATION_ZH, OTHER_BRAND, PAUSE, PRAISE, RESOLVED,
  GENERAL_ENQUIRY, HYPOTHETICAL_INSIDE, NOT_A_PERSON, PERSON, QUOTATION, QUOTE_SOURCE, RISK_QUESTION, SENTENCE_HYPOTHETICAL, UNRELATED,
} from './context';
import { ALARM_MISSED, CHILD, CONSEQUENCE, CUES, DEVICE_LINK, FELL, NOT_DETECTED, READING_PROBLEM, SMALL_PART, SYMPTOM, WITHIN_REACH } from './lexicon';
import { harmProbability } from './model';
import { normalise } from '../../kernel/text-normalise';
import { cantoneseToMandarin } from './cantonese';
import { correctTypos } from './typos';

/**
 * The harm detector's rules (issue 12; `detectHarm` below adds the model where they find nothing): pure, the same on
 * the server (every inbound message, survey comment, call note) and on the desktop (what the agent types, offline
 * too). Each decision is explained by its evidence spans, and a miss is fixed by a cue anyone can read.
 *
 * The text is normalised (case, full width, Traditional → Simplified, Cantonese particles → Mandarin), figurative
 * phrases are blanked, misspelt cue words corrected; then every cue is matched and set aside when its clause negates
 * it, makes it hypothetical, or its sentence is about another brand, a long-resolved event, praise for a safety
 * feature that worked, or the whole message is marketing. A wrong reading or a silent alarm is harm only with a
 * clinical consequence beside it; a fall only when the device did not notice it.
 */
export function detectRules(input: string): SafetyVerdict {
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  const setAside = new Set<string>();
  if (input.length > MAX_CHARS) setAside.add('truncated');
  if (!/[\p{L}]/u.test(text)) return { decision: 'none', confidence: 0.99, categories: [], evidence: [], setAside: [...setAside] };

  let masked = cantoneseToMandarin(normalise(text));
  for (const re of FIGURATIVE) masked = blank(masked, re, () => setAside.add('figurative'));
  const { text: t, map } = correctTypos(masked);
  const back = (i: number) => (map ? map[i]! : i);

  const sentences = splitAt(t, SENTENCE_END);
  const marketing = count(t, MARKETING) >= 2;
  const msg: MessageFacts = {
    marketing,
    noHarm: test(NO_HARM, t),
    administrative: test(ADMINISTRATIVE, t),
    pause: test(PAUSE, t),
    praise: test(FEATURE_WORKED, t) && test(THANKS, t),
    general: test(GENERAL_ENQUIRY, t),
  };
  const facts = sentences.map((s) => sentenceFacts(t, s));
  const reported = reportedQuotes(t);
  const hits: Hit[] = [];

  for (const cue of CUES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(t); m !== null; m = cue.re.exec(t)) {
      if (m[0].length === 0) {
        cue.re.lastIndex++;
        continue;
      }
      const si = sentenceOf(sentences, m.index);
      const quoted = reported.some((q) => m!.index >= q.start && m!.index < q.end);
      const why = quoted ? 'quoted' : whyAside(t, sentences[si]!, facts[si]!, m.index, m.index + m[0].length, cue.category, cue.negationInside === true, msg);
      if (why) setAside.add(why);
      else hits.push({ category: cue.category, strong: cue.strong, start: m.index, end: m.index + m[0].length, sentence: si });
    }
  }

  // a wrong reading / silent alarm with a clinical consequence in the same or a neighbouring sentence
  pairAcross(t, sentences, facts, [...READING_PROBLEM, ...ALARM_MISSED], CONSEQUENCE, 'wrong_reading_consequence', 1, msg, hits, setAside);
  // a fall the device did not notice
  pairAcross(t, sentences, facts, FELL, NOT_DETECTED, 'fall_not_detected', 1, msg, hits, setAside);
  // a symptom the writer ties to the device
  pairAcross(t, sentences, facts, SYMPTOM, DEVICE_LINK, 'injury', 0, msg, hits, setAside);
  // a child with a coin cell or a small part in reach
  pairAcross(t, sentences, facts, CHILD, SMALL_PART, 'device_hazard', 0, msg, hits, setAside, WITHIN_REACH);

  const strong = hits.filter((h) => h.strong);
  const weakBySentence = new Map<number, Hit[]>();
  for (const h of hits) if (!h.strong) weakBySentence.set(h.sentence, [...(weakBySentence.get(h.sentence) ?? []), h]);
  // two weak cues make a report when they are symptoms: two categories, or two different words of one ("red and itchy");
  // words of care alone ("prescription from Dr. Patel") never do
  const weakPairs = [...weakBySentence.values()].filter((hs) => {
    const cats = new Set(hs.map((h) => h.category));
    const symptomatic = hs.filter((h) => h.category !== 'medical_care');
    return symptomatic.length > 0 && (cats.size >= 2 || distinctWords(t, symptomatic) >= 2);
  });
  const harm = strong.length > 0 || weakPairs.length > 0;
  if (!harm) {
    const cues = hits.length;
    const weak = SAFETY_ORDER.filter((c) => hits.some((h) => h.category === c));
    return { decision: 'none', confidence: cues > 0 ? 0.6 : setAside.size > 0 ? 0.8 : 0.95, categories: [], evidence: [], setAside: [...setAside].sort(), cues: weak };
  }
  // weak cues beside a strong one add their category, unless they are part of it ("swollen" in "battery is swollen")
  const beside = (h: Hit) => !h.strong && strong.some((s) => s.sentence === h.sentence) && !strong.some((s) => h.start < s.end && s.start < h.end);
  const kept = strong.length > 0 ? [...strong, ...hits.filter(beside)] : weakPairs.flat();
  const categories = SAFETY_ORDER.filter((c) => kept.some((h) => h.category === c));
  const evidence: SafetyEvidence[] = [];
  for (const h of kept.sort((a, b) => a.start - b.start)) {
    const start = back(h.start);
    const end = h.end > 0 ? back(h.end - 1) + 1 : start;
    if (!evidence.some((e) => e.category === h.category && e.start <= start && e.end >= end)) evidence.push({ start, end, category: h.category });
  }
  const confidence = Math.min(0.99, 1 - Math.pow(0.15, strong.length) * Math.pow(0.6, kept.length - strong.length));
  return { decision: 'harm', confidence: round(confidence), categories, evidence, setAside: [...setAside].sort() };
}

/** Longer texts are cut here (a 1 MB body is a pasted log, not a report; the first 200 000 characters are read). */
export const MAX_CHARS = 200_000;

interface Hit {
  category: SafetyCategory;
  strong: boolean;
  start: number;
  end: number;
  sentence: number;
}
interface Span {
  start: number;
  end: number;
}
interface MessageFacts {
  marketing: boolean;
  /** "nobody was hurt", "人没事": a silent alarm or a wrong value is then a malfunction */
  noHarm: boolean;
  /** cancel the subscription, close the account: a death mentioned for that is no report */
  administrative: boolean;
  /** deliveries put on hold for someone in hospital (PAUSE) */
  pause: boolean;
  /** the message thanks a safety feature that worked: what happened is what it caught, not the device's doing */
  praise: boolean;
  /** a general enquiry from someone who is not a user (GENERAL_ENQUIRY) */
  general: boolean;
}
interface SentenceFacts {
  otherBrand: boolean;
  unrelated: boolean;
  resolved: boolean;
  praise: boolean;
  riskQuestion: boolean;
  /** an animal did it */
  notAPerson: boolean;
  clauses: Span[];
}

const SAFETY_ORDER: readonly SafetyCategory[] = [
  'death', 'injury', 'burn_heat', 'skin', 'allergic_reaction', 'bleeding_infection', 'electrical', 'ingestion_choking', 'retained_part',
  'wrong_reading_consequence', 'fall_not_detected', 'medical_care', 'device_hazard',
];
const SENTENCE_END = /[.!?。！？\n]+(?=\s|$|[^\d])|\n/g;
const CLAUSE_END = /[,;:，；：、()（）]|\b(?:but|however|although|though|yet|except|whereas|and then|so)\b|但是|但|可是|不过|然而|却|所以/g;

function sentenceFacts(t: string, s: Span): SentenceFacts {
  const text = t.slice(s.start, s.end);
  const question = text.trimEnd().endsWith('?') || text.trimEnd().endsWith('？') || /[吗呢]\s*[?？]?\s*$/.test(text);
  return {
    otherBrand: test(OTHER_BRAND, text),
    unrelated: test(UNRELATED, text),
    resolved: test(RESOLVED, text),
    praise: test(PRAISE, text),
    notAPerson: test(NOT_A_PERSON, text) && !test(PERSON, text) && !CHILD.some((re) => test(re, text)),
    // "…摸了会痛，这样正常吗？" asks about a symptom the writer has: a report, not a question about a risk
    riskQuestion: question && !/正常吗|正常嗎/.test(text) && (RISK_QUESTION.test(text.replace(/？/g, '?')) || /会不会|会.{0,10}吗|安全吗|有没有风险|可能.{0,6}吗/.test(text)),
    clauses: splitAt(text, CLAUSE_END).map((c) => ({ start: c.start + s.start, end: c.end + s.start })),
  };
}

/** The quotations whose source — a leaflet, a news story, a post — is named in the 120 characters before them. */
function reportedQuotes(t: string): Span[] {
  const out: Span[] = [];
  QUOTATION.lastIndex = 0;
  for (let m = QUOTATION.exec(t); m !== null; m = QUOTATION.exec(t)) {
    if (test(QUOTE_SOURCE, t.slice(Math.max(0, m.index - 120), m.index))) out.push({ start: m.index, end: m.index + m[0].length });
  }
  QUOTATION.lastIndex = 0;
  return out;
}

/** Why a cue at `at` does not count, or null when it does. */
function whyAside(t: string, s: Span, f: SentenceFacts, at: number, end: number, category: SafetyCategory, negationInside: boolean, msg: MessageFacts): string | null {
  const aside = sentenceAside(f, msg, category);
  if (aside) return aside;
  // the match itself may hold the negation ("皮肤完全没有过敏", "skin is not irritated")
  if (!negationInside && (negated(t.slice(clauseOf(s, f, at).start, at)) || negatedWithin(t.slice(at, end)))) return 'negated';
  if (hypotheticalAt(t, s, f, at) || HYPOTHETICAL_INSIDE.test(t.slice(at, end))) return 'hypothetical';
  return null;
}

/** What the sentence or the message says that sets a cue of `category` aside, whatever the cue's own clause says. */
function sentenceAside(f: SentenceFacts, msg: MessageFacts, category: SafetyCategory): string | null {
  if (msg.marketing) return 'marketing';
  if (msg.general) return 'general';
  if (f.notAPerson) return 'not_a_person';
  if (f.otherBrand) return 'other_brand';
  if (f.resolved) return 'resolved';
  if (f.unrelated && category !== 'device_hazard') return 'unrelated';
  if (category === 'death' && msg.administrative) return 'administrative';
  if ((category === 'medical_care' || category === 'injury') && msg.pause) return 'administrative';
  if ((f.praise || msg.praise) && PRAISE_SETS_ASIDE.has(category)) return 'praise';
  if (f.riskQuestion) return 'hypothetical';
  if (msg.noHarm && (category === 'wrong_reading_consequence' || category === 'fall_not_detected')) return 'no_harm';
  return null;
}
/** a safety feature that worked: the fall, the care and the consequence are not the device's doing (a hazard still is) */
const PRAISE_SETS_ASIDE: ReadonlySet<SafetyCategory> = new Set(['injury', 'skin', 'medical_care', 'fall_not_detected', 'wrong_reading_consequence']);

function clauseOf(s: Span, f: SentenceFacts, at: number): Span {
  return f.clauses.find((c) => at >= c.start && at < c.end) ?? s;
}

function negatedWithin(match: string): boolean {
  return test(NEGATION_EN, match) || test(NEGATION_ZH, match.replace(NOT_NEGATION_ZH, (m) => ' '.repeat(m.length)));
}

/** A negation shortly before the cue in its clause: "no rash", "did not cause any burns", "没有烫伤". */
function negated(before: string): boolean {
  // English: a negator within the five words before, not across "and I …" (a new event: "did not go off and I passed out")
  const fresh = before.split(NEW_SUBJECT).pop()!;
  const en = fresh.split(/\s+/).slice(-6).join(' ');
  if (test(NEGATION_EN, en)) return true;
  const zh = before.slice(-8).replace(NOT_NEGATION_ZH, (m) => ' '.repeat(m.length));
  // "不" right before the cue ("不烫手"): the cue is what it negates
  return test(NEGATION_ZH, zh) || /不\s?$/.test(zh);
}

function pairAcross(
  t: string,
  sentences: Span[],
  facts: SentenceFacts[],
  first: readonly RegExp[],
  second: readonly RegExp[],
  category: SafetyCategory,
  window: 0 | 1,
  msg: MessageFacts,
  hits: Hit[],
  setAside: Set<string>,
  /** a third thing the sentence must say */
  also?: RegExp,
): void {
  const a = matchesBySentence(t, sentences, first);
  const b = matchesBySentence(t, sentences, second);
  for (const [si, ms] of a) {
    const f = facts[si]!;
    const why = sentenceAside(f, msg, category);
    if (why) {
      setAside.add(why);
      continue;
    }
    if (also && !test(also, t.slice(sentences[si]!.start, sentences[si]!.end))) continue;
    // the first cue itself neither hypothetical nor negated ("还好她目前都没有跌倒")
    const m = ms.find((x) => !hypotheticalAt(t, sentences[si]!, f, x.start) && !negated(t.slice(clauseOf(sentences[si]!, f, x.start).start, x.start)));
    if (!m) {
      setAside.add('hypothetical');
      continue;
    }
    for (const j of window === 1 ? [si, si + 1, si - 1] : [si]) {
      // the second cue is its own words (not inside the first), and not negated or hypothetical itself
      const other = b.get(j)?.find(
        (x) => (x.end <= m.start || x.start >= m.end) && !negated(t.slice(clauseOf(sentences[j]!, facts[j]!, x.start).start, x.start)) && !hypotheticalAt(t, sentences[j]!, facts[j]!, x.start),
      );
      // praise for a feature that worked excuses a consequence, never a hazard ("luckily I grabbed the coin cell in time")
      if (other && !((facts[j]!.praise && PRAISE_SETS_ASIDE.has(category)) || facts[j]!.otherBrand)) {
        hits.push({ category, strong: true, start: m.start, end: m.end, sentence: si }, { category, strong: true, start: other.start, end: other.end, sentence: si });
        break;
      }
    }
  }
}

function hypotheticalAt(t: string, s: Span, f: SentenceFacts, at: number): boolean {
  const before = t.slice(clauseOf(s, f, at).start, at);
  return test(HYPOTHETICAL_EN, before) || test(HYPOTHETICAL_ZH, before) || test(SENTENCE_HYPOTHETICAL, t.slice(s.start, at));
}

function matchesBySentence(t: string, sentences: Span[], res: readonly RegExp[]): Map<number, Span[]> {
  const out = new Map<number, Span[]>();
  for (const re of res) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const si = sentenceOf(sentences, m.index);
      const list = out.get(si) ?? [];
      list.push({ start: m.index, end: m.index + m[0].length });
      out.set(si, list);
    }
  }
  return out;
}

function splitAt(t: string, re: RegExp): Span[] {
  const out: Span[] = [];
  let at = 0;
  re.lastIndex = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (end > at) out.push({ start: at, end });
    at = end;
  }
  if (at < t.length || out.length === 0) out.push({ start: at, end: t.length });
  return out;
}

function sentenceOf(sentences: Span[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function blank(s: string, re: RegExp, onHit: () => void): string {
  re.lastIndex = 0;
  if (!re.test(s)) return s;
  onHit();
  re.lastIndex = 0;
  return s.replace(re, (m) => ' '.repeat(m.length));
}

function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const r = re.test(s);
  re.lastIndex = 0;
  return r;
}

function count(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null && n < 10) n++;
  re.lastIndex = 0;
  return n;
}

function distinctWords(t: string, hs: Hit[]): number {
  return new Set(hs.map((h) => t.slice(h.start, h.end))).size;
}

const NEW_SUBJECT = /\b(?:and|then|so|because|after|when|until) (?:i|he|she|we|they|my|his|her|our|their|it|then)\b/;
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A message's verdict with its evidence in the body's offsets: the subject and the body are read together (a
 * subject "Burn from the patch" over the body "see photo" is a report), the evidence kept is the body's.
 * `model: false` reads with the rules only (what an agent writes: the model learnt from customers' messages).
 */
export function messageHarm(subject: string | null | undefined, body: string, opts: { model?: boolean } = {}): SafetyVerdict {
  const prefix = subject ? `${subject}\n` : '';
  const v = opts.model === false ? { ...detectRules(prefix + body), by: 'rules' as const } : detectHarm(prefix + body);
  if (v.decision !== 'harm' || !prefix) return v;
  const evidence = v.evidence.filter((e) => e.start >= prefix.length).map((e) => ({ ...e, start: e.start - prefix.length, end: e.end - prefix.length }));
  return { ...v, evidence };
}

/**
 * The model's threshold when the rules found nothing to flag and set nothing aside. Chosen by 5-fold cross-validation on
 * the tuning material (scripts/safety-train.ts --cv, 3,578 messages: at 0.45 recall 0.966 / precision 0.899, the rules
 * counted in-sample; 0.4 gave 0.969 / 0.885, 0.5 0.963 / 0.913), never on the held-out set.
 */
export const MODEL_THRESHOLD = 0.45;

/**
 * …and where the rules set a cue aside (negated, hypothetical, figurative, resolved…): the model may still flag, but
 * only when it is this sure. The same cross-validation: recall 0.966 → 0.971 for one more false flag; a missed harm
 * report costs far more than a flag a specialist dismisses.
 */
export const MODEL_THRESHOLD_SET_ASIDE = 0.9;

/**
 * The model reads only a text with some substance: four words, or eight Chinese characters. On a scrap ("while not
 * allowed 1") a few n-grams and the bias decide, and it was seen to be confidently wrong there.
 */
export function modelReads(text: string): boolean {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  return cjk >= 8 || words >= 4 || (cjk >= 4 && words >= 2);
}

/**
 * The harm detector (issue 12): the rules (detectRules), and where they flag nothing, the model trained in the
 * repository (model.ts): at MODEL_THRESHOLD, or at MODEL_THRESHOLD_SET_ASIDE where the rules set a cue aside. A
 * model-only flag has no evidence spans; its categories are those of the rules' weaker cues, else `injury`.
 */
export function detectHarm(input: string): SafetyVerdict {
  const rules = detectRules(input);
  if (rules.decision === 'harm' || !/[\p{L}]/u.test(input)) return { ...rules, by: 'rules' };
  if (!modelReads(input)) return { ...rules, by: 'rules' };
  const setAside = rules.setAside.some((x) => x !== 'truncated');
  const p = harmProbability(input);
  if (p < (setAside ? MODEL_THRESHOLD_SET_ASIDE : MODEL_THRESHOLD)) return { ...rules, by: 'rules' };
  const categories = rules.cues && rules.cues.length > 0 ? rules.cues : (['injury'] as SafetyCategory[]);
  return { decision: 'harm', confidence: round(p), categories, evidence: [], setAside: rules.setAside, by: 'model' };
}
