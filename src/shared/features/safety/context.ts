/**
 * What sets a cue aside: it is negated ("no burns"), hypothetical ("could it burn?"), about another brand's
 * product, an event long resolved, praise for a safety feature that worked, marketing, or figurative ("this app
 * is killing me"). Figurative phrases are blanked out before any cue is matched; the rest are read per clause or
 * per sentence around the cue.
 */

/** Blanked (same length) before matching: words of harm used for something else. */
export const FIGURATIVE: readonly RegExp[] = [
  /\b(?:killing|kills|kill|killed) (?:me|us|him|her|it|my (?:battery|phone|time|patience|mood))\b|\bkiller (?:\w+)\b|\bdying (?:to|for|of (?:laughter|boredom|curiosity))\b|\bto die for\b|\bi'?m dying\b(?! (?:of|from) (?:pain|burns?))|\bdrives? me (?:crazy|nuts|mad|insane)\b|\bpain in the (?:neck|ass|butt|backside|rear)\b|\b(?:a real|such a|what a|total|huge|royal) pain\b|\bheadache (?:of|to)\b|\b(?:gave|give|giving|nearly had|almost had|nearly gave|almost gave|having) (?:me )?a heart attack\b|\bheart attack (?:when|at|seeing)\b/g,
  /\bburn(?:ing|t|ed|s)? (?:calories|fat|money|cash|through|out|a hole|bridges)\b|\bburn-?out\b|\bburnt out\b|\bburned out\b|\bburn rate\b|\bhot (?:deals?|price|prices|sale|sales|items?|offers?|new|topic|take|mess|seller|product|pick)\b|\bfire sale\b|\bsales? (?:are |is )?on fire\b|\bshock(?:ed|ing)? (?:at|by|to (?:see|hear|learn|find))\b|\bshocking(?:ly)? (?:\w+ )?(?:service|price|prices|support|customer|bad|slow|poor|rude)\b|\bsick (?:of|and tired)\b|\ballergic to (?:paperwork|bureaucracy|bad|hold|waiting|spam|marketing|queues?|call centers?|automated)\b|\bbleeding (?:money|cash|edge)\b|\bcutting edge\b|\bcut (?:the |your |our )?(?:price|cost|costs|bill|prices)\b|\bblow(?:ing|n)? up my (?:phone|inbox)\b|\bblew up my (?:phone|inbox)\b|\b(?:phone|inbox) (?:is |was |keeps )?blowing up\b|\brash decision\b|\bburning question\b|\bhurts? my (?:feelings|wallet|pocket|brain|eyes to read)\b|\bkilling it\b|\bdead (?:battery|batteries|on arrival|zone|pixels?|screen|device|link|end)\b|\bdeadline\b|\bscratch that\b|\bchok(?:e|ed|ing) (?:on (?:the|that|this) (?:price|bill|cost))\b|\bfell (?:off|out of|apart|behind|through|in love|for)\b|\bfall(?:s|ing)? (?:off|apart|behind|through)\b|\bfall detection\b|\bbruis\w* easily\b/g,
  /气晕|气昏|气得\S{0,6}(?:血压|头疼|晕|发抖)|跌倒检测|摔倒检测|跌倒侦测|跌倒提醒|摔倒提醒|原地\S{0,2}(?:去世|爆炸|升天)|社死|(?:price|价格|价钱)[\s\S]{0,5}烫手|烫手山芋|容易(?:过敏|淤青|起疹)|气死|烦死|急死|笑死|累死|困死|吓死|伤心|伤脑筋|伤不起|心累|心塞|崩溃|爆款|火爆|爆炸式|烧钱|烧脑|坑爹|血亏|吐血|要疯了|抓狂|心态炸|死机|闪退|痛快|头疼的是|最头疼|让人头疼|很头疼|火速|热销|热卖|爆单|爆火|心痛价|跳楼价|出血价|大出血/g,
];

