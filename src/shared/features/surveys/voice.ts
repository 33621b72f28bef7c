import { z } from 'zod';
import { detectMood } from '../escalation';
import { Id, Instant } from '../../kernel/primitives';
import { isDetractor, type SurveyAnswer } from './answer';

/**
 * The customer's voice (issue 18): survey comments grouped by what they are about and how they feel, in English and
 * Chinese, for the lead console. Topics are the after-sales matters of connected medical devices, each recognised by
 * cue words in both languages; a comment may be about several. The feeling is the mood detector's (issue 13) reading
 * of the words, and where the words are calm, the scores the customer gave beside them.
 */
export const COMMENT_TOPICS = ['waiting', 'repeat_contact', 'device', 'app_sync', 'skin_wear', 'delivery', 'billing', 'staff', 'other'] as const;
export const CommentTopic = z.enum(COMMENT_TOPICS);
export type CommentTopic = z.infer<typeof CommentTopic>;

const CUES: ReadonlyArray<readonly [Exclude<CommentTopic, 'other'>, RegExp]> = [
  ['waiting', /\b(wait(ed|ing)?|slow(ly)?|took (so |too |very )?long|forever|on hold|no (one|reply|response|answer)|never (called|replied|answered|got back))\b|等了|等待|太慢|很慢|太久|很久|没人回|没有回复|没人理|排队/i],
  ['repeat_contact', /\b(again and again|several times|many times|(two|three|four|five|\d) (calls|chats|emails|times)|repeat(ed)?( myself)?|explain(ed)? (it )?again|transferred|passed around|bounced around)\b|转接|重复|反复|好几次|又说了一遍|来回/i],
  ['device', /\b(readings?|sensors?|devices?|monitors?|patch(es)?|cuffs?|meters?|watch|batter(y|ies)|broken|faulty|defective|error( code)?|inaccurate|wrong values?|calibrat\w*|firmware|alarm)\b|读数|传感器|设备|血糖仪|贴片|袖带|血压计|手表|电池|坏了|故障|不准|校准|固件|报警/i],
  ['app_sync', /\b(app|application|bluetooth|sync(ing|ed|s)?|pair(ing|ed)?|log ?in|password|update|upload(ed|ing)?|data (missing|lost|gone))\b|应用|软件|APP|蓝牙|同步|配对|登录|密码|更新|上传|数据丢/i],
  ['skin_wear', /\b(adhesive|glue|rash|skin|itch(y|ing)?|allerg\w*|red(ness)?|irritat\w*|fell off|falls off|came off)\b|胶|皮肤|过敏|红肿|发痒|痒|脱落|掉了/i],
  ['delivery', /\b(deliver(y|ed)?|ship(ping|ped)?|replacement|parcel|package|courier|arriv(e|ed|al)|tracking)\b|快递|物流|寄|更换|换货|换新|到货|发货|收到/i],
  ['billing', /\b(refund(ed)?|charge[ds]?|price|cost|fees?|bill(ing|ed)?|invoice|pay(ment|ing)?|paid|insurance|warranty|money)\b|退款|收费|扣费|价格|费用|账单|发票|付款|保险|保修|钱/i],
  ['staff', /\b(agents?|staff|rude|polite|friendly|helpful|unhelpful|kindly|kindness|impatient|knowledgeable|attitude|listened|understood|professional)\b|客服|态度|耐心|热情|专业|礼貌|不耐烦|服务很好|服务太差/i],
];

/** The topics a comment is about, in the list's order; 'other' when none is recognised. */
export function commentTopics(text: string): CommentTopic[] {
  const t = text.slice(0, 4000);
  const found = CUES.filter(([, re]) => re.test(t)).map(([topic]) => topic);
  return found.length ? found : ['other'];
}

export const CommentSentiment = z.enum(['positive', 'neutral', 'negative']);
export type CommentSentiment = z.infer<typeof CommentSentiment>;

/** Negative when the words are anxious, angry or unhappy; otherwise as the scores beside it say (none: neutral). */
export function commentSentiment(text: string, scores: Pick<SurveyAnswer, 'csat' | 'nps' | 'ces'>): CommentSentiment {
  if (detectMood(text).mood !== 'neutral') return 'negative';
  if (isDetractor(scores)) return 'negative';
  const good = (scores.nps !== undefined && scores.nps >= 9) || (scores.csat !== undefined && scores.csat >= 4) || (scores.ces !== undefined && scores.ces <= 2);
  return good ? 'positive' : 'neutral';
}

export interface VoiceComment {
  caseId: string;
  customerId: string;
  at: string;
  text: string;
  sentiment: CommentSentiment;
  detractor: boolean;
}

export const VoiceGroup = z.object({
  topic: CommentTopic,
  count: z.number().int(),
  sentiment: z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() }),
  /** the newest few, to read */
  comments: z.array(z.object({ caseId: Id, customerId: Id, at: Instant, text: z.string(), sentiment: CommentSentiment, detractor: z.boolean() })),
});
export type VoiceGroup = z.infer<typeof VoiceGroup>;
export const VoiceQuery = z.object({ from: Instant, to: Instant, teamId: Id.optional() }).strict();
export type VoiceQuery = z.infer<typeof VoiceQuery>;
export const VoiceResponse = z.object({ groups: z.array(VoiceGroup), comments: z.number().int() });
export type VoiceResponse = z.infer<typeof VoiceResponse>;

/** Comments grouped by topic, the biggest group first, each with its sentiment counts and its newest `shown` comments. */
export function groupVoice(comments: ReadonlyArray<{ caseId: string; customerId: string; at: string; answer: SurveyAnswer }>, shown = 10): VoiceResponse {
  const groups = new Map<CommentTopic, VoiceGroup>();
  let total = 0;
  const newestFirst = [...comments].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  for (const c of newestFirst) {
    const text = c.answer.comment?.trim();
    if (!text) continue;
    total += 1;
    const sentiment = commentSentiment(text, c.answer);
    for (const topic of commentTopics(text)) {
      const g = groups.get(topic) ?? { topic, count: 0, sentiment: { positive: 0, neutral: 0, negative: 0 }, comments: [] };
      g.count += 1;
      g.sentiment[sentiment] += 1;
      if (g.comments.length < shown) g.comments.push({ caseId: c.caseId, customerId: c.customerId, at: c.at, text, sentiment, detractor: isDetractor(c.answer) });
      groups.set(topic, g);
    }
  }
  const order = (t: CommentTopic) => COMMENT_TOPICS.indexOf(t);
  return { groups: [...groups.values()].sort((a, b) => b.count - a.count || order(a.topic) - order(b.topic)), comments: total };
}
