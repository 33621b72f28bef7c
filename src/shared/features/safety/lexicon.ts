import type { SafetyCategory } from './categories';

/**
 * The cues of harm, per category, in English (on normalised, typo-corrected text) and Chinese (Simplified; the
 * Traditional is folded before). A strong cue alone makes a harm report; a weak one needs a second cue in the same
 * sentence or a body part beside it ("sore" is a mood, "sore wrist under the band" is an injury).
 * Written from the issue's list of what customers say and what the keyword matcher missed; tuned on the tuning half
 * of tests/fixtures/safety only.
 */
export interface Cue {
  category: SafetyCategory;
  strong: boolean;
  re: RegExp;
  /** a cue that reads a negation as part of itself ("the alarm did not go off"): negation does not set it aside */
  negationInside?: boolean;
}

const W = String.raw`(?:[\w'-]+\s+)`; // one word and its space
const words = (n: number) => `${W}{0,${n}}`;
export const BODY_EN = String.raw`(?:skin|arm|arms|wrist|wrists|chest|belly|stomach|tummy|abdomen|leg|legs|thigh|hand|hands|finger|fingers|fingertips?|face|neck|back|hip|shoulder|breast|site|insertion site|area|spot|body|flesh|tissue|ankle|foot|feet|toe|lips?|tongue|throat|eyes?|mouth|scalp|ear|ears)`;
const DEVICE_EN = String.raw`(?:device|sensor|patch|monitor|watch|band|strap|cuff|meter|reader|receiver|transmitter|pump|charger|charging|cable|battery|batteries|unit|applicator|case|it|thing)`;

const en = (category: SafetyCategory, strong: boolean, source: string, negationInside = false): Cue => ({ category, strong, re: new RegExp(source, 'g'), negationInside });
const zh = en;

