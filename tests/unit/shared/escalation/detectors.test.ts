import { describe, expect, it } from 'vitest';
import { aboveAuthority, detectAsks, detectCompensation, detectMood } from '../../../../src/shared/features/escalation';

/**
 * The escalation detectors' behaviour on cases that must not regress (issue 13). Accuracy on real variety is
 * measured by `npm run bench -- sentiment` on the held-out set, not here.
 */
describe('asks and threats', () => {
  it.each([
    ['I want to speak to your supervisor right now', ['supervisor']],
    ['Put me through to a manager please', ['supervisor']],
    ['叫你们经理来跟我说', ['supervisor']],
    ['I will post this on Twitter so everyone knows', ['public']],
    ['再这样我就发微博曝光你们', ['public']],
    ["I'm reporting this to the FDA", ['regulator']],
    ['我要去市场监管局举报', ['regulator']],
    ['You will hear from my lawyer', ['lawyer']],
    ['我会找律师起诉你们', ['lawyer']],
    ['My lawyer friend said the warranty covers it', []],
    ["I don't want to sue anyone, I just want it fixed", []],
    ['Where can I leave a review? The support was great', []],
    ["I'll leave a 1-star review everywhere", ['public']],
    ['How do I update the firmware?', []],
  ] as [string, string[]][])('%s → %j', (text, want) => {
    expect(detectAsks(text)).toEqual(want);
  });
});

describe('compensation', () => {
  it.each([
    ['Could I get a coupon for my trouble?', 'basic'],
    ['送我一个优惠券吧', 'basic'],
    ['I want my money back', 'medium'],
    ['I can offer you an exchange for a new unit', 'medium'],
    ['请给我退款', 'medium'],
    ['You need to pay my hospital bills', 'severe'],
    ['要赔偿医药费', 'severe'],
    ['How do I pair the cuff?', null],
  ] as [string, string | null][])('%s → %s', (text, tier) => {
    expect(detectCompensation(text)).toBe(tier);
  });
  it('authority: an agent decides basic, a specialist medium, a lead everything', () => {
    expect([aboveAuthority('basic', 'agent'), aboveAuthority('medium', 'agent'), aboveAuthority('medium', 'specialist'), aboveAuthority('severe', 'specialist'), aboveAuthority('severe', 'lead')]).toEqual([false, true, false, true, false]);
  });
});

describe('mood: the shape of the text counts, negation turns a cue off', () => {
  it.each([
    ["I'm not worried at all, just curious how the alarm works", 'neutral'],
    ['Thanks so much, the new sensor works perfectly!', 'neutral'],
    ['THIS IS THE THIRD TIME I AM WRITING AND NOBODY ANSWERS', 'angry'],
    ['请问血压计怎么校准？', 'neutral'],
    ['有点失望，表带又断了', 'negative'],
    ['我妈妈的血糖读数一直不对，我很担心，会不会有危险？', 'anxious'],
  ])('%s → %s', (text, mood) => {
    expect(detectMood(text).mood).toBe(mood);
  });
});
