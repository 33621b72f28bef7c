import { describe, expect, it } from 'vitest';
import { commentSentiment, commentTopics, groupVoice } from '../../../../src/shared/features/surveys';

describe('survey comments: topics in English and Chinese (issue 18)', () => {
  it.each([
    ['I waited three days for anyone to reply.', ['waiting']],
    ['等了很久才有人回复。', ['waiting']],
    ['I had to explain it again to every agent I was transferred to.', ['repeat_contact', 'staff']],
    ['转接了好几次，每次都要重复。', ['repeat_contact']],
    ['The sensor readings are still inaccurate after the firmware update.', ['device', 'app_sync']],
    ['血糖仪的读数还是不准。', ['device']],
    ['The app will not pair over Bluetooth.', ['app_sync']],
    ['蓝牙一直无法配对，数据不同步。', ['app_sync']],
    ['The adhesive gives me a rash.', ['skin_wear']],
    ['贴片的胶让皮肤过敏。', ['device', 'skin_wear']],
    ['The replacement arrived quickly.', ['delivery']],
    ['换货的快递很快就到了。', ['delivery']],
    ['I was charged twice and still wait for my refund.', ['waiting', 'billing']],
    ['退款到现在还没收到。', ['delivery', 'billing']],
    ['The agent was friendly and knowledgeable.', ['staff']],
    ['客服态度很好，很有耐心。', ['staff']],
    ['Fine.', ['other']],
    ['还行。', ['other']],
  ] as const)('%s', (text, topics) => {
    expect(commentTopics(text)).toEqual(topics);
  });
});

describe('survey comments: how they feel', () => {
  it.each([
    ['angry words win over good scores', 'This is ridiculous, I am furious with your service!!!', { nps: 9 }, 'negative'],
    ['calm words, a detractor’s scores', 'It took a while.', { nps: 4 }, 'negative'],
    ['calm words, a promoter', 'Thanks, all good now.', { nps: 10 }, 'positive'],
    ['calm words, an easy case', 'Sorted it quickly.', { ces: 2 }, 'positive'],
    ['calm words, a passive', 'OK.', { nps: 7 }, 'neutral'],
    ['no scores at all', 'OK.', {}, 'neutral'],
    ['Chinese worry', '我很担心读数不准会有危险，晚上都睡不着。', { csat: 4 }, 'negative'],
  ] as const)('%s', (_n, text, scores, expected) => {
    expect(commentSentiment(text, scores)).toBe(expected);
  });

  it('groups: the biggest topic first, counts and sentiments, newest comments first, only comments counted', () => {
    const c = (at: string, comment: string | undefined, nps: number) => ({ caseId: '00000000-0000-4000-8000-000000000001', customerId: '00000000-0000-4000-8000-000000000002', at, answer: { nps, ...(comment ? { comment } : {}) } });
    const v = groupVoice([
      c('2026-11-01T10:00:00.000Z', 'The readings jump around.', 3),
      c('2026-11-03T10:00:00.000Z', 'The sensor works again, thanks.', 10),
      c('2026-11-02T10:00:00.000Z', 'The app lost my data.', 5),
      c('2026-11-04T10:00:00.000Z', undefined, 9),
    ]);
    expect(v.comments).toBe(3);
    expect(v.groups.map((g) => [g.topic, g.count])).toEqual([
      ['device', 2],
      ['app_sync', 1],
    ]);
    expect(v.groups[0]!.sentiment).toEqual({ positive: 1, neutral: 0, negative: 1 });
    expect(v.groups[0]!.comments.map((x) => x.text)).toEqual(['The sensor works again, thanks.', 'The readings jump around.']);
    expect(v.groups[0]!.comments[1]!.detractor).toBe(true);
  });
});