export const NEGATION_EN = /\b(?:no|not|never|without|didn't|didnt|did not|don't|dont|do not|doesn't|doesnt|does not|wasn't|wasnt|was not|isn't|isnt|is not|aren't|are not|weren't|were not|haven't|have not|hasn't|has not|hadn't|had not|nor|zero|free of|no sign of|no signs of|nothing like|neither|none|ruled out|rule out|nobody|no one|nothing)\b/g;
export const NEGATION_ZH = /没有|没|未曾|未|无任何|无|并未|从未|从没|不会|不是|毫无|也不|都不|并不|不(?=\S{0,2}(?:疼|痛|痒|红|肿|烫|过敏|出血|受伤|严重))/g;
/** negation-looking words that negate nothing here */
export const NOT_NEGATION_ZH = /没想到|没多久|没过多久|没注意|没办法|没法|没用|没事先|没及时|不小心|不停|不断|不止|不行|不舒服|不了|不得了|无法|无缘无故|未来|没几天|没两天|没一会|没过几天|没什么用|没反应过来/g;

export const HYPOTHETICAL_EN = /\b(?:if|what if|in case|could|would|might|can it|can this|can the|can a|can these|will it|will this|will the|is it possible|is it safe|are they safe|is this safe|possible|possibility|possibly|risk of|risks|at risk|prevent|avoid|avoiding|to be safe|warning label|warnings|manual says|instructions say|in theory|hypothetically|worried (?:that|it|about)|afraid (?:that|it) (?:could|might|will|would|may)|concerned (?:that|about)|wondering|wonder (?:if|whether)|does it cause|do they cause|can cause|could cause|may cause|might cause|any chance|precaution\w*|just curious|should i (?:worry|be worried)|planning|before i|what if|going to be|scheduled|booked|(?:scared|afraid|worried|nervous|fear) (?:that )?(?:[\w'-]+\s+){0,4}(?:will|would|could|might|may|is going to|gonna))\b/g;
export const HYPOTHETICAL_ZH = /如果|万一|假如|要是|会不会|是否会|是否|可能会|能不能|有没有可能|担心会|担心|怕会|害怕会|以防|避免|预防|防止|说明书|注意事项|理论上|请问\S{0,12}(?:会|吗)|会\S{0,8}吗|安全吗|有没有风险|有风险吗|要$|准备$|打算$|即将$|将要$|准备|打算|计划|将要|下周要|明天要|怎么办/g;

export const OTHER_BRAND = /\bcompetitors?'?s?\b|\b(?:another|other|different|previous|old|older|former|competitor'?s?|competing|my last|the last) (?:brand|company|company's|manufacturer|make|maker|brand's)\b|\bnot (?:yours|your product|your device|from you|one of yours|your brand|made by you)\b|\b(?:a|my) (?:friend|neighbou?r|colleague)'s (?:\w+ )?(?:watch|sensor|device|monitor|cuff|patch) from another\b|别的(?:牌子|品牌|厂家|公司)|别牌|别家的|另一家|另外一家|其他公司|(?:之前|以前|原来)(?:那个|的|用的)\s?\S{0,4}\s?(?:brand|牌子|品牌)|其他(?:牌子|品牌|厂家|家的)|其它(?:牌子|品牌|厂家)|另一个(?:牌子|品牌)|别家|竞品|之前用的别|以前用的别|不是(?:你们|贵司|贵公司)(?:的|家)/g;

export const RESOLVED = /\b(?:long gone|healed (?:up )?(?:completely|fully|long ago|years ago|months ago|a long time ago)|years ago|a few years back|(?:last|a) year ago|back in 20\d\d|already (?:been )?(?:reported|handled|resolved|investigated)|fully recovered|no problems? since|no issues? since|hasn't happened since|never happened again|all (?:fine|good) since)\b|早就好了|已经痊愈|早已痊愈|几年前|前几年|已经(?:报告|上报|处理)过|之后再也没有?|再也没(?:发生|出现)过|上次说的|已经好了|已经换了|回访过|医生也说没问题|\bhas healed\b|\bhealed (?:nicely|up|well|fine)\b|\balready (?:replaced|sent a replacement|refunded|followed up|called)\b|\ball good(?: now)?\b|\b(?:case|ticket|complaint) (?:#|no\.? ?|number )?\d* ?(?:is |was |has been )?(?:closed|resolved)\b|\byour (?:team|nurse|specialist|colleague) (?:already )?(?:handled|called|followed up|sorted)\b|\bthanks? (?:you )?for (?:handling|sorting|taking care of|following up)\b|\bas (?:discussed|reported|mentioned) (?:before|earlier|last time|previously)\b|已经(?:处理|解决|回访|赔偿|换货)|上次(?:的|说的|反映的)|工单\S{0,10}(?:关闭|已结|结案)/g;

export const PRAISE = /\b(?:saved (?:my|his|her|their|our) (?:life|lives|mom|mum|dad|mother|father)|life ?saver|saved (?:me|him|her|us)|(?:fall detection|it|the watch|the alarm|the alert|the sensor|the app) (?:\w+ )?(?:worked|detected|called|alerted|caught|warned|woke)|thanks to (?:the|your|this) (?:watch|alarm|alert|sensor|device|app|fall detection)|so grateful|grateful|thank (?:you|god)|woke me (?:up )?(?:in time|just in time|before)|in time|did (?:its|it's) job|worked as (?:it should|intended|designed)|caught (?:it|my low|the low|the fall) (?:in time|early))\b|报警把我\S{0,2}叫醒|提醒了我|及时|救了|多亏|幸亏|及时(?:报警|提醒|通知|检测|呼叫|发现)|自动(?:呼叫|报警|通知|拨打)|感谢(?:你们|贵司)?的?(?:手表|设备|产品)/g;

export const MARKETING = /\bunsubscribe\b|\bnewsletter\b|\d+ ?% off\b|\bpromo(?:tion)?(?: code)?\b|\blimited[- ]time\b|\bshop now\b|\bblack friday\b|\bcyber monday\b|\bcoupon\b|\bfree shipping\b|\bview (?:this email )?in (?:your )?browser\b|\bbuy now\b|退订|订阅|优惠券|促销|折扣|限时|抢购|秒杀|包邮|双十一|双11|618大促/g;

/** A question about what could happen, not a report: "Can the patch cause burns?" (a symptom question is a report). */
export const RISK_QUESTION = /^\s*(?:can|could|does|do|will|would|might|may|should|are|is) (?!it normal|this normal|that normal)\b[^?]*\?\s*$/;

/** Said in the message: nobody came to harm (a silent alarm or a wrong value with this beside it is a malfunction). */
export const NO_HARM = /无不适|没有不适|没什么不适|没有任何不适|人没事|人都没事|\bno symptoms\b|都没事|没受伤|没有受伤|没人受伤|\bi'?m (?:fine|ok|okay|alright|all right)\b|\b(?:nobody|no one|noone) (?:was |got )?(?:hurt|harmed|injured)\b|\bfeel(?:ing)? fine\b|\bno harm(?: done)?\b|\b(?:she|he|they|we) (?:is|are|was|were) (?:fine|ok|okay)\b/g;

/** The harm has another cause the writer names ("in hospital for my knee replacement", "跟设备没关系"). */
export const UNRELATED = /\b(?:for|because of|due to|after) (?:my|his|her|their|a|an) (?:knee|hip|planned|scheduled|surgery|operation|pneumonia|covid|flu|cancer|baby|birth|pregnancy|delivery|car accident|accident|long illness|heart surgery)\b|\bafter a long illness\b|\bnot related to (?:the|your|my) (?:device|sensor|product|watch|patch|cuff)\b|\bnothing to do with (?:the|your) \w+|\bunrelated to\b|跟设备没关系|与设备无关|和设备没关系|跟你们\S{0,4}没关系|和你们\S{0,4}没关系|不是设备的问题|久病|病逝|癌症|寿终|车祸/g;

/** Administrative requests after a death: cancel, close the account, return what is unopened. */
export const ADMINISTRATIVE = /\bcancel (?:his|her|their|the|my \w+'s) (?:subscription|account|order|plan)\b|\bclose (?:his|her|their|the) account\b|\breturn (?:the )?unopened\b|注销|取消\S{0,3}订阅|退回\S{0,4}(?:没|未)拆/g;

/** Markers that make the rest of their sentence hypothetical, across commas ("我有点担心 allergy，我对创可贴过敏，…会不会"). */
export const SENTENCE_HYPOTHETICAL = /\bwhat if\b|\bin case\b|\b(?:worried|afraid|scared|concerned|nervous) (?:that|about|whether|if)\b|万一|如果|假如|要是|担心(?![，,。！!])|怕\S{0,6}会/g;
