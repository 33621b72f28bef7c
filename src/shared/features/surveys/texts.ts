import type { Language } from '../../kernel/primitives';

/**
 * What the customer reads (issue 18): the message that carries the link, and the page. Plain words, short
 * sentences, for customers of every age; the scales say what their ends mean.
 */
export const SURVEY_TEXT = {
  en: {
    message: (link: string) => `Thank you for contacting us. Did we solve your problem? Please tell us in one minute: ${link}`,
    title: 'How did we do?',
    intro: 'Your answers help us care for you and others who use our devices. Every question is optional.',
    csat: 'How satisfied are you with the help you got?',
    csatEnds: ['Very unhappy', 'Very happy'],
    nps: 'How likely are you to recommend us to a friend or family member?',
    npsEnds: ['Not at all likely', 'Extremely likely'],
    ces: 'How easy was it to get your problem solved?',
    cesEnds: ['Very easy', 'Very hard'],
    more: 'A few more questions (optional)',
    dimension: {
      expertise: 'The person who helped me knew the device well.',
      responsiveness: 'I got an answer quickly.',
      empathy: 'I was treated kindly.',
      resolution: 'My problem is solved.',
      convenience: 'It was easy to reach you, at a time that suited me.',
      communication: 'Things were explained in words I understood.',
      personalization: 'You knew my device and my history; I did not have to repeat myself.',
      security: 'I trust you with my health data.',
      fees: 'Any costs were explained clearly.',
    },
    dimensionEnds: ['Do not agree', 'Fully agree'],
    comment: 'Anything else you want to tell us? If you were hurt or felt unwell, please say so here.',
    send: 'Send my answers',
    thanks: 'Thank you! Your answers were received.',
    thanksDetractor: 'Thank you for telling us. A team lead will contact you within two working days.',
    expired: 'This survey is closed: answers are accepted for 28 days after it was sent.',
    answered: 'This survey was already answered. Thank you!',
    invalid: 'This link is not valid. Please use the link from our message.',
    bad: 'Please choose at least one score or write a comment. Scores must be on the scales shown.',
  },
  zh: {
    message: (link: string) => `感谢您联系我们。您的问题解决了吗？请花一分钟告诉我们：${link}`,
    title: '我们的服务怎么样？',
    intro: '您的回答帮助我们更好地服务您和其他使用我们设备的人。所有问题都可以不答。',
    csat: '您对得到的帮助满意吗？',
    csatEnds: ['非常不满意', '非常满意'],
    nps: '您有多大可能向亲友推荐我们？',
    npsEnds: ['完全不可能', '非常可能'],
    ces: '解决您的问题容易吗？',
    cesEnds: ['非常容易', '非常困难'],
    more: '其他问题（可不答）',
    dimension: {
      expertise: '帮助我的人很了解这台设备。',
      responsiveness: '我很快得到了答复。',
      empathy: '我受到了友善的对待。',
      resolution: '我的问题已经解决。',
      convenience: '联系你们很方便，时间也合适。',
      communication: '解释的话我都听得懂。',
      personalization: '你们了解我的设备和情况，我不用重复说明。',
      security: '我放心把健康数据交给你们。',
      fees: '所有费用都解释得很清楚。',
    },
    dimensionEnds: ['不同意', '完全同意'],
    comment: '还有什么想告诉我们的吗？如果您受了伤或感到不适，请在这里告诉我们。',
    send: '提交我的回答',
    thanks: '谢谢！我们已收到您的回答。',
    thanksDetractor: '感谢您告诉我们。组长会在两个工作日内联系您。',
    expired: '此调查已关闭：发送后 28 天内可以回答。',
    answered: '此调查已经回答过了。谢谢！',
    invalid: '此链接无效。请使用我们消息中的链接。',
    bad: '请至少选择一个评分或填写意见。评分必须在所示范围内。',
  },
} as const;

export type SurveyTexts = (typeof SURVEY_TEXT)['en'] | (typeof SURVEY_TEXT)['zh'];
export const surveyText = (language: Language | string): SurveyTexts => (String(language).toLowerCase().startsWith('zh') ? SURVEY_TEXT.zh : SURVEY_TEXT.en);
