/**
 * The cues of the mood detector (./sentiment.ts), in English and Chinese, one list per mood. Each cue has a weight:
 * 2 for words that carry the mood alone ("terrified", "气死了"), 1 for weaker ones that need company ("worried" is
 * 2, "concerned" 1). Matched on normalised text (lower case, Simplified, half width).
 */
export interface Cue {
  re: RegExp;
  w: number;
}

const c = (w: number, ...res: RegExp[]): Cue[] => res.map((re) => ({ re, w }));

export const ANXIOUS: readonly Cue[] = [
  ...c(
    2,
    /\b(?:worried|worrying|worry|scared|afraid|frightened|terrified|panick(?:ing|ed)|panic|anxious|nervous|freaking out|freaked out)\b/,
    /\bis (?:it|this|that) (?:dangerous|safe|serious|normal|bad)\b/,
    /\b(?:should i (?:be worried|worry|go to (?:the )?(?:hospital|er|a&e|doctor)|stop|keep)|what (?:should|do) i do|don'?t know what to do|what if)\b/,
    /\b(?:please|pls|plz) (?:help|hurry|respond|reply|answer|tell me)\b/,
    /\b(?:urgent(?:ly)?|asap|emergency)\b/,
    /\bcan'?t (?:sleep|stop thinking)\b/,
    /(?:担心|害怕|好怕|很怕|吓死|吓坏|吓到|慌了|好慌|心慌|焦虑|紧张|不安|着急|急死|急急急|怎么办|该怎么|要不要紧|严不严重|危险吗|安全吗|有没有事|会不会有事|会不会有危险|有危险吗|要紧吗|正常吗|求求|求助|救救|拜托|快点回复|尽快回复|睡不着|不知道该|放心不下|提心吊胆)/,
  ),
  ...c(
    1,
    /\b(?:concerned|concern|unsure|not sure|confused|worse|scary|alarming|dangerous|unsafe|hospital|doctor|er|a&e|ambulance|my (?:mom|mum|mother|dad|father|son|daughter|child|kid|husband|wife|grandma|grandmother|grandpa|grandfather|parents?))\b/,
    /\b(?:help|hoping|hope)\b/,
    /(?:医院|医生|急诊|老人|妈妈|母亲|爸爸|父亲|孩子|宝宝|老公|老婆|奶奶|爷爷|外婆|外公|帮帮|帮忙|请尽快|尽快|万一|是不是坏了|会不会|吗？|吗\?)/,
    /[😰😟😨😱😥🙏😢😭]/u,
  ),
];

export const ANGRY: readonly Cue[] = [
  ...c(
    2,
    /\b(?:furious|angry|livid|outraged|pissed|fed up|sick (?:and tired )?of|disgusted|disgusting|pathetic|ridiculous|unacceptable|outrageous|scam|scammers?|fraud|rip-?off|joke|worst|useless|incompetent|liars?|lying|shameful|shame on you|hate|garbage|trash|crap|rubbish|wtf|bs|bullshit|damn|f+u+c+k+\w*|shit+y?|screw (?:you|this)|how dare|never (?:buy|buying|again)|waste of (?:money|time))\b/,
    /(?:气死|生气|愤怒|火大|恼火|太过分|过分了|岂有此理|欺人太甚|垃圾|骗子|骗人|坑人|坑爹|忽悠|无耻|恶心|什么破|破玩意|破东西|烂|差劲|太差|最差|无语|服了|醉了|呵呵|滚|去死|他妈|tmd|md|卧槽|靠|太坑|什么态度|态度极差|耍我|当我傻|把我当|再也不买|再也不会买|退钱|给个说法|讨个说法)/,
  ),
  ...c(1, /\b(?:again|still|third time|fourth time|nobody|no one|ignored|ignoring|seriously|really\?|unbelievable|annoyed|annoying)\b/, /(?:又|还是|第三次|第四次|没人|不理|敷衍|推脱|踢皮球|到底|凭什么|搞什么|什么意思|！！|!!)/, /[😡🤬😤👎🖕]/u),
];

export const NEGATIVE: readonly Cue[] = [
  ...c(
    2,
    /\b(?:disappointed|disappointing|frustrated|frustrating|unhappy|not happy|dissatisfied|annoyed|annoying|upset|let down|fed up|sad|not impressed|poor|terrible|awful|bad experience|complain|complaint)\b/,
    /(?:失望|不满|不满意|郁闷|烦|糟糕|不爽|太慢|很慢|麻烦|差评|投诉|抱怨|难过|遗憾|心累|折腾|闹心)/,
  ),
  ...c(
    1,
    /\b(?:broken|broke|again|still|not working|doesn'?t work|stopped working|keeps|waiting|waited|no reply|no response|slow|problem|issue|fail(?:ed|s|ing)?|wrong|disconnect(?:s|ed|ing)?|third time|second time|days|weeks)\b/,
    /(?:坏了|又|还是|一直|没反应|不能用|用不了|失败|断开|等了|没回复|没人回|问题|故障|第二次|第三次|好几天|几天了|一周了)/,
    /[😞😕🙁☹😒]/u,
  ),
];

/** A negation shortly before a cue turns it off ("not worried", "不担心", "没生气"). */
export const NEGATION_BEFORE_EN = /\b(?:not|no|never|don'?t|doesn'?t|isn'?t|wasn'?t|aren'?t|am not|i'?m not|nothing to|no need to|without)\s+(?:\w+\s+){0,2}$/;
export const NEGATION_BEFORE_ZH = /(?:不|没|没有|别|不用|无需|不必|不太|并不)$/;

/** Figurative uses that look like cues ("the battery is dying", "killing it", "no worries", "thanks for the help"). */
export const NEUTRALISERS: readonly RegExp[] = [
  /\bno worries\b/g,
  /\bnot to worry\b/g,
  /\b(?:thanks?|thank you)(?: (?:so|very) much)? for (?:the|your) help\b/g,
  /\b(?:can you|could you|would you|please) help me (?:with|to|find|understand|set|pair|change|update|reset|connect)\b/g,
  /\bhelp (?:center|centre|page|article|desk)\b/g,
  /\b(?:the )?(?:worst|bad) case\b/g,
  /\bkilling it\b/g,
  /(?:不用担心|别担心|不担心了|放心了|谢谢帮忙|谢谢你的帮助|感谢帮助)/g,
];

/** Thanks, praise and resolution: a message that ends well is rarely anxious or angry. */
export const POSITIVE = /\b(?:thanks?|thank you|thx|ty|appreciate|great|perfect|awesome|works? (?:now|fine|great)|fixed|solved|resolved|love)\b|(?:谢谢|感谢|多谢|好了|解决了|可以了|没问题了|太好了|满意|点赞|给力)/;