export const CUES: readonly Cue[] = [
  // ── burn / heat ──
  en('burn_heat', true, String.raw`\b(?:burn(?:ed|t|s|ing)?|scald(?:ed|ing|s)?|scorch(?:ed|ing)?)\b(?!\s+(?:more |extra |off |some )?(?:smell|odou?r|plastic|calories|fat|money|cash|through|out|rate|the midnight))`),
  en('burn_heat', true, String.raw`\b(?:heat|thermal) (?:mark|burn|rash|blister|injury|damage)s?\b`),
  en('burn_heat', true, String.raw`\b(?:too hot|so hot|very hot|burning hot|scalding hot|red hot|really hot|extremely hot|super hot) (?:${words(3)})?(?:on|against|for|to wear on|to keep on) (?:${words(1)})?${BODY_EN}\b`),
  zh('burn_heat', true, '烫伤|烧伤|灼伤|烫出|烫红|烫了|烫到|被烫|烫起|烫得(?!手)|灼热|灼烧|烧灼|烧到|烫痕|烫印|烫的(?:印|痕|疤|泡)|烧了(?:一|个)?(?:块|道|个)?(?:疤|泡|印)'),
  // ── device hazards before anyone is hurt ──
  en('device_hazard', true, String.raw`\bbatter(?:y|ies)\b ${words(5)}(?:swell|swelled|swollen|swelling|bulg\w*|puff\w*|expand\w*|balloon\w*|leak\w*|crack\w*|bloat\w*|deform\w*)`),
  en('device_hazard', true, String.raw`\b(?:swollen|bulging|puffed|leaking|bloated|expanded|cracked) (?:up )?batter(?:y|ies)\b`),
  en('device_hazard', true, String.raw`\b(?:sparks?|sparked|sparking|flames?|caught fire|on fire|melt(?:ed|ing|s)?|explod\w*|blew up|burst into|scorch marks?|burn(?:ing|t|ed)? (?:smell|odou?r|plastic)|smell(?:s|ed)? (?:of |like )?(?:burning|burnt|burned|smoke|melting|plastic))\b`),
  en('device_hazard', true, String.raw`\b(?:smoke|smoking|smoked) (?:came|coming|started|was coming|poured|out of|from)\b|\b${DEVICE_EN} ${words(3)}(?:smok(?:e|ed|es|ing))\b`),
  en('device_hazard', true, String.raw`\b(?:fumes|hissing|crackling|popping sound|singed|charred|scorched|fire hazard|explosion|burst)\b|\b(?:screen|back|cover|lid|glass|case) ${words(3)}(?:lifted|lifting|pushed (?:up|out|off)|popping (?:up|off|out)|bulg\w*|raised)\b|\b(?:cuff|it) ${words(3)}(?:won't|wouldn't|would not|did not|didn't|does not|doesn't|never) (?:stop )?(?:deflat\w*|stop inflating|release|let go)|\b(?:kept|keeps|keep) (?:on )?(?:inflating|pumping|squeezing|tightening)\b|\bover-?inflat\w*`, true),
  en('device_hazard', true, String.raw`\bover-?heat\w*|\b(?:got|gets|getting|was|is|became|becomes|runs|running|get) (?:really |very |so |extremely |super |too |dangerously |scary )?(?:hot|burning hot|scalding)\b|\bhot to (?:the )?touch\b|\btoo hot to (?:touch|hold|wear)\b`),
  en('device_hazard', true, String.raw`\b(?:small |tiny )?(?:parts?|pieces?|button|batter(?:y|ies)|cap|clip|magnet|coin cell)\b ${words(4)}(?:came off|comes off|fell off|falls off|fell out|pop(?:s|ped)? (?:off|out)|detach\w*|came loose|comes loose|broke off)\b ${words(8)}(?:child|kid|kids|toddler|baby|son|daughter|grandson|granddaughter|mouth)\b`),
  en('device_hazard', true, String.raw`\b(?:leak\w*|liquid|fluid|corros\w*|crusty|acid) ${words(6)}batter(?:y|ies)\b|\b(?:sharp|jagged|exposed|bent|broken) ${words(2)}(?:piece|edge|edges|needle|point|spike|metal|plastic|tip|shard|spring)s?\b ${words(4)}(?:sticking|poking|exposed|out)|\b(?:needle|spike|metal|shard|spring|filament|tip) ${words(8)}(?:sticking out|exposed|poking out|poking through)\b`),
  en('device_hazard', true, String.raw`\binflat\w* ${words(6)}(?:does not|doesn't|did not|didn't|won't|wouldn't|will not|never) stop\b|\b(?:does not|doesn't|did not|didn't|won't|wouldn't) stop (?:inflating|squeezing|pumping)\b`, true),
  en('device_hazard', true, String.raw`\b(?:batter(?:y|ies)|coin cells?|button cells?) ${words(4)}(?:falls? out|fell out|pops? out|popped out|comes? loose|came loose)\b|\bbattery (?:door|cover|lid) ${words(3)}(?:pops? open|popped open|falls? off|fell off|comes? off|came off|won't stay|doesn't stay)\b`),
  zh('device_hazard', true, '针\\S{0,3}弯\\S{0,8}(?:戳|扎|露|不敢)|(?:针|针头|探针)\\S{0,8}(?:戳|扎|露)出来|戳出来|(?:电池|纽扣电池)\\S{0,4}(?:掉出来|掉出|弹出来|松脱)|电池盖\\S{0,6}(?:弹开|掉|松|关不上|甩)|噼啪|啪的一声|砰的一声|火苗|烧黑|焦了|发黑了的?充电|(?:屏幕|后盖|外壳)\\S{0,4}(?:顶起|顶开|鼓起|翘起)|一直充气|充气\\S{0,3}停不下|不放气|放不了气|不泄气|越勒越紧|锋利|割手|划手|烫得吓人|发热严重|(?:热|烫)(?:到|得)\\S{0,3}(?:惊醒|醒了|受不了|戴不住|戴不了|要除|除了|摘|脱)'),
  zh('device_hazard', true, '(?:电池|battery)\\s?\\S{0,6}(?:鼓包|鼓起|膨胀|胀|漏液|漏了|变形|裂|爆)|冒\\S{0,3}烟|露出\\S{0,3}(?:针|刀|尖)|(?:针|针头)\\S{0,3}露(?:出|在外)|差点\\S{0,4}(?:吞|扎|割|划|烫|电|夹)|险些\\S{0,4}(?:吞|扎|割|划|烫|电)|冒烟|冒火|火花|起火|着火|燃烧(?!\\S{0,4}(?:卡路里|脂肪|热量))|爆炸|融化|熔化|烧焦|焦味|糊味|塑料味|发烫|过热|很烫|特别烫|非常烫|烫手|太烫|巨烫|好烫|漏电'),
  // ── electrical ──
  en('electrical', true, String.raw`\b(?:electric(?:al)?|static) shock|\bshock(?:ed|s)? (?:me|him|her|them|us|my|his)\b|\bgot (?:a |an )?(?:\w+ )?shock\b|\bzap+(?:ed|s)? (?:me|him|her|them|my|his)\b|\bfelt (?:a |an )?(?:\w+ )?(?:current|jolt|zap|shock|tingle|buzz)\b|\bjolt of\b|\bshocks? from\b|\b(?:tiny|little|small|mild|slight|painful) (?:electric )?(?:shocks?|zaps?|jolts?)\b|\b(?:electric(?:al)?|electricity|shock|tingl\w*|buzz\w*) (?:feeling|sensation)s?\b`),
  en('electrical', true, String.raw`\b(?:tingl\w*|buzzing|stings?|stinging|pins and needles|zapp?\w*) ${words(6)}(?:pins?|contacts?|charg\w*|cable|electrodes?|port|connector|adapt[eo]r|plug|hose)\b|\b(?:pins?|contacts?|charg\w*|cable|electrodes?|port|connector|adapt[eo]r|plug) ${words(6)}(?:tingl\w*|zapp?\w*|buzz\w*|sting\w*)\b`),
  en('electrical', true, String.raw`\bpacemaker\b ${words(12)}(?:buzz\w*|dizz\w*|flutter\w*|palpitation\w*|shock\w*|jolt\w*|faint\w*|chest)|\b(?:buzz\w*|flutter\w*|jolt\w*) in (?:my|his|her|the) chest\b`),
  zh('electrical', true, '(?:起搏器|除颤器)\\S{0,24}(?:嗡嗡|头晕|心慌|心悸|胸口|发麻|电击|晕)|胸口\\S{0,4}(?:嗡嗡|被电)'),
  zh('electrical', true, '触电|电击|电伤|(?:适配器|充电器|外壳|金属|插头)\\S{0,8}扎手|(?<![充放用来停断通没省耗])电到|被电|(?<![充放用来停断通没省耗])电了一下|电了我|麻麻的|发麻|刺麻|电流感|有电流|麻了一下'),
  // ── swallowed, choking ──
  en('ingestion_choking', true, String.raw`\bswallow\w* ${words(4)}(?:parts?|batter(?:y|ies)|pieces?|cap|button|sensor|clip|magnet|coin cell|applicator|needle|screw|it|one)\b|\b(?:child|kid|son|daughter|toddler|baby|grandson|granddaughter|dog) ${words(3)}swallow\w*`),
  en('ingestion_choking', true, String.raw`\bchok(?:e|ed|es|ing)\b(?! (?:up|back))|\binhal(?:ed|ing)\b|\b(?:put|had|stuck|found) ${words(3)}in (?:his|her|their|the baby's|the kid's|my son's|my daughter's) mouth\b|\bbutton (?:cell|battery)\b ${words(5)}(?:mouth|ate|swallow\w*|eaten)`),
  en('ingestion_choking', true, String.raw`\b(?:ate|eaten|eat|chewed|chewing|swallowed|bit off|bitten off) ${words(2)}(?:batter(?:y|ies)|coin cell|button cell|part|parts|piece|pieces|cap|magnet|band|strap)\b`),
  zh('ingestion_choking', true, '吞(?:了|下|进|食)|误吞|误食|吃(?:了|进|下)\\S{0,5}(?:电池|零件|部件|配件|小件|纽扣|盖子|传感器|磁铁)|卡在(?:喉咙|嗓子)|噎(?:住|到|着)|窒息|呛(?:到|住|进)|放\\S{0,2}嘴|嘴里\\S{0,2}(?:嚼|咬|含)|含在嘴'),
  // ── a part left in the body ──
  en('retained_part', true, String.raw`\b(?:filament|needle|cannula|wire|tip|probe|piece|part|fragment|sensor|thread|catheter)s? ${words(5)}(?:stuck|left|remain\w*|broke off|broken off|snapped off|still|lodged|embedded|stayed)\b ${words(3)}(?:in|under|inside|into) ${words(2)}(?:skin|arm|body|belly|abdomen|stomach|tissue|me|flesh|him|her)\b`),
  en('retained_part', true, String.raw`\b(?:doctor|doc|dr|nurse|surgeon|gp|er|clinic|they) ${words(3)}(?:remove[sd]?|cut|dig|dug|pull(?:ed)?|extract(?:ed)?|took) ${words(3)}(?:out|it|the|a) ${words(3)}(?:skin|arm|piece|wire|filament|needle|part)\b|\bunder (?:my|his|her|the) skin\b ${words(6)}(?:piece|part|wire|filament|needle|bit|fragment)|\b(?:piece|part|wire|filament|needle|bit|fragment) ${words(6)}under (?:my|his|her|the) skin\b`),
  en('retained_part', true, String.raw`\b(?:broke|broken|snapped) off inside\b|\b(?:left|stuck|still|lodged|embedded) (?:inside|in) (?:my|his|her|the) (?:arm|skin|belly|abdomen|stomach|body|thigh|flesh)\b|\bcouldn't get (?:it|the \w+) out\b|\b(?:had|needed) (?:it|the \w+) (?:surgically )?removed\b|\b(?:x-?ray|ultrasound|scan) (?:showed|shows|found|revealed)\b|\bmetal(?:lic)? fragment\b`),
  en('retained_part', true, String.raw`\b(?:cut|dug|removed|taken|pulled) out (?:at|by|in) (?:the )?(?:gp|doctor'?s?|hospital|clinic|surgery|er|a&e|urgent care)\b|\blocal ana?esthetic\b`),
  zh('retained_part', true, '(?:探针|针|针头|细丝|丝|探头|filament|needle)\\s?\\S{0,3}(?:少了一截|断了一截|缺了一截|不见了|少了一段)|(?:里面|皮下|肉里|胳膊里)\\S{0,4}(?:摸到|有)\\S{0,4}(?:硬块|硬东西|异物|东西)|断在里面|留在里面|还在肉里|拔不出来|拍片\\S{0,4}(?:发现|显示)|超声\\S{0,4}(?:见|显示|发现)|异物|手术取出|(?:金属丝|细丝|针尖)\\S{0,4}(?:留|断|卡)'),
  zh('retained_part', true, '(?:针|探头|导丝|细丝|丝|传感器|碎片|针头|软管|电极|wire|filament|needle)\\s?\\S{0,8}(?:断|留|卡|残留|还在)\\S{0,6}(?:皮肤|身体|体内|皮下|肉里|里面|胳膊|肚子)|残留(?:在)?(?:体内|皮下|皮肤)|(?:医生|护士)\\S{0,8}(?:取出|挖出|切开|拔出|夹出|取不出|拿不出)'),
  // ── bleeding, infection ──
  en('bleeding_infection', true, String.raw`\bbl(?:eed\w*|ed)\b|\bblood(?:y)? (?:everywhere|all over|pouring|gushing|running|dripping|squirt\w*|came out|coming out|on (?:the|my|his|her) \w+)|\binfect\w*|\bpus\b|\booz(?:e|ed|es|ing)\b|\babscess\w*|\bcellulitis\b|\bsep(?:sis|tic)\b|\bhematoma\b|\bhaematoma\b|\bred streaks?\b|\b(?:hot|warm) and swollen\b|\bgushing\b|\bblood (?:just )?(?:kept|keeps|kept on) (?:coming|going|pouring|flowing)\b|\bspurt\w*|\bstitch(?:es)?\b|\bsutures?\b|\bantibiotics?\b`),
  en('bleeding_infection', true, String.raw`\b(?:blood|bleeding) ${words(3)}(?:won't|wouldn't|didn't|would not|did not|couldn't) stop\b`, true),
  zh('bleeding_infection', true, '出血(?![糖压])|出\\S{1,3}血(?![糖压])|(?:blood|血)\\s?\\S{0,2}(?:喷|涌|冒)出?|流血|血流不止|血一直流|血流了|全是血|流了\\S{0,4}血|(?:满|都是|一摊|很多|好多|一片|一床)\\S{0,2}血(?![糖压氧])|血迹|血肿|红线|血止不住|感染|化脓|流脓|脓|发炎|缝针|缝了\\S{0,2}针|抗生素|消炎药|败血|血包|鼓了?(?:一)?个?(?:大)?包|肿包'),
  // ── skin ──
  en('skin', true, String.raw`\brash(?:es|y)?\b|\bblister\w*|\bwelts?\b|\bbruis\w*|\bscar(?:s|red|ring)?\b|\bsores?\b(?! (?:loser|point|subject|throat))|\bulcer\w*|\blesions?\b|\bdermatitis\b|\beczema\b|\bpsoriasis\b|\bscaly\b|\bweepy\b|\bnecrosis\b|\bscabs?\b|\bweeping\b|\bchaf(?:ed|ing|es)\b|\bcrusty (?:skin|patch|spot)\b|\bindentation\b|\bdiscolou?r\w*|\b(?:itchy|red|raised) (?:bumps?|spots?|dots?)\b|\b(?:red|itchy|sore|raw) and (?:bumpy|itchy|swollen|raw|sore|hot|blotchy)\b|\bskin reaction\b|\bcontact dermatitis\b`),
  en('skin', true, String.raw`\b(?:won't|wont|will not|doesn't|does not|didn't|not|never) ${words(1)}heal(?:ed|ing)?\b|\bnot healing\b`, true),
  en('skin', true, String.raw`\b(?:skin|layer) ${words(4)}(?:peel\w*|tore|torn|ripped|came off|pulled off|came away|broke|broken|raw|cracked|split)\b|\b(?:peel\w*|tore|torn|ripped|pulled|took|takes|taking) (?:off |away )?${words(3)}(?:skin|layer of skin)\b|\braw (?:skin|patch|spot|area|flesh)\b`),
  en('skin', true, String.raw`\b(?:red|raw|angry|purple|black|blue|dark|white|shiny) (?:\w+ )?(?:marks?|patch(?:es)?|spots?|rings?|squares?|rectangles?|circles?|blotch(?:es)?|areas?|bumps?|lines?|welts?|scrapes?|scratches|grazes?|imprint|dents?|dimples?|skin)\b|\bred raw\b|\braw red\b|(?<!\b(?:screen|display|light|led|it|phone|app|watch|reader|monitor|device|unit) )\b(?:turned|went|gone|is|was|looks|looked|became|turning|going) (?:all |really |very |a bit )?(?:purple|black|blue|white|grey|gray|numb)\b`),
  en('skin', true, String.raw`\b${BODY_EN} ${words(4)}(?:irritat\w*|inflam\w*|swollen|swell\w*|itch\w*|red|redness|raw|sore|peeling|cracked|broken|burning|stinging|numb|tender|hurts?|hurting|painful)\b`),
  en('skin', false, String.raw`\birritat(?:ed|ion|ing)\b|\bitch(?:y|ing|es|ed)?\b|\bredness\b|\bswollen\b|\bswelling\b|\binflam\w*`),
  zh('skin', true, '又(?:红|肿|痒|痛|热)又(?:红|肿|痒|痛|热)|皮疹|红疹|起疹|疹子|湿疹|起泡|水泡|水疱|脱皮|破皮|掉皮|掉了一层皮|撕掉\\S{0,4}皮|撕破|皮损|皮\\S{0,2}损了|skin\\s?\\S{0,3}(?:破|烂|肿)|掉(?:了)?(?:一)?(?:层|块|片)皮|一直流水|流黄水|渗液|渗水|皮\\S{0,2}(?:撕|扯|粘)(?:掉|下来|破)|皮肤\\S{0,4}(?:溃烂|发炎|破|红|痒|刺痛|损|受损|异常|过敏|发黑|发紫|烂)|红肿|肿(?:了|起来|得)|发紫|紫了|青紫|淤青|瘀青|淤血|瘀血|留疤|疤痕|结痂|溃疡|红印|红斑|红了一大?(?:块|片|圈)|奇痒|痒得|青一块|紫一块|乌青|烂了|皮\\S{0,3}(?:泡白|发白|往下掉|一片一片)|青了|发青|勒(?:得|出|伤)|指甲\\S{0,3}(?:黑|紫|青)|不愈合|好不了|长不好|磨红|勒痕|压痕|色素沉着|起皮|红一片|红了一大片|起了\\S{0,4}(?:包|疙瘩|红点|细粒|小粒|粒粒)|小红点|疙瘩|痒死'),
  zh('skin', true, '(?:不|没|没有|未)(?:结痂|埋口|收口)', true),
  zh('skin', false, '很痒|特别痒|好痒|发痒|刺痛|发红|红红的|有点红|肿'),
  // ── allergic reaction ──
  en('allergic_reaction', true, String.raw`\ballerg\w*|\banaphyla\w*|\bhives\b|\bepi-?pen\b|\bantihistamine\w*|\bbenadryl\b|\bzyrtec\b|\bclaritin\b|\b(?:face|lips?|tongue|throat|eyes?|eyelids?) ${words(3)}(?:swell\w*|swollen|puff\w*|closing|tight)\b|\breaction\b ${words(2)}(?:to|from) (?:the )?(?:adhesive|glue|patch|tape|sensor|band|strap|metal|nickel|material|plaster|sticker)\b`),
  zh('allergic_reaction', true, '过敏|荨麻疹|风团|抗过敏|氯雷他定|扑尔敏|嘴唇肿|喉咙肿|脸肿|呼吸困难|喘不上气'),
  // ── injury and collapse ──
  en('injury', true, String.raw`\binjur\w*|\b(?:hurt|hurts|hurting) (?:me|him|her|them|us|my|his|badly|so bad|a lot|really bad)\b|\b(?:cut|sliced|scratched|gashed|pinched|stabbed|pierced) (?:open )?(?:my|his|her|their|the baby's) ${words(1)}(?:finger|hand|skin|arm|wrist|face|leg|thumb)\b|\blacerat\w*|\bwounds?\b(?! up)|\bfractur\w*|\bbroke (?:my|his|her|their) (?:arm|wrist|hip|leg|ankle|nose|tooth|teeth|collarbone|shoulder|rib)|\bbroken (?:arm|wrist|hip|leg|bone|ankle|rib|nose|collarbone)\b|\bsprain\w*|\bconcuss\w*|\b(?:pinched|trapped|caught) (?:my|his|her) (?:finger|skin|thumb|hand)\b|\bgash\w*|\b(?:sliced|gashed) (?:\w+ ){0,5}(?:open|finger|hand|arm|wrist|skin|thumb)\b|\btwisted (?:my |his |her )?(?:ankle|knee|wrist)\b|\btripped (?:over|on) (?:the|a|my|its) (?:\w+ )?(?:cable|cord|wire|charger|lead)\b|\b(?:glass|sliver|shard|splinter) ${words(3)}(?:went|got|stuck) (?:into|in) (?:my|his|her|their)\b|\b(?:scraped|grazed|skinned|scuffed) (?:both |my |his |her |their )?(?:hands?|knees?|elbows?|arms?|legs?|face|chin|forehead)\b|\bcut on (?:my|his|her|the) (?:forehead|head|face|chin)\b|\b(?:deep|bad|nasty) (?:cut|scratch|gash)\b|\b(?:clasp|buckle|edge|strap|band|glass|applicator) ${words(3)}(?:cut|sliced|scratched|pinched|stabbed) (?:me|him|her|my|his|into)\b|\bcrush\w* (?:my|his|her)\b|\bcirculation (?:cut off|was cut)\b|\b(?:fingers?|hand|arm|wrist) ${words(3)}(?:went|turned|go|going|is|was) (?:numb|cold|blue|purple|white)\b|\bcut (?:by|near|under|above|beside|next to|on) (?:my|his|her|their|the) (?:eye|eyebrow|cheek|lip|nose|chin|forehead|face|hand|finger|thumb|wrist|arm|leg)\b|\bcaught (?:my|his|her|their) (?:face|eye|finger|thumb|hand|skin|arm) on\b|\b(?:fired|went off|shot|clicked) twice\b|\b(?:two |2 )?holes? in (?:my|his|her|their) (?:arm|skin|belly|leg|stomach|tummy|thigh)\b`),
  en('injury', true, String.raw`\b(?:fainted|faint(?:ing)? spell|funny turn|keeled over|came over (?:all )?(?:faint|dizzy|funny|weak|queer)|passed out|blacked out|blacking out|black out|blackout|lost consciousness|unconscious|unresponsive|seizure\w*|seizing|convuls\w*|fitting|a stroke|had a heart attack|cardiac arrest|went into shock)\b`),
  en('injury', false, String.raw`\b(?:pain|painful|hurts?|hurting|aching|ache|stinging|throbbing|sore|dizzy|dizziness|nause\w*|vomit\w*|threw up|throwing up|headaches?|numbness|palpitations?|heart (?:is |was |keeps )?racing|racing heart|chest pain|short of breath|breathless)\b`),
  zh('injury', true, '擦破|蹭破|磕破|摔破|压伤|刮伤|磨破|磨出血|磨得\\S{0,3}(?:破|烂|出血)|血液不流通|手指\\S{0,3}(?:发紫|发白|发麻)|胳膊\\S{0,3}(?:发麻|麻了)|眼前一黑|晕厥|昏厥|夹了|夹到|受伤|(?:胳膊|手臂|肚子|皮肤)上\\S{0,3}(?:洞|口子)|咬到舌头|伤到|弄伤|割伤|划伤|划破|擦伤|扎伤|刺伤|夹伤|骨折|骨裂|摔断|摔伤|跌伤|扭伤|脑震荡|晕倒|晕过去|昏倒|昏迷|昏过去|失去意识|不省人事|休克|抽搐|癫痫发作|中风|心梗|剧痛|疼死|痛死|疼得|痛得'),
  zh('injury', false, '疼|痛|头晕|恶心|呕吐|不舒服|难受|心慌|心悸|胸闷|胸痛|喘不过气'),
  // ── a wrong value acted on, told in one breath ──
  zh('wrong_reading_consequence', true, '以为\\S{0,8}(?:没|没有)\\S{0,4}(?:吃|打|用|注射)\\S{0,10}又(?:吃|打|用|注射)|(?:多|重复)(?:吃|打|注射)了\\S{0,2}(?:一次|一顿|一针|一遍)|误报\\S{0,12}(?:导致|结果|害得)', true),
  en('wrong_reading_consequence', true, String.raw`\b(?:took|taken|gave|given|injected) (?:it|them|(?:my|his|her) (?:meds|medication|pills?|insulin|dose)) (?:twice|again)\b|\bdouble[ -]?dos\w*|\bdos(?:e|ed) ${words(3)}(?:off|on|by) (?:it|that|those|the (?:number|reading|value)s?)\b`),
  // ── death ──
  en('death', true, String.raw`\bpassed away\b|\bfatal\w*|\b(?:died|is dead|was dead|found dead|death)\b(?<!(?:sensor|battery|batteries|watch|phone|device|app|screen|reader|pump|cuff|transmitter|it|unit|charger|patch|monitor) (?:just |has |had |already |completely |suddenly )?(?:died|is dead|was dead))`),
  zh('death', true, '(?:爸爸|妈妈|阿爸|阿妈|老豆|老母|爷爷|奶奶|外公|外婆|公公|婆婆|老公|老婆|丈夫|妻子|太太|儿子|女儿|哥哥|姐姐|弟弟|妹妹)\\S{0,6}(?:已经)?走了(?!\\S{0,2}(?:路|开|过|出|去|回|进|来|之前|以前))|过身|去世|过世|离世|死亡|身亡|猝死|不幸走了|人没了|抢救无效'),
  // ── medical care sought ──
  en('medical_care', true, String.raw`\bemergency (?:room|department|dept|surgery)\b|\b(?:the|to|in|at) (?:er|ed|a&e|icu)\b|\ber (?:said|doctor|doc|visit|trip|staff|nurse)s?\b|\ba&e\b|\bcasualty\b|\bwalk-in\b|\bovernight (?:in|at) (?:the )?(?:hospital|ward)\b|\burgent care\b|\bambulance\b|\bparamedics?\b|\bemts?\b|\b(?:called|call|dialed|dialled|rang) (?:911|999|112)\b|\bintensive care\b|\bhospitali[sz]\w*|\badmitted\b|\b(?:went|go|going|taken|take|took|rushed|ended up|been|was|is|in|at|to) (?:to |in |at |into )?(?:the |a )?hospital\b|\bhospital (?:visit|stay|bed|admission)\b|\bstitch(?:es)?\b|\bkept (?:me|him|her|them) in (?:overnight|for (?:the night|observation|\w+ (?:days|nights)))\b|\b(?:to|in|at) (?:the )?(?:er|a&e)\b|\bobservation overnight\b`),
  en('medical_care', false, String.raw`\b(?:doctor|dr|gp|physician|dermatologist|nurse|clinic|endocrinologist|cardiologist|pharmacist|prescribed|prescription|steroid|cream|ointment|urgent)\b`),
  zh('medical_care', true, '急诊|急症室|住院|(?<![出进])入(?:了)?院|救护车|(?:打|叫|拨打?)120|120急救|送医|送(?:到|去|进)(?:了)?医院|去了医院|去医院|到医院|进了医院|医院\\S{0,4}(?:处理|缝|抢救|检查|治疗|看)|从\\s?(?:hospital|医院|急诊)\\s?(?:出来|回来|回家)|(?:医生|大夫)说\\S{0,10}(?:有关|导致|引起|造成|关系)|抢救|icu|重症|看了急诊|挂了?急诊|住\\S{1,3}院|叫了急救|急救车|(?<!自动)打了?急救|病房|留观|住进\\S{0,6}(?:医院|病房)|住了一(?:晚|夜)|让我住|(?:送去|送到|去了?|进了?)\\s?(?:er|急诊|医院)'),
  zh('medical_care', false, '看医生|看了医生|皮肤科|开了药|开药|医生说|诊所|护士|药膏'),
];

