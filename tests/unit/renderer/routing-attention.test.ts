import { describe, expect, it } from 'vitest';
import { addOffers, addUnseen, attentionCount, attentionNoticeKeys, callNoticeKeys, dropExpired, EMPTY_ATTENTION, endOffer, markSeen, secondsLeft, titleWithCount } from '../../../src/renderer/features/routing/attention-model';
import type { AttentionItem, Offer } from '../../../src/shared';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const offer = (id: string, expiresInS = 30): Offer => ({
  offerId: id, caseId: `c-${id}`, customerId: 'cu', customerName: 'Hannah', channel: 'chat', subject: 's', priority: 'P2',
  offeredAt: new Date(NOW).toISOString(), expiresAt: new Date(NOW + expiresInS * 1000).toISOString(),
});
const msg = (caseId: string, customerId = 'cu'): AttentionItem => ({ eventId: `e-${caseId}`, customerId, caseId, channel: 'email', subject: 's', at: new Date(NOW).toISOString(), from: 'customer' });

describe('what wants the agent: offers and unseen messages', () => {
  it('offers come in order, are not doubled when re-read after a reconnect, and leave when ended or expired', () => {
    let s = addOffers(EMPTY_ATTENTION, [offer('a'), offer('b', 5)], NOW);
    s = addOffers(s, [offer('a'), offer('c')], NOW);
    expect(s.offers.map((o) => o.offerId)).toEqual(['a', 'b', 'c']);
    s = endOffer(s, { offerId: 'a' });
    s = dropExpired(s, NOW + 6_000);
    expect(s.offers.map((o) => o.offerId)).toEqual(['c']);
    // an offer already past its time when it arrives (a slow reconnect) is not shown
    expect(addOffers(EMPTY_ATTENTION, [offer('late', -1)], NOW).offers).toEqual([]);
  });

  it('messages count once per case until the customer is opened', () => {
    let s = addUnseen(EMPTY_ATTENTION, [msg('x'), msg('x'), msg('y', 'other')]);
    s = addOffers(s, [offer('a')], NOW);
    expect(attentionCount(s)).toBe(3);
    s = markSeen(s, 'cu');
    expect(attentionCount(s)).toBe(2);
    expect(Object.keys(s.unseen)).toEqual(['y']);
  });

  it.each([
    [0, 'Omnidesk'],
    [3, '(3) Omnidesk'],
  ])('title with %i', (n, title) => expect(titleWithCount('Omnidesk', n)).toBe(title));

  it('the countdown rounds up and stops at zero', () => {
    expect(secondsLeft(offer('a', 30), NOW + 100)).toBe(30);
    expect(secondsLeft(offer('a', 30), NOW + 29_001)).toBe(1);
    expect(secondsLeft(offer('a', 30), NOW + 40_000)).toBe(0);
  });
});

describe('what the browser notification says (issue 15), as i18n keys', () => {
  const item = (caseId: string, from: AttentionItem['from']): AttentionItem => ({ ...msg(caseId), from });
  it.each([
    [[item('x', 'customer')], { title: 'routing.attention.noticeTitle', body: 'routing.attention.notice', params: { channel: 'channel.email' } }],
    [[item('x', 'customer'), item('y', 'customer'), item('y', 'customer')], { title: 'routing.attention.noticeTitle', body: 'routing.attention.noticeMany', params: { count: 2 } }],
    [[item('x', 'customer'), item('y', 'escalation')], { title: 'routing.attention.escalationTitle', body: 'routing.attention.escalationBody' }],
    [[item('x', 'mention')], { title: 'routing.attention.mentionTitle', body: 'routing.attention.mentionBody' }],
    [[item('x', 'lead')], { title: 'routing.attention.leadTitle', body: 'routing.attention.leadBody' }],
    [[], null],
  ])('%#: the newest item decides', (items, keys) => expect(attentionNoticeKeys(items)).toEqual(keys));

  it('a call says whether the caller is known, never who', () => {
    expect(callNoticeKeys({ newCaller: false })).toEqual({ title: 'routing.attention.callTitle', body: 'routing.attention.callKnown' });
    expect(callNoticeKeys({ newCaller: true }).body).toBe('routing.attention.callNew');
  });

  it('every key exists in both languages', async () => {
    const en = (await import('../../../src/renderer/kernel/i18n/en.json')).default as { routing: { attention: Record<string, string> } };
    const zh = (await import('../../../src/renderer/kernel/i18n/zh-CN.json')).default as { routing: { attention: Record<string, string> } };
    for (const k of ['escalationTitle', 'escalationBody', 'mentionTitle', 'mentionBody', 'callTitle', 'callKnown', 'callNew']) {
      expect(en.routing.attention[k], k).toBeTruthy();
      expect(zh.routing.attention[k], k).toBeTruthy();
    }
  });
});
