import type { CallIncoming } from '../../contracts/bridge';
import type { AttentionItem } from './attention';
import type { Offer } from './contract';

const TEXT = {
  en: {
    offerTitle: 'Omnidesk: new work offered',
    offerBody: (channel: string) => `A new ${channel} is waiting for you to accept.`,
    messageTitle: 'Omnidesk: new message',
    messageBody: (channel: string, more: number) => (more > 0 ? `Customers wrote on ${more + 1} of your cases.` : `A customer wrote on one of your cases (${channel}).`),
    channel: { email: 'email', chat: 'chat', social: 'social message', phone: 'call', internal: 'note' },
    leadTitle: 'Omnidesk: the team lead answered',
    leadBody: 'Your team lead answered your request for help.',
    escalationTitle: 'Omnidesk: a case needs care',
    escalationBody: 'An escalation rule fired on one of your cases. Open it for the guidance.',
    mentionTitle: 'Omnidesk: a colleague mentioned you',
    mentionBody: 'A colleague asked for you in a note on a case.',
    callTitle: 'Omnidesk: call connected',
    callBody: (known: boolean) => (known ? 'The caller is a known customer: their timeline is open.' : 'A new caller: the call pop asks for their name.'),
  },
  zh: {
    offerTitle: 'Omnidesk：新的推送',
    offerBody: (channel: string) => `有新的${channel}等待您接受。`,
    messageTitle: 'Omnidesk：新消息',
    messageBody: (channel: string, more: number) => (more > 0 ? `客户在您的 ${more + 1} 个工单上发来消息。` : `客户在您的工单上发来消息（${channel}）。`),
    channel: { email: '邮件', chat: '在线对话', social: '社交消息', phone: '来电', internal: '备注' },
    leadTitle: 'Omnidesk：组长已答复',
    leadBody: '组长已答复您的协助请求。',
    escalationTitle: 'Omnidesk：工单需要关注',
    escalationBody: '您的一个工单触发了升级规则，请打开查看处理指引。',
    mentionTitle: 'Omnidesk：同事提到了您',
    mentionBody: '同事在工单备注中提到了您。',
    callTitle: 'Omnidesk：通话已接通',
    callBody: (known: boolean) => (known ? '来电者是已有客户，已打开其时间线。' : '新来电者：请在来电弹窗中记录其姓名。'),
  },
} as const;

const textFor = (language: string) => (language.toLowerCase().startsWith('zh') ? TEXT.zh : TEXT.en);

/**
 * The OS notification for an offer and for customers writing on the agent's cases (issue 15), worded in the
 * agent's language for the Electron shell (the browser shell words its own from i18n). Says the channel, never the
 * customer or what they wrote: a lock screen is public.
 */
export function offerNotice(offer: Offer, language: string): { title: string; body: string; target: { customerId: string; caseId: string } } {
  const t = textFor(language);
  return { title: t.offerTitle, body: t.offerBody(t.channel[offer.channel]), target: { customerId: offer.customerId, caseId: offer.caseId } };
}

export function attentionNotice(items: readonly AttentionItem[], language: string): { title: string; body: string; target: { customerId: string; caseId: string } } | null {
  const last = items[items.length - 1];
  if (!last) return null;
  const t = textFor(language);
  const cases = new Set(items.map((i) => i.caseId)).size;
  const target = { customerId: last.customerId, caseId: last.caseId };
  if (last.from === 'lead') return { title: t.leadTitle, body: t.leadBody, target };
  if (last.from === 'escalation') return { title: t.escalationTitle, body: t.escalationBody, target };
  if (last.from === 'mention') return { title: t.mentionTitle, body: t.mentionBody, target };
  return { title: t.messageTitle, body: t.messageBody(t.channel[last.channel], cases - 1), target };
}

/** The OS notification when a call is put through to this agent (the call pop): never the number or the name. */
export function callNotice(call: Pick<CallIncoming, 'customerId' | 'newCaller'>, language: string): { title: string; body: string; target: { customerId: string } } {
  const t = textFor(language);
  return { title: t.callTitle, body: t.callBody(!call.newCaller), target: { customerId: call.customerId } };
}