/** Wrong readings and silent alarms: harm only with a clinical consequence in the same or the next sentence. */
export const READING_PROBLEM: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:readings?|values?|numbers?|results?|glucose|sugars?|bgs?|bp|blood pressure|heart rate|pulse|ecg|ekg|graph|sensor|cgm|monitor|meter|cuff|watch|it) ${words(4)}(?:wrong|false|incorrect|inaccurate|off|way off|too high|too low|bogus|crazy|wildly|random|glitch\w*|showed|showing|said|read|reading|stuck|frozen)\b`, 'g'),
  new RegExp(String.raw`\b(?:false|wrong|incorrect|inaccurate|phantom|compression|fake|bogus|erroneous) (?:high|low|reading|readings|value|values|alarm|alarms|alert|alerts|number|numbers|result|results|lows?|highs?)\b|\b(?:higher|lower|different|off) than (?:the |her |his |my |a |their )?(?:meter|finger ?sticks?|finger ?pricks?|blood|actual|lab|real|glucometer|bg)\b|\b(?:didn't|did not|doesn't|does not) match\b|\b(?:not|isn't|wasn't|is not|was not) (?:accurate|right|correct)\b|\b(?:said|sed|showed|shows|says|gave me) (?:i was |i'm |i am |a |me a )?(?:low|high|lo|hi)\b|\b(?:didn't|did not|never|failed to) (?:detect|catch|flag|pick up|notice) ${words(2)}(?:afib|a-fib|arrhythmia|irregular|rhythm|low|high|hypo)\w*|\b(?:said|showed|shows|says|told (?:me|him|her)) ${words(3)}(?:normal|fine|ok|okay|sinus rhythm|no afib)\b|\b(?:dose|dosed|bolus\w*|insulin|injected|treated) ${words(3)}(?:on|based on|according to|from) (?:(?:a|the|its|her|his|my) )?(?:cgm|sensor|reader|watch|cuff|app|monitor) (?:value|reading|number|result)s?\b|\bwrong (?:units?|numbers?|values?)\b|\b(?:switched|changed|flipped) (?:over )?(?:to|units to) (?:mg\/?dl|mmol)|\bunits? (?:changed|switched)\b|\b(?:didn't|did not|never) (?:confirm|check|double-check) (?:it )?(?:with|on) (?:a |the |her |his |my )?(?:meter|finger ?stick|glucometer)\b|\bturned out (?:to be |she was |he was |i was )?(?:fine|normal|high|low)\b`, 'g'),
  /(?:读数|数值|数据|血糖值?|血压值?|心率|测量值|测量结果|测量|显示|结果|指数|传感器|探头|读的)\S{0,8}(?:不准|错误|错了|偏高|偏低|虚高|虚低|乱跳|异常|差了?很多|差太多|离谱|不对|失准|跳来跳去)|(?:假|错误的?)(?:高|低|报警|读数)|压(?:着|到|住)\S{0,3}(?:传感器|探头|sensor)|(?:血糖仪|指血|指尖血|实际)\S{0,6}(?:只有|才|却)|(?:说|显示|提示)\S{0,8}正常|(?:根据|按照|按)\S{0,12}(?:显示|读数|数值|结果)|(?:没有?|未)(?:检测|识别|发现)\S{0,3}(?:到)?\S{0,3}(?:房颤|心律不齐|异常|低血糖|高血糖)|显示\s?\S{0,3}(?:lo|hi)\b|(?:显示|说|提示)\S{0,3}(?:低血糖|高血糖|低|高)\S{0,3}(?:我就|就|于是)|结果\S{0,6}(?:其实|实际|指尖|指血|测指)|其实(?:不|没|并不)(?:低|高)|误报/g,
];
export const ALARM_MISSED: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:alarms?|alerts?|notifications?|warnings?) ${words(3)}(?:came|went off|sounded|arrived|was|fired|rang|buzzed) ${words(3)}(?:late|too late|delayed)\b|\b(?:late|delayed) (?:alarm|alert)s?\b`, 'g'),
  new RegExp(String.raw`\b(?:alarms?|alerts?|notifications?|warnings?|alarm sound|vibration|sos|it|watch|device|sensor|app|receiver|phone|monitor) ${words(3)}(?:didn't|did not|never|failed to|doesn't|does not|wasn't|was not|won't|couldn't|could not|didnt|doesnt|wasnt) ${words(2)}(?:go off|goes off|went off|sound|sounded|ring|trigger|triggered|fire|work|come|came|wake|alert|alarm|vibrate|beep|notify|warn)\w*`, 'g'),
  /\b(?:no|without any|without an?|without) (?:alarm|alert|warning|notification|sound|vibration)s?\b|\b(?:missed|silent|muted) (?:alarm|alert|warning)s?\b|\bslept through (?:the )?(?:alarm|alert)s?\b|\bnever (?:alerted|alarmed|warned|notified|buzzed|beeped)\b|\bfailed to (?:alarm|alert|warn|notify)\b|\b(?:alarm|alert)s? (?:stayed|was|were|remained) (?:silent|quiet)\b/g,
  /(?<!有)(?:没有?|不|未|没能|并没有?)\S{0,3}(?:报警|警报|提醒|提示|响|震动|通知|预警)|(?:报警|警报|提醒)\S{0,3}(?:没|不|失灵|没响|没有响)|(?:报警|警报|提醒|alarm|alert)\s?\S{0,6}(?:晚了|延迟|迟了|才响)|(?:报警|警报|提醒|alarm|alert)呢|一声不响|没动静|(?:手机|app)\S{0,3}(?:没|没有)收到\S{0,3}(?:通知|提醒|警报|报警)|(?:没|没有|未)推送/g,
];
export const CONSEQUENCE: readonly RegExp[] = [
  /\b(?:insulin|bolus\w*|dos(?:e|ed|ing|es)|inject\w*|correction|took (?:extra|more|another|my|a)|ate (?:sugar|candy|sweets|glucose|something|a|some)|drank (?:juice|soda|coke)|juice|candy|glucose tabs?|glucagon|carbs|treated|hypo\w*(?! (?:alarm|alert|warning)s?)|hyper\w*(?! (?:alarm|alert|warning)s?)|low blood sugar|high blood sugar|clammy|shaky|sweaty|dextrose|ketones|double dose|extra (?:pill|dose|tablet)s?|glucose tablets?|(?:didn't|did not|never) (?:go|see|call) (?:to )?(?:the |a )?(?:doctor|hospital|gp|er)|found (?:him|her|them)|dropped to|went down to|went up to|slurr\w*|couldn't wake|could not (?:wake|be woken|respond)|tia|mini-stroke|arrhythmia|heart block|dka|ketoacidosis|passed out|fainted|seizure\w*|unconscious|collapsed|confused|ambulance|paramedic\w*|emergency|hospital\w*|icu|the er|shaking|sweating|stroke|afib|a-fib|heart attack|medication|meds|pills?|blood thinners?|crash(?:ed)?|dangerously|almost died|could have died|nearly died|woke up|ended up|sweets|lollies|jelly babies|lucozade|pulled over|funny turn|nearly gone|down to|v+ ?low|so low|really low)\b/g,
  /胰岛素|打了|注射|剂量|加量|减量|用药|吃了?药|吃了?糖|喝了\S{0,2}(?:果汁|糖水)|补糖|(?<!报(?:紧急)?)(?:低血糖|高血糖)(?!报警|警报|提醒|alarm|alert)|胰高血糖素|房颤|脑缺血|中风|心梗|心衰|晕厥|叫不醒|急救|多吃了|吃了两次|加倍|没去医院|没去看|没当回事|酮|降到|掉到|晕|昏|抽搐|送医|急诊|住院|救护车|120|酮症|酸中毒|手抖|出冷汗|冷汗|出汗|一身汗|满头大汗|饿醒|发抖|哆嗦|可乐|飙到|飙升|难受|差点|险些|降压药/g,
];

/** A fall the device should have noticed and did not. */
export const FELL: readonly RegExp[] = [
  /\b(?:fell|has fallen|had fallen|had a fall|took a fall|a bad fall|fell down|fell over|collapsed|tripped|slipped|on the floor|on the ground|on the bathroom floor)\b/g,
  /摔倒|跌倒|摔了一跤|摔了|倒在地上|倒地|滑倒|晕倒在|眼前一黑|在地上醒|醒来\S{0,3}在地上/g,
];
export const NOT_DETECTED: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:didn't|did not|never|failed to|wasn't|was not|couldn't|could not|didnt|wasnt|not) ${words(3)}(?:detect\w*|alert\w*|call\w*|notic\w*|trigger\w*|register\w*|go off|react\w*|respond\w*|send\w*|sos|notify|notif\w*|recogni[sz]\w*|pick\w* (?:it )?up)\b|\bno (?:alert|alarm|call|notification|sos|emergency call|response)\b|\b(?:lay|lying|laid|stuck|was) ${words(4)}(?:for hours|all night|for \w+ hours|overnight)\b`, 'g'),
  /没有?\S{0,3}(?:检测|识别|报警|反应|通知|呼叫|触发|提醒|发出|自动|打电话)|未\S{0,2}(?:检测|识别|报警|呼叫)|不报警|躺了\S{0,4}(?:小时|很久|一夜|半天)|躺到(?:天亮|早上|第二天|天光)/g,
];

