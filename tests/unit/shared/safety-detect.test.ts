import { describe, expect, it } from 'vitest';
import { detectHarm, detectRules, messageHarm, SafetyVerdict, type SafetyCategory } from '../../../src/shared/features/safety';

// Written for these tests (not taken from tests/fixtures/safety, which measures the detector in `npm run bench`).
const harm: Array<[string, SafetyCategory]> = [
  ['The patch burned my skin', 'burn_heat'],
  ['贴片把我烫伤了', 'burn_heat'],
  ['手錶充電後把手腕燙傷了', 'burn_heat'],
  ['my watch is overheating and too hot to touch', 'device_hazard'],
  ['手表过热冒烟', 'device_hazard'],
  ['the reader battery is swollen and the case is cracking', 'device_hazard'],
  ['电池鼓包了，后盖都顶开了', 'device_hazard'],
  ['I got a rash and blisters under the sensor', 'skin'],
  ['皮肤红肿起泡', 'skin'],
  ['pulled the patch off and the skin came off with it', 'skin'],
  ['allergic reaction to the adhesive', 'allergic_reaction'],
  ['对胶布过敏，起了荨麻疹', 'allergic_reaction'],
  ['a wrong reading made me take insulin', 'wrong_reading_consequence'],
  ['I took a dose because of an incorrect reading', 'wrong_reading_consequence'],
  ['传感器读数偏高，我按读数打了胰岛素，后来低血糖了', 'wrong_reading_consequence'],
  ['the low alarm never went off and my husband had a seizure in his sleep', 'wrong_reading_consequence'],
  ['my mother fainted and went to the emergency room', 'medical_care'],
  ['低血糖住院了', 'medical_care'],
  ['she got a little shock from the charging pins', 'electrical'],
  ['充电的时候被电了一下，手指发麻', 'electrical'],
  ['my son swallowed the button battery from the reader', 'ingestion_choking'],
  ['孩子把小盖子吞下去了', 'ingestion_choking'],
  ['a piece of the filament broke off and is still under my skin', 'retained_part'],
  ['探头的针断在皮下了，医生取不出来', 'retained_part'],
  ['it bled through my shirt and the site is now infected with pus', 'bleeding_infection'],
  ['扎针的地方化脓了', 'bleeding_infection'],
  ['grandpa fell in the bathroom and the watch did not call anyone, he lay there for hours', 'fall_not_detected'],
  ['我妈摔倒了，手表没有报警', 'fall_not_detected'],
  ['the cuff would not deflate and cut into her arm, it is bruised', 'skin'],
  ['My husband passed away on Tuesday; his sensor showed normal numbers all night', 'death'],
  ['Invoice question. P.S. my daughter got a burn from the charger last week.', 'burn_heat'],
  ['im so dizzy since the pump app updated my settings', 'injury'],
  ['Hi!! my arm got brused and its swolen where the cuff was', 'skin'],
  // quotation marks alone set nothing aside: the customer's own words, or a child's, are still a report
  ['my son keeps crying "it burns, it burns" when the patch is on', 'burn_heat'],
  ['孩子一直喊“好烫”，贴片下面红了一大块，起了水泡', 'skin'],
  // a customer's own earlier report forwarded, or what someone at the clinic said, is still a report
  ['FW: no answer yet\n> The patch burned my chest, there is a blister the size of a coin', 'burn_heat'],
  ['诊所里有人说“这是烫伤”，贴片下面起了水泡', 'burn_heat'],
  // an animal beside a person: the person's harm counts
  ['狗把传感器咬坏了，我儿子把一块碎片吞下去了', 'ingestion_choking'],
  // "is this normal?" about a symptom is a report, not a question about a risk
  ['贴片下面好像烫伤了，摸了会痛，这样正常吗？', 'burn_heat'],
  ['the low alert never came up and my daughter went hypo at school and passed out', 'wrong_reading_consequence'],
  // a fracture from a fall the watch missed is the harm, not an unrelated stay in hospital
  ['我太太在阳台跌倒，手表没有报警也没打电话，骨折住院了', 'fall_not_detected'],
  // Cantonese (Hong Kong): 割損咗 "cut", 燙親 "burned", 白車 "ambulance", 痕 "itchy"
  ['扣袖帶嗰陣割損咗手指，流咗血', 'injury'],
  ['個充電座燙親我個仔隻腳，起咗個泡', 'burn_heat'],
  ['新錶帶令到我手腕又紅又腫，又痕又熱', 'skin'],
  ["the battery door came off in my grandson's hands and the coin cell fell out, got it off him just in time", 'device_hazard'],
  // Cantonese: 跌親 "fell and got hurt", 入面 "inside", 入咗院 "was admitted", 走咗 "passed away", 細粒 "small bumps"
  ['阿媽喺浴室跌親，隻錶冇反應', 'injury'],
  ['個 sensor 嘅針斷咗喺入面', 'retained_part'],
  ['佢喘到唔到氣，入咗院先知血氧得八十幾', 'medical_care'],
  ['我老豆上個月走咗，佢一直戴住你哋隻錶，想攞返啲數據', 'death'],
  ['貼完之後嗰度起咗好多細粒，三日都未退', 'skin'],
  ['每次撕贴片都掉一层皮', 'skin'],
  ['戴住隻錶瞓覺，熱到我驚醒', 'device_hazard'],
  // everyday English for what happened
  ['the applicator went off twice, two holes in my leg', 'injury'],
  ['felt an electric sensation in my wrist while it was on the charger', 'electrical'],
  ['doc had to dig the wire out of my arm', 'retained_part'],
  ['had a funny turn on the motorway, sensor said 6 and there was no low alarm', 'injury'],
  ['my 18-month-old had the button battery in her hand before I grabbed it', 'device_hazard'],
  ['found him seizing on the sofa, the low alert never went off', 'injury'],
  ['the scan showed a metal fragment under the old sensor site', 'retained_part'],
  ['took it out and the blood just kept coming for half an hour', 'bleeding_infection'],
  ['the adapter gives a sting through the hose connector when my hands are damp', 'electrical'],
  ['充电的时候碰到背面的针脚，被电亲，手麻了好久', 'electrical'],
  ['tripped over the charger cable in the dark and twisted my ankle', 'injury'],
  ['一撕下来就撕破了皮，几天都未埋口', 'skin'],
  ['ultrasound 见皮下约3mm异物', 'retained_part'],
  ['手表热得戴不住，只好摘下来', 'device_hazard'],
  ['用完你哋部機之後，尋晚入咗急症室', 'medical_care'],
];

