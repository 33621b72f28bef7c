import { describe, expect, it } from 'vitest';
import { ces, csat, DEFAULT_INDEX_WEIGHTS, IndexWeights, isDetractor, nps, responseRate, satisfactionIndex, SurveyAnswer } from '../../../../src/shared/features/surveys';

describe('survey figures on hand-made answer sets (issue 18, DOMAIN.md)', () => {
  it.each([
    ['all satisfied', [5, 4, 5, 4], 1],
    ['half', [5, 3, 4, 2], 0.5],
    ['a 3 is not satisfied', [3, 3, 3], 0],
    ['one of five', [1, 2, 3, 3, 4], 0.2],
  ])('CSAT: %s', (_n, scores, value) => expect(csat(scores.map((csat) => ({ csat })))).toEqual({ value, n: scores.length }));

  it.each([
    ['10 promoters, 0 detractors', [9, 10, 9, 10, 9, 10, 9, 10, 9, 10], 100],
    ['passives count in the total only', [7, 8, 9, 10], 50],
    ['2 promoters, 2 passives, 6 detractors of 10', [10, 9, 8, 7, 6, 5, 4, 3, 0, 6], -40],
    ['all detractors', [0, 6], -100],
  ])('NPS: %s', (_n, scores, value) => expect(nps(scores.map((n) => ({ nps: n })))).toEqual({ value, n: scores.length }));

  it('CES is the mean effort; answers without the question are not counted; none answered is null', () => {
    expect(ces([{ ces: 1 }, { ces: 2 }, { ces: 6 }, {}])).toEqual({ value: 3, n: 3 });
    expect(ces([{}, {}])).toEqual({ value: null, n: 0 });
    expect(csat([{ nps: 3 } as SurveyAnswer])).toEqual({ value: null, n: 0 });
    expect(nps([])).toEqual({ value: null, n: 0 });
  });

  it('response rate', () => {
    expect(responseRate(40, 10)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
  });

  it.each([
    [{ nps: 6 }, true],
    [{ nps: 7 }, false],
    [{ csat: 2 }, true],
    [{ csat: 3 }, false],
    [{ ces: 6 }, true],
    [{ ces: 5 }, false],
    [{ nps: 10, csat: 5, ces: 7 }, true],
    [{}, false],
  ])('detractor %j → %s', (a, d) => expect(isDetractor(a)).toBe(d));

  it('the satisfaction index with the default weights: each component (mean − 1) / 4 × 100, weighted', () => {
    // technical (expertise) 5 → 100; speed (responsiveness) 3 → 50; attitude (empathy) 4 → 75; effectiveness 2 → 25; fees 1 → 0
    const all = { dimensions: { expertise: 5, responsiveness: 3, empathy: 4, resolution: 2, fees: 1 } } as const;
    const r = satisfactionIndex([all]);
    expect(r.value).toBeCloseTo(0.35 * 100 + 0.25 * 50 + 0.2 * 75 + 0.15 * 25 + 0.05 * 0, 10); // 66.25
    expect(r.version).toBe(1);
    expect(r.components.technicalSupport).toEqual({ value: 5, n: 1 });
  });

  it('a component nobody rated drops out and the others are scaled up; no rating at all is null', () => {
    const r = satisfactionIndex([{ dimensions: { expertise: 5, responsiveness: 1 } }, { dimensions: { expertise: 3 } }]);
    // technical mean 4 → 75 (w .35), speed 1 → 0 (w .25): (0.35 × 75) / 0.6
    expect(r.value).toBeCloseTo((0.35 * 75) / 0.6, 10);
    expect(r.components.feeTransparency).toEqual({ value: null, n: 0 });
    expect(satisfactionIndex([{ comment: 'thanks' } as SurveyAnswer]).value).toBeNull();
  });

  it('edited weights are a new version and must add up to 1', () => {
    const w = IndexWeights.parse({ version: 2, weights: { technicalSupport: 0.2, responseSpeed: 0.2, attitude: 0.2, solutionEffectiveness: 0.2, feeTransparency: 0.2 } });
    expect(satisfactionIndex([{ dimensions: { expertise: 5, fees: 1 } }], w)).toMatchObject({ value: 50, version: 2 });
    expect(IndexWeights.safeParse({ version: 3, weights: { ...DEFAULT_INDEX_WEIGHTS.weights, feeTransparency: 0.5 } }).success).toBe(false);
  });

  it.each([
    [{ csat: 5 }, true],
    [{ nps: 11 }, false],
    [{ csat: 0 }, false],
    [{ ces: 8 }, false],
    [{ nps: 3, comment: '  the strap hurt my arm ' }, true],
    [{ dimensions: { security: 4 } }, true],
    [{ dimensions: { mood: 4 } }, false],
    [{}, false],
    [{ comment: '   ' }, false],
    [{ csat: 4.5 }, false],
  ])('an answer %j is valid: %s', (a, ok) => expect(SurveyAnswer.safeParse(a).success).toBe(ok));
});
