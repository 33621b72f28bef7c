/**
 * Safety language (DOMAIN.md "Escalation triggers"): possible harm to a person, in English or Chinese,
 * makes a case P0. A small keyword matcher, deliberately simple and pure: it over-triggers rather
 * than misses (a lead can lower the priority; a missed burn cannot be undone).
 * Returns the matched terms' ids (never the text itself) so callers may log them.
 */
interface SafetyTerm {
  id: string;
  en?: RegExp;
  zh?: readonly string[];
}

const TERMS: readonly SafetyTerm[] = [
  { id: 'burn', en: /\b(burn(s|t|ed|ing)?|scald(ed)?)\b/i, zh: ['烫伤', '烧伤', '灼伤', '灼热', '烫到'] },
  { id: 'overheat', en: /\b(over-?heat(s|ed|ing)?|too hot|very hot|hot to (the )?touch|melt(ed|ing)?|smok(e|ing)|caught fire|on fire|spark(s|ed|ing)?)\b/i, zh: ['过热', '发烫', '很烫', '冒烟', '起火', '着火', '融化', '火花'] },
  { id: 'skin', en: /\b(skin (injury|damage|irritation|reaction)|blister(s|ed)?|rash(es)?|welt(s)?|swell(ing|ed|s)?|bleed(ing|s)?|wound)\b/i, zh: ['皮肤损伤', '皮肤受伤', '起泡', '水泡', '皮疹', '红肿', '肿胀', '出血', '伤口'] },
  { id: 'allergy', en: /\b(allerg(y|ic|ies)|anaphyla\w*|hives)\b/i, zh: ['过敏'] },
  {
    id: 'wrong_reading',
    en: /\b(wrong|false|incorrect|inaccurate) (reading|value|result|alarm)s?\b.*\b(insulin|dose|dosed|treat(ed|ment)?|medication|hospital)\b|\b(insulin|dose|dosed|treat(ed|ment)?|medication)\b.*\b(wrong|false|incorrect|inaccurate) (reading|value|result)s?\b/i,
    zh: ['读数错误导致', '误导用药', '读数不准打了胰岛素', '错误读数'],
  },
  { id: 'shock', en: /\b(electric(al)? shock|shocked me|got shocked)\b/i, zh: ['触电', '电击', '漏电'] },
  { id: 'medical_emergency', en: /\b(hospitali[sz]ed|emergency room|ambulance|faint(ed|ing)?|passed out|unconscious|chest pain|seizure|hypoglyc\w+)\b/i, zh: ['住院', '急诊', '救护车', '晕倒', '昏倒', '昏迷', '胸痛', '抽搐', '低血糖'] },
  { id: 'harm', en: /\b(injur(y|ed|ies)|hurt me|hurts me|harmed)\b/i, zh: ['受伤', '伤害', '疼痛'] },
];

export interface SafetyMatch {
  matched: boolean;
  /** ids of the matched term groups, e.g. ['burn', 'skin'] */
  terms: string[];
}

export function detectSafetyLanguage(...texts: ReadonlyArray<string | null | undefined>): SafetyMatch {
  const text = texts.filter((t): t is string => typeof t === 'string' && t.length > 0).join('\n').slice(0, 20_000);
  const terms: string[] = [];
  if (text) {
    for (const t of TERMS) {
      if ((t.en && t.en.test(text)) || (t.zh && t.zh.some((w) => text.includes(w)))) terms.push(t.id);
    }
  }
  return { matched: terms.length > 0, terms };
}