const notHarm: Array<[string, string]> = [
  ['No burns, no rash, I just need a new strap', 'negated'],
  ['没有过敏，也没有红肿，只是想问一下怎么配对', 'negated'],
  ['Can the patch cause burns in a sauna?', 'hypothetical'],
  ['如果戴着洗澡会不会烫伤？', 'hypothetical'],
  ['I had a rash years ago but it healed completely and never happened again', 'resolved'],
  ['My old sensor from another brand gave me blisters, yours is much better', 'other_brand'],
  ['以前用别的牌子的贴片过敏，你们的怎么样', 'other_brand'],
  ['The fall detection called me when mum fell, it saved her, thank you!', 'praise'],
  ['BLACK FRIDAY: 30% off all sensors. Burn calories with our new watch! Unsubscribe', 'figurative'],
  ['This app is killing me, the login is such a pain', 'figurative'],
  ['这个APP气死我了，老是闪退', 'figurative'],
  ['the sensor fell off after 3 days, nobody hurt, please send a replacement', 'figurative'],
  ['the low alarm did not sound last night, I saw it in the graph, I feel fine', 'no_harm'],
  ["I'm in hospital for my knee replacement, please pause deliveries", 'unrelated'],
  ['My father passed away last month, please cancel his subscription', 'administrative'],
  // quoted from someone else: a leaflet, a news story, a post
  ["The leaflet says 'Choking hazard - small parts'. Anyway how do I add a follower?", 'quoted'],
  ['说明书上写着“可能出现皮肤刺激、过敏、出血”，这些常见吗', 'quoted'],
  ["saw a post on reddit: 'my sensor left a chemical burn on my arm' - does that happen with yours", 'quoted'],
  ['my neighbour sent me this article:\n> a batch of wrist monitors could overheat, causing burns\nIs mine affected?', 'quoted'],
  // a general enquiry from someone who is not a user; words of harm that name a job, points or a known allergy
  ['hi, nursing student here - what is the general infection risk with CGM sensors? writing an assignment, i am not a user', 'general'],
  ['Reward points reminder: burn your points before they expire on 31 December!', 'figurative'],
  ['我是ICU护士，病人戴着贴片可以做核磁吗？', 'figurative'],
  ['Before I buy: does the cuff contain latex? I have a latex allergy.', 'figurative'],
  ['The complaint about my rash is closed now, thanks', 'resolved'],
  ['我家猫把传感器咬烂了，换一个要多少钱', 'not_a_person'],
  ['Mum fell in the kitchen, her Pulse Watch S2 detected it and called me. Thank you so much!', 'praise'],
  ['The sensor said 2.9 and I was about to give him juice, but I did a fingerstick first: 8.1. Nothing given.', 'no_harm'],
  ['【系统通知】本消息为系统自动发送，请勿回复。纽扣电池请远离儿童，如误吞请立即就医。', 'marketing'],
  // idioms of harm; a hospital stay long before the device; a routine safety notice
  ['Honestly the new prices are bleeding families dry, is there a discount for two kids?', 'figurative'],
  ["It's life or death, I need the blue strap before Friday's party!", 'figurative'],
  ['新出的表带颜色太美了，我直接心梗', 'figurative'],
  ['I was in hospital with a severe hypo long before I ever used a CGM, so I want the loudest alarm. How?', 'resolved'],
  ['五年前还没用你们产品的时候低血糖住过院，现在想把报警设得灵敏一点', 'resolved'],
  ['【例行提示】充电时请勿佩戴入睡；如发现电池鼓包请停止使用。本邮件为例行提示，无需回复。', 'marketing'],
  ["there's screen burn-in on the watch face, is that covered by the warranty?", 'figurative'],
  ['after the update the app crashed and burned, it closes as soon as I open it', 'figurative'],
  ['我的探头又“去世”了，才用了两天', 'figurative'],
  ['你们一天推送好几条，我看到通知都过敏了', 'figurative'],
  ['我爸因为阑尾炎住院开刀，这周的配送先停一下', 'unrelated'],
  ['[Automated] Safety notice: the charging cradle may overheat with third-party adapters. This mailbox is not monitored.', 'marketing'],
  ['The case about my rash was closed last month, I only need a copy of the invoice', 'resolved'],
  ['以前用另一只牌子的血压计夹伤过手，所以这次选了你们', 'other_brand'],
  // 充电到 is "charged to", not 电到 "got a shock"
  ['手表充电到80%就不动了，是不是电池老化了？', ''],
  ['Where is my order? It has been 2 weeks.', ''],
  ['请问怎么更换表带？', ''],
  ['我对这个app过敏，每次更新都要重新登录', 'figurative'],
  ['nearly had a stroke when I saw the renewal price', 'figurative'],
  ['reddit is full of people saying the watch burns them, is that true', 'other_brand'],
  ['FIELD SAFETY NOTICE. Dear valued customer, in rare cases the charger may overheat. No injuries have been reported.', 'marketing'],
  ['针会不会断在里面 第一次用有点怕', 'hypothetical'],
  ['the reader screen went black and will not turn on', ''],
  ['低血糖提醒没响，我是看曲线才知道的，人倒是一直挺好', 'no_harm'],
  ['之前那家的针断在胳膊里过，你们的用了半年都很稳', 'other_brand'],
  ['孩子探头显示22 我差点就给他打针了 幸好先扎了手指 才7.4', ''],
  ['我先生脑梗住院了，麻烦先暂停他的订阅和配送', 'administrative'],
  ['my son broke his leg skiing and is in hospital, can you hold his next delivery', 'administrative'],
  ['一看到这个智能客服我就起鸡皮疙瘩', 'figurative'],
  ['我以前有湿疹，如果贴了以后起疹子要找谁', 'hypothetical'],
  ['ECG strips look raw and noisy at night, no symptoms', ''],
  ['the cat scratched a hole in the cuff, can I buy a new one', ''],
  ['follow-up on closed AE case 1234, the burn healed, customer happy', 'resolved'],
];

