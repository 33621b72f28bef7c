import { describe, expect, it } from 'vitest';
import { attentionBadge, slaOsNotifier, type NotificationApi } from '../../../src/main/electron/sla-notifier';
import type { AttentionItem, Offer } from '../../../src/shared';

const offer = (n: number): Offer => ({
  offerId: `00000000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
  caseId: '00000000-0000-7000-8000-000000000002',
  customerId: '00000000-0000-7000-8000-000000000003',
  customerName: 'Hannah Weber',
  channel: 'chat',
  subject: 'Sensor error after insulin dose',
  priority: 'P2',
  offeredAt: '2026-12-07T10:00:00.000Z',
  expiresAt: '2026-12-07T10:00:30.000Z',
});
const item = (caseId: string, from: AttentionItem['from'] = 'customer'): AttentionItem => ({ eventId: '00000000-0000-7000-8000-000000000010', customerId: '00000000-0000-7000-8000-000000000003', caseId, channel: from === 'lead' ? 'internal' : 'email', subject: 'Broken cuff', at: '2026-12-07T10:00:00.000Z', from });

function fake() {
  const shown: Array<{ title: string; body: string; click?: () => void }> = [];
  const Ctor = class {
    private readonly rec: (typeof shown)[number];
    constructor(o: { title: string; body: string }) {
      this.rec = { ...o };
      shown.push(this.rec);
    }
    static isSupported() {
      return true;
    }
    on(_e: 'click', l: () => void) {
      this.rec.click = l;
    }
    show() {}
  };
  return { Notification: Ctor as unknown as NotificationApi, shown };
}

describe('the Electron shell tells the agent about offers and messages on their cases (issue 15)', () => {
  it.each([
    ['en-US', 'Omnidesk: new work offered', 'A new chat is waiting for you to accept.'],
    ['zh-CN', 'Omnidesk：新的推送', '有新的在线对话等待您接受。'],
  ])('an offer in %s, without the customer; a click opens the case', (language, title, body) => {
    const f = fake();
    const opened: unknown[] = [];
    slaOsNotifier({ Notification: f.Notification, language: () => language, inBackground: () => true, open: (t) => opened.push(t) })({ event: 'routing.offer', payload: offer(1) });
    expect(f.shown).toEqual([expect.objectContaining({ title, body })]);
    expect(JSON.stringify(f.shown)).not.toMatch(/Hannah|insulin|Sensor/);
    f.shown[0]!.click!();
    expect(opened).toEqual([{ customerId: offer(1).customerId, caseId: offer(1).caseId }]);
  });

  it('messages on several cases are one notification that counts them', () => {
    const f = fake();
    slaOsNotifier({ Notification: f.Notification, language: () => 'en', inBackground: () => true, open: () => undefined })({
      event: 'routing.attention',
      payload: { items: [item('00000000-0000-7000-8000-000000000021'), item('00000000-0000-7000-8000-000000000022')] },
    });
    expect(f.shown.map((s) => s.body)).toEqual(['Customers wrote on 2 of your cases.']);
  });

  it("the lead's answer to the agent's flag says so (issue 16), in the OS language", () => {
    const f = fake();
    slaOsNotifier({ Notification: f.Notification, language: () => 'zh-CN', inBackground: () => true, open: () => undefined })({
      event: 'routing.attention',
      payload: { items: [item('00000000-0000-7000-8000-000000000021', 'lead')] },
    });
    expect(f.shown).toEqual([expect.objectContaining({ title: 'Omnidesk：组长已答复', body: '组长已答复您的协助请求。' })]);
  });

  it.each([
    ['escalation', 'en', 'Omnidesk: a case needs care', 'An escalation rule fired on one of your cases. Open it for the guidance.'],
    ['mention', 'en', 'Omnidesk: a colleague mentioned you', 'A colleague asked for you in a note on a case.'],
    ['mention', 'zh-CN', 'Omnidesk：同事提到了您', '同事在工单备注中提到了您。'],
  ] as const)('a rule escalating the case or a colleague mentioning the agent (%s, %s) says which, without the case', (from, language, title, body) => {
    const f = fake();
    const opened: unknown[] = [];
    slaOsNotifier({ Notification: f.Notification, language: () => language, inBackground: () => true, open: (t) => opened.push(t) })({
      event: 'routing.attention',
      payload: { items: [item('00000000-0000-7000-8000-000000000021', from)] },
    });
    expect(f.shown).toEqual([expect.objectContaining({ title, body })]);
    expect(JSON.stringify(f.shown)).not.toContain('cuff');
    f.shown[0]!.click!();
    expect(opened).toEqual([{ customerId: '00000000-0000-7000-8000-000000000003', caseId: '00000000-0000-7000-8000-000000000021' }]);
  });

  it.each([
    [false, 'The caller is a known customer: their timeline is open.'],
    [true, 'A new caller: the call pop asks for their name.'],
  ])('a call put through (new caller: %s) is told without the number; a click opens the caller', (newCaller, body) => {
    const f = fake();
    const opened: unknown[] = [];
    slaOsNotifier({ Notification: f.Notification, language: () => 'en', inBackground: () => true, open: (t) => opened.push(t) })({
      event: 'call.incoming',
      payload: { callId: 'c-1', customerId: '00000000-0000-7000-8000-000000000003', newCaller, from: '+4915112345678', direction: 'in' },
    });
    expect(f.shown).toEqual([expect.objectContaining({ title: 'Omnidesk: call connected', body })]);
    expect(JSON.stringify(f.shown)).not.toContain('15112345678');
    f.shown[0]!.click!();
    expect(opened).toEqual([{ customerId: '00000000-0000-7000-8000-000000000003', caseId: null }]);
  });

  it('nothing is shown while the window is in front (the call pop is on screen)', () => {
    const f = fake();
    slaOsNotifier({ Notification: f.Notification, language: () => 'en', inBackground: () => false, open: () => undefined })({
      event: 'call.incoming',
      payload: { callId: 'c-1', customerId: '00000000-0000-7000-8000-000000000003', newCaller: false, from: '+4915112345678', direction: 'in' },
    });
    expect(f.shown).toEqual([]);
  });

  it('the badge counts offers until answered and messages until the window is focused', () => {
    const counts: number[] = [];
    const b = attentionBadge((c) => counts.push(c));
    b.listener({ event: 'routing.offer', payload: offer(1) });
    b.listener({ event: 'routing.offer', payload: offer(2) });
    b.listener({ event: 'routing.offer', payload: offer(2) }); // re-delivered: still two
    b.listener({ event: 'routing.attention', payload: { items: [item('00000000-0000-7000-8000-000000000021')] } });
    b.listener({ event: 'routing.offerEnded', payload: { offerId: offer(1).offerId, caseId: offer(1).caseId, outcome: 'expired' } });
    b.focused();
    b.listener({ event: 'app.open', payload: { customerId: offer(1).customerId, caseId: null } });
    expect(counts).toEqual([1, 2, 3, 2, 1]);
  });
});