/** A symptom the writer ties to the device ("dizzy since the pump app updated", "chest pain since wearing the patch"). */
export const SYMPTOM: readonly RegExp[] = [
  /\b(?:dizzy|dizziness|light-?headed|palpitations?|heart (?:is |was |keeps )?racing|racing heart|chest pain|chest tightness|short of breath|breathless|nause\w*|vomit\w*|headaches?|numb\w*|weak|faint)\b/g,
  /头晕|心慌|心悸|胸闷|胸痛|喘不过气|恶心|呕吐|头疼|头痛|发麻|没力气|手脚无力/g,
];
export const DEVICE_LINK: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:since|ever since|after|because of|caused by|from) ${words(3)}(?:wearing|using|put(?:ting)? on|updat\w*|the update|the patch|the sensor|the watch|the cuff|the app|the pump|the device|it|your)\b`, 'g'),
  /自从\S{0,12}(?:戴|用|贴|更新)|(?:戴|用|贴|更新)\S{0,8}(?:之后|以后|后)|因为\S{0,6}(?:贴片|传感器|手表|袖带|设备|app)/g,
];

/** A child near a small part or coin cell: a swallowing hazard before anyone is hurt. */
export const CHILD: readonly RegExp[] = [
  /\b(?:toddler|kid|kids|child|children|baby|baby's|son|daughter|grandson|granddaughter|little one|infant|crib|cot|\d+[- ](?:month|year|yr)s?[- ]old)\b/g,
  /小孩|孩子|宝宝|儿子|女儿|孙子|孙女|婴儿|小朋友|娃|(?<![a-z])bb(?![a-z])|细路|囡囡|一岁多|两岁/g,
];
export const SMALL_PART: readonly RegExp[] = [
  /\b(?:coin cells?|button cells?|batter(?:y|ies)|magnets?|small parts?|small pieces?|caps?|pins?|needles?|clips?)\b/g,
  /纽扣电池|电池|零件|小零件|小盖子|盖子|盖(?=\S{0,3}(?:崩|缺|裂|少))|磁铁|(?<!打)针头|(?<![打扎])针/g,
];
/** …and within reach: in a hand or a mouth, grabbed, found in the crib */
export const WITHIN_REACH = /\bin (?:his|her|their|my \w+'s|\w+'s) (?:hand|hands|mouth|fist)\b|\b(?:got|took|pulled) it (?:off|away from|out of) (?:him|her|them)\b|\bgrabb?(?:ed|ing)?\b|\bgot hold\b|\bfound\b|\bplaying (?:with|near|next to|beside|around)\b|\bmissing (?:a|one) (?:chunk|piece|bit)\b|\bcan'?t find the (?:piece|bit|chunk|part)\b|\bcrib\b|\bcot\b|\breach\b|\balmost\b|\bnearly\b|\bchew\w*|手里|手上|手度|嘴里|攥|抓着|拿着|在玩|玩过|找不回|找不到\S{0,4}(?:那块|碎片|那一块|那颗|那粒)|差点|险些|幸好|床上|够得着/g;