describe('the rules read 充电 as charging', () => {
  // (the model still scores the second one 0.66, a known false flag: see the issue note)
  it.each([['手表充电到80%就不动了，是不是电池老化了？'], ['昨晚充电了一下，早上还是显示没电']])('%j: no electrical cue', (text) => {
    expect(detectRules(text).decision).toBe('none');
  });
});

describe('the harm detector', () => {
  it.each(harm)('%j is harm (%s)', (text, category) => {
    const v = detectHarm(text);
    expect(v.decision).toBe('harm');
    expect(v.categories).toContain(category);
    expect(v.confidence).toBeGreaterThan(0.5);
    expect(SafetyVerdict.parse(v)).toEqual(v);
  });

  it.each(notHarm)('%j is no harm report (%s)', (text, why) => {
    const v = detectHarm(text);
    expect(v.decision).toBe('none');
    expect(v.evidence).toEqual([]);
    if (why) expect(v.setAside).toContain(why);
  });

  it('points its evidence at the words in the original text, Traditional Chinese and typos included', () => {
    const text = '您好，我媽媽胸口被燙傷了。';
    const v = detectHarm(text);
    expect(v.evidence.map((e) => text.slice(e.start, e.end)).join(' ')).toMatch(/燙/);
    const typo = 'the sensor left a blistter on my arm';
    const t = detectHarm(typo);
    expect(t.evidence.map((e) => typo.slice(e.start, e.end))).toContain('blistter');
  });

  it('finds harm buried late in a long email, and reads only the first 200,000 characters of a huge one', () => {
    const filler = 'Our account number and billing address are below. '.repeat(200);
    expect(detectHarm(`${filler} By the way my son was taken to the ER after the strap cut his wrist. ${filler}`).decision).toBe('harm');
    const huge = 'x'.repeat(1_000_000) + ' it burned my arm';
    const v = detectHarm(huge);
    expect(v.decision).toBe('none');
    expect(v.setAside).toContain('truncated');
  });

  it.each([['🔥🔥🔥'], ['<p>hello <b>there</b></p>'], ['   '], ['12345 67890'], ['混合 script 和 emoji 😀 正常使用']])('answers plainly for %j', (text) => {
    expect(detectHarm(text).decision).toBe('none');
  });

  it('reads a message by its subject and body together', () => {
    expect(messageHarm('Sensor burn', 'see photo').decision).toBe('harm');
    expect(messageHarm(null, '').decision).toBe('none');
  });
});
