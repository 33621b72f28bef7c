import { normalise } from '../../kernel/text-normalise';
import type { Ask } from './rule';

/**
 * What the customer asks for or threatens (issue 13): a supervisor, going public, a regulator, a lawyer. A word
 * alone is not enough — "my lawyer friend says it's fine" is no threat — so each cue is a request or a threat.
 */
const CUES: Record<Ask, readonly RegExp[]> = {
  supervisor: [
    /\b(?:speak|talk|escalate(?: this| it)?|transfer me|put me through|connect me|get me|let me speak|want|need|give me|call from|i demand)\b[^.!?\n]{0,30}\b(?:supervisor|manager|your boss|someone (?:more )?senior|senior (?:person|staff|agent)|someone in charge|person in charge|higher up|team lead(?:er)?)\b/,
    /\b(?:supervisor|manager)\b[^.!?\n]{0,15}\b(?:now|please|immediately|asap)\b/,
    /\bescalate (?:this|it|my (?:case|complaint|issue))\b/,
    /\b(?:senior manager|(?:your|the) (?:ceo|director|head of \w+)|(?:ceo|director|manager|supervisor)'?s? (?:email|e-mail|number|phone|contact)|someone (?:with (?:the |real )?authority|in charge|who (?:actually )?runs)|who (?:do|can|should) i complain to|a real person in charge)\b/,
    /(?:找|叫|让|换|要求|请|转给|转接|我要找|我要见)[^。！？!?\n]{0,8}(?:领导|主管|经理|负责人|上级|管事的|你们老板|老板|总部|能做主的)/,
    /(?:领导|主管|经理|负责人|上级)(?:来|出来|呢|在哪|跟我说|给我|处理|回电话)/,
  ],
  public: [
    /\b(?:post|posting|share|sharing|tell|telling|warn|expose|write|leave|put)\b[^.!?\n]{0,40}\b(?:social media|twitter|facebook|instagram|tiktok|reddit|youtube|online|everyone|the world|the press|the news|newspaper|journalists?|reporters?|trustpilot|amazon)\b/,
    /\b(?:go(?:ing)? public|go viral|the media|contact(?:ing)? the press|1[- ]star|one[- ]star|(?:bad|negative|terrible|scathing) reviews?)\b/,
    /\b(?:post(?:ing)? (?:this|it|them|every\w*) (?:everywhere|online|on \w+)|tell(?:ing)? everyone|warn(?:ing)? (?:everyone|others|people))\b/,
    /(?:曝光|发微博|发到网上|发网上|网上发帖|发帖|发朋友圈|发抖音|发小红书|上微博|黑猫投诉|找媒体|找记者|电视台|报社|让大家看看|让大家都知道|大家避雷|避雷|公开|差评|媒体)/,
  ],
  regulator: [
    /\b(?:tagging @?fda\w*|@fda\w*)/,
    /\b(?:report(?:ing)?|complain(?:ing)?|file|filing|contact(?:ing)?|write to|go(?:ing)? to|tak(?:e|ing) (?:this|it) to|inform(?:ing)?)\b[^.!?\n]{0,40}\b(?:fda|medwatch|mhra|tga|regulators?|authorit(?:y|ies)|consumer (?:protection|association|council|affairs|rights)|trading standards|bbb|better business bureau|attorney general|ombudsman|health department|ministry)\b/,
    /(?:12315|12345|消协|消费者协会|举报)/,
    /(?:打|去|向|到|找|投诉到|反映到|报告给|告到|上报)[^。！？?\n]{0,8}(?:市场监管|市场监督管理|工商局|药监局|药监|药品监督|卫健委|卫生健康委|监管部门|有关部门|相关部门)/,
  ],
  lawyer: [
    /\b(?:sue|suing|sued|lawsuit|legal action|take (?:you|this) to court|see you in court|class action|small claims)\b/,
    /\b(?:my|a|our|the family'?s)\s+(?:lawyer|attorney|solicitor)\b(?!\s+(?:friend|cousin|brother|sister|neighbou?r|said|says|told))/,
    /(?:律师|起诉|告你们|法院|法庭|诉讼|打官司|法律途径|法律手段|走法律)/,
  ],
};

/** "a friend who is a lawyer said…", hypotheticals that are not threats */
const NOT_A_THREAT = /\b(?:friend|cousin|neighbou?r|brother|sister|colleague)\b[^.!?\n]{0,20}\b(?:lawyer|attorney|manager|journalist)\b|(?:朋友|同事|邻居|亲戚)[^。！？\n]{0,6}(?:律师|经理|记者)/;
const NEGATED = /\b(?:don'?t|do not|won'?t|will not|no need to|not going to|wouldn'?t)\s+(?:want to\s+)?(?:\w+\s+){0,2}$|(?:不想|不会|不用|不必|不需要|没必要)$/;

export function detectAsks(input: string): Ask[] {
  const t = normalise(input.length > 20_000 ? input.slice(0, 20_000) : input);
  const out: Ask[] = [];
  for (const ask of Object.keys(CUES) as Ask[]) {
    for (const re of CUES[ask]) {
      const m = re.exec(t);
      if (!m) continue;
      const before = t.slice(Math.max(0, m.index - 30), m.index);
      const around = t.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20);
      if (NEGATED.test(before) || (ask !== 'supervisor' && NOT_A_THREAT.test(around))) continue;
      out.push(ask);
      break;
    }
  }
  return out;
}
