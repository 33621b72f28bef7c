/**
 * The cues of the mood detector (./sentiment.ts), in English and Chinese, one list per mood. Each cue has a weight:
 * 2 for words that carry the mood alone ("terrified", "气死了"), 1 for weaker ones that need company ("is it safe",
 * "要不要"). Matched on normalised text (lower case, Simplified, half width). Sarcasm ("great, just great",
 * "我真的会谢"), rhetorical questions ("are you even reading this?", "你们是不是人") and reported speech in agents'
 * call notes ("customer swore", "语气很冲", "voice shaking") count, since that is how real customers sound.
 */
export interface Cue {
  re: RegExp;
  w: number;
}

const c = (w: number, ...res: RegExp[]): Cue[] => res.map((re) => ({ re, w }));

export const ANXIOUS: readonly Cue[] = [
  ...c(
    2,
    /\b(?:worried|worrying|worries|worry|scared|afraid|frightened|terrified|terrifying|panick(?:ing|ed)|panic|anxious|anxiety|nervous|freaking out|freaked out|concerned|uneasy|petrified|on edge|shaken|stressed|stressing|scaring myself|scared myself|please please|pls respond|please respond|please answer|please tell me|not gone forever|could (?:she|he|i) die|die in (?:her|his|my) sleep|nobody will come|no one will come|don'?t know who else)\b/,
    /\b(?:could have died|might die|going to die|lie awake|lying awake|can'?t sleep|couldn'?t sleep|(?:voice|hands?) (?:was |is )?(?:shaking|breaking|trembling)|in tears|was crying|started crying|tearful|sobbing|beside myself|at a loss|don'?t know what to do|what (?:should|do|can) (?:i|we) do|help me please|please help|pls help|plz help|hope (?:it'?s|it is) nothing|is (?:she|he|it|this) going to|am i going to|will (?:she|he|i) be (?:ok|okay|alright|fine)|did i (?:ruin|break|waste|damage|do something wrong)|have i (?:broken|ruined|damaged)|been (?:hacked|leaked|scammed)|is my (?:info|information|data) (?:leaked|safe|stolen)|is this (?:really )?you\?)/,
    /(?:担心|担忧|害怕|好怕|很怕|我怕|有点怕|怕出事|怕有|吓死|吓坏|吓到|吓人|慌了|好慌|很慌|有点慌|心慌|发慌|焦虑|紧张|不安|不踏实|心里没底|没底|咯噔|发抖|在抖|哆嗦|哭着|哭了|急哭|急死|急急急|着急|怎么办|该怎么|咋办|要紧吗|要不要紧|严不严重|危险吗|安全吗|会不会有事|会不会有危险|有没有危险|有危险吗|有没有影响|会不会有影响|求求|救救|神经衰弱|睡不着|不知道该|放心不下|提心吊胆|心神不宁|是不是被骗|会不会是假|信息泄露|被泄露|泄露了|不放心|要死了|吓得|被盗|盗刷|不敢动|六神无主|手足无措)/,
  ),
  ...c(
    1,
    /\b(?:is (?:it|this|that) (?:a burn|an infection|an allergy|dangerous|safe|serious|normal|bad|okay|ok)|needs? attention|does (?:that|this) mean|what happens if|can'?t tell if|silly question|should i (?:be|go|stop|keep|take|remove|call|worry)|should we (?:go|call|take|remove|stop)|unsure|not sure|scary|alarming|dangerous|unsafe|emergency|ambulance|911|999|hospital|er\b|a&e|urgent(?:ly)?|asap|right now|2am|3am|middle of the night|alone|lives alone|my (?:mom|mum|mother|dad|father|son|daughter|child|kid|baby|husband|wife|grandma|grandmother|grandpa|grandfather|parents?)|recall(?:ed)?)\b/,
    /(?:要不要|会不会|是不是|有没有事|医院|医生|急诊|120|救护车|老人|独居|妈妈|我妈|母亲|爸爸|我爸|父亲|孩子|宝宝|老公|老婆|奶奶|爷爷|外婆|外公|帮帮|请尽快|尽快|万一|召回|半夜|凌晨)/,
    /[😰😟😨😱😥🙏😢😭😩]/u,
  ),
];

export const ANGRY: readonly Cue[] = [
  ...c(
    2,
    /\b(?:furious|angry|livid|outraged|outrageous|pissed|disgusted|disgusting|disgrace(?:ful)?|pathetic|ridiculous|unacceptable|scam(?:mers?)?|fraud|rip-?off|a joke|what a joke|worst|useless|incompetent|liars?|lying|shameful|shame on you|hate (?:you|this|your)|garbage|trash|crap|rubbish|wtf|bs|bullshit|damn|f+u+c+k+\w*|shit+y?|screw (?:you|this)|how dare|never (?:buy|buying|again)|waste of (?:money|time)|absolutely not|thanks for nothing|are you (?:serious|kidding|joking|insane|out of your minds?|even reading|even listening)|r u (?:serious|kidding)|you'?ve got to be (?:joking|kidding)|you people|i will scream|not asking again|final warning|done being polite|in the strongest (?:possible )?terms|fix it or refund|someone (?:competent|who (?:actually )?knows)|stop (?:it|doing this|closing)|do not (?:tell me|send me)|don'?t (?:tell me to|send me another)|hung up on me|swore|swearing|yelled|yelling|shouted|shouting|irate|abusive|hostile|rude|cursing)\b/,
    // sarcasm: praise that means the opposite
    /\b(?:great,? just great|oh (?:wonderful|great|brilliant|perfect|fantastic)|brilliant(?:,| design| idea| work)|genius|peak customer service|love (?:how|paying|that you|being)|thanks so much\.?$|truly (?:genius|amazing|brilliant)|well done,? (?:omnidesk|guys|team))\b/,
    /(?:气死|生气|愤怒|火大|恼火|太过分|过分了|岂有此理|欺人太甚|垃圾|骗子|骗人|骗钱|坑人|坑老人|坑病人|坑钱|坑爹|太坑|忽悠|无耻|恶心|什么破|破玩意|破东西|差劲|最差|滚|去死|他妈|tmd|卧槽|什么态度|态度极差|态度恶劣|态度强硬|语气很冲|语气冲|一开口就骂|骂了|骂人|脏话|情绪激动|耍我|当我傻|把我当|好欺负|你们是不是人|害人|拿.{0,6}命开玩笑|甩锅|推卸|推脱|踢皮球|打发|敷衍|说了多少遍|说到做到|拖多久|等得起吗|你们倒好|最专业|永远没错|行了吧|我真的会谢|笑死|大开眼界|套路|玩得挺溜|比登天还难|避雷|就该被查|鬼了|凭什么|什么玩意|再也不买|再也不会买|给个说法|讨个说法|还要我怎样|有完没完|别再|能不能专业|不像话|太离谱|离谱)/,
  ),
  ...c(
    1,
    /\b(?:seriously|unbelievable|ignored|ignoring|every time|now\.?$|today\.?$|wow\.|do you\?|how about you|escalated where|classy|incredible (?:engineering|service|job)|nice (?:job|work|one)\b.*\.$)\b/,
    /(?:不理|搞什么|什么意思|呵呵|！！|!!|？！|\?!|有用吗|有意思吗|好意思|听了.{0,4}遍|都比你们|比你们靠谱|别跟我说|你们出|还做医疗器械|做主的人)/,
    /[😡🤬😤👎🖕🙄]/u,
  ),
];

export const NEGATIVE: readonly Cue[] = [
  ...c(
    2,
    /\b(?:disappointed|disappointing|disappointment|frustrated|frustrating|frustration|unhappy|not happy|dissatisfied|annoyed|annoying|upset|let ?down|letdown|bummed|meh|not great|not ideal|not cool|not good|not a fan|not impressed|losing (?:faith|patience|hope)|running out of patience|fed up|tired of|sick of|sigh|ugh|a mess|feels? (?:a bit |kind of |kinda )?off|poor|terrible|awful|bad experience|complain|complaint|sadly|unfortunately|a shame|what a pity|way off|worse|broke again|failed again|twice now|same (?:answer|problem|issue|fault)|didn'?t work (?:then|either)|doesn'?t help|no better|kill me)\b/,
    /\b(?:can'?t say i'?m (?:thrilled|happy|impressed|pleased)|(?:old|previous|last) (?:app|version|one|model) was better|not (?:super|very|too|that) (?:happy|pleased)|still not (?:fixed|working|resolved|sorted)|third time i'?m asking|(?:fourth|fifth) time)\b/,
    /(?:失望|不满|不满意|郁闷|烦死|好烦|很烦|心烦|有点烦|烦人|真烦|有点亏|亏了|糟糕|不爽|心塞|寒心|鸡肋|难用|不好用|越来越|越.{1,4}越|唉|算了|行吧|好吧|石沉大海|一头雾水|又要等|好慢|太慢|很慢|等了|还是不行|还是没|第几次|没收到|差评|投诉|抱怨|遗憾|折腾|闹心|无语|醉了|服了|不太满意|不是很满意|有点失望|没耐心|第三次了|第四次了|又没|又不)/,
  ),
  ...c(
    1,
    /\b(?:broken|broke|again|still|not working|doesn'?t work|stopped working|keeps|waiting|waited|no reply|no response|slow|problem|issue|fail(?:ed|s|ing)?|wrong|disconnect(?:s|ed|ing)?|third time|second time|hours|days|weeks|honestly|tbh|though)\b/,
    /(?:坏了|又|还是|一直|没反应|看不懂|第三次|不能用|用不了|失败|断开|断连|没回复|没人回|问题|故障|第二次|第三次|好几天|几天了|一周了|不准|希望这次|希望别|能不能快点|快点)/,
    /[😞😕🙁☹😒😑]/u,
  ),
];

/** A negation shortly before a cue turns it off ("not worried", "不担心", "没生气"). */
export const NEGATION_BEFORE_EN = /\b(?:not|no|never|don'?t|doesn'?t|isn'?t|wasn'?t|aren'?t|am not|i'?m not|nothing to|no need to|without|stop)\s+(?:\w+\s+){0,2}$/;
export const NEGATION_BEFORE_ZH = /(?:不|没|没有|别|不用|无需|不必|不太|并不|不是)$/;

/** Figurative uses that look like cues ("the battery is dying", "angry red light", "no worries", "emergency contact"). */
export const NEUTRALISERS: readonly RegExp[] = [
  /\bno worries\b/g,
  /\bnot to worry\b/g,
  /\b(?:thanks?|thank you)(?: (?:so|very) much)? for (?:the|your|all your) help\b/g,
  /\b(?:can you|could you|would you|please) help me (?:with|to|find|understand|set|pair|change|update|reset|connect)\b/g,
  /\bhelp (?:center|centre|page|article|desk)\b/g,
  /\b(?:the )?(?:worst|bad) case\b/g,
  /\bkilling it\b/g,
  /\bangry[- ](?:red|looking|rash)\b|\blooks? (?:kinda |kind of |a bit )?angry\b/g,
  /\b(?:urgent|critical) (?:high|low)s?\b/g,
  /\bemergency (?:contacts?|number|settings?|sos button|services? (?:feature|setting))\b/g,
  /\bstops? worrying\b/g,
  /(?:不用担心|别担心|不担心了|放心了|谢谢帮忙|谢谢你的帮助|感谢帮助|紧急联系人)/g,
];

/** Calm framing: the writer says they are only asking ("just curious", "planning ahead", "顺便问一下"). */
export const CALM = /\b(?:just (?:curious|wondering|checking|double checking|planning|asking|want(?:ed)? to (?:know|check))|planning ahead|no rush|no hurry|out of curiosity|for (?:my|our) records|very pleasant|no issues)\b|(?:顺便问|想了解一下|好奇问|不着急|不急|随便问问)/;

/** Thanks that are the point of the message ("just wanted to say thank you"): whatever went wrong before is over. */
export const GRATITUDE = /\b(?:just wanted to (?:say|thank)|wanted to say thank|really appreciate|thank you (?:so much )?to \w+ who|kudos|shout ?out to)\b|(?:特别感谢|非常感谢|点个赞|表扬一下|孝心满满)/;

/** Thanks, praise and resolution: a message that ends well is rarely anxious or angry. */
export const POSITIVE = /\b(?:thanks?|thank you|thx|ty|appreciate|awesome|works? (?:now|fine|great)|fixed|solved|resolved|sorted|love it)\b|(?:谢谢|感谢|多谢|好了|解决了|可以了|没问题了|太好了|满意|点赞|给力|哈哈|😄|😊|～)/;
