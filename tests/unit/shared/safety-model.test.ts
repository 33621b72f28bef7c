import { describe, expect, it } from 'vitest';
import { detectHarm, detectRules, MODEL_THRESHOLD, MODEL_THRESHOLD_SET_ASIDE } from '../../../src/shared/features/safety/detect';
import { harmFeatures, negationFeatures } from '../../../src/shared/features/safety/features';
import { featureBucket } from '../../../src/shared/kernel/text-features';
import { harmProbability } from '../../../src/shared/features/safety/model';

/**
 * The rules and the model together (issue 12): the model is asked only where the rules flag nothing and set nothing
 * aside; a model flag has no evidence but always a category. Messages from the tuning material (tests/fixtures/safety/v3).
 */
const MODEL_ONLY = 'sensor insertion hurt way more than normal and now theres a big hard purple lump the size of a grape around it';

describe('negationFeatures: the words a negation governs are features of their own', () => {
  const en = (...w: string[]) => w.map((x) => featureBucket(`n${x}`)).sort();
  const zh = (...w: string[]) => w.map((x) => featureBucket(`nz${x}`)).sort();
  it.each([
    ['no rash at all', en('rash', 'at', 'all')],
    ['a rash', []],
    ["it didn't burn me", en('burn', 'me')],
    ['It did NOT burn me', en('burn', 'me')],
    // a clause ends the scope; so do four words
    ['no problem, it burned my arm', en('problem')],
    ['never had a single red mark before', en('had', 'a', 'single', 'red')],
    ['没有发红', zh('发', '发红')],
    ['發紅了', []],
    ['不痛，但是起泡了', zh('痛')],
    ['', []],
  ])('%j', (text, want) => {
    expect([...new Set(negationFeatures(text))].sort()).toEqual(want);
  });
  it('are part of the harm features, so "no burn" and "a burn" differ', () => {
    const a = new Set(harmFeatures('the patch left no burn'));
    const b = new Set(harmFeatures('the patch left a burn'));
    expect(a.has(featureBucket('nburn'))).toBe(true);
    expect(b.has(featureBucket('nburn'))).toBe(false);
  });
});

describe('the harm model beside the rules', () => {
  it('features are deterministic, the same for Traditional and Simplified, and the probability is in [0, 1]', () => {
    expect([...harmFeatures('燙傷了')].sort()).toEqual([...harmFeatures('烫伤了')].sort());
    expect([...harmFeatures('The patch BURNED me')].sort()).toEqual([...harmFeatures('the patch burned me')].sort());
    const p = harmProbability(MODEL_ONLY);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(harmProbability(MODEL_ONLY)).toBe(p);
  });
  it('where the rules find nothing, the model flags: no evidence, a category, by the model', () => {
    expect(detectRules(MODEL_ONLY).decision).toBe('none');
    expect(harmProbability(MODEL_ONLY)).toBeGreaterThanOrEqual(MODEL_THRESHOLD);
    const v = detectHarm(MODEL_ONLY);
    expect(v).toMatchObject({ decision: 'harm', by: 'model', evidence: [] });
    expect(v.categories.length).toBeGreaterThan(0);
  });
  it('a rules verdict stands with its evidence', () => {
    const v = detectHarm('The ECG patch left a burn mark on my mother’s chest.');
    expect(v).toMatchObject({ decision: 'harm', by: 'rules' });
    expect(v.evidence.length).toBeGreaterThan(0);
  });
  it('what the rules set aside (negation, hypotheticals, figurative speech) stays set aside unless the model is very sure', () => {
    for (const text of ['No burn, no redness, nothing happened; I just want a refund for the patch.', 'Could the patch burn my skin if I wear it in the sauna?', 'This app update is killing me, the sync fails every hour.']) {
      const rules = detectRules(text);
      expect(rules.setAside.length, text).toBeGreaterThan(0);
      expect(harmProbability(text), text).toBeLessThan(MODEL_THRESHOLD_SET_ASIDE);
      expect(detectHarm(text)).toMatchObject({ decision: 'none', by: 'rules' });
    }
  });
  it('a report the rules set aside by mistake (a "no" elsewhere, a "要" read as intent) is caught by the model', () => {
    for (const text of [
      'No ambulance was called, but my husband woke up confused and shaking and the low alarm only went off after I found him.',
      '量完血压手臂痛到要去医院，请改进一下。',
    ]) {
      const rules = detectRules(text);
      expect(rules.decision, text).toBe('none');
      expect(rules.setAside.length, text).toBeGreaterThan(0);
      expect(detectHarm(text), text).toMatchObject({ decision: 'harm', by: 'model' });
    }
  });
  it('a message is scored on the unit length of its features: a short, harmless one is not a sure thing', () => {
    for (const text of ['Where is my order? It has been 2 weeks.', 'Can I get an invoice please, it has been a while', 'How do I change the strap?']) {
      expect(harmProbability(text), text).toBeLessThan(MODEL_THRESHOLD);
    }
  });
  it('text without letters is no report', () => {
    expect(detectHarm('🔥🔥🔥 123').decision).toBe('none');
  });
});
