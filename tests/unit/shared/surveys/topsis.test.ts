import { describe, expect, it } from 'vitest';
import { entropyWeights, shrink, topsis, type Criterion } from '../../../../src/shared/features/surveys';

/**
 * A worked example computed independently (a separate Python script from the textbook formulas: Shannon entropy of
 * the column shares, vector normalisation, Euclidean distances to the ideal and anti-ideal), the numbers copied here.
 * Four agents; CSAT share (benefit), CES mean (cost), first response in minutes (cost).
 */
const CRITERIA: Criterion[] = [
  { id: 'csat', direction: 'benefit' },
  { id: 'ces', direction: 'cost' },
  { id: 'frt', direction: 'cost' },
];
const AGENTS = [
  { id: 'A', values: [0.92, 2.1, 30] },
  { id: 'B', values: [0.85, 2.8, 18] },
  { id: 'C', values: [0.78, 3.5, 45] },
  { id: 'D', values: [0.95, 1.9, 60] },
];

describe('entropy-weighted TOPSIS (issue 18)', () => {
  it('derives the weights of the worked example: response time spreads the agents most, CSAT hardly at all', () => {
    const w = entropyWeights(AGENTS.map((a) => a.values));
    [0.023701, 0.244496, 0.731802].forEach((x, j) => expect(w[j]).toBeCloseTo(x, 5));
  });

  it('ranks the worked example as computed independently, with each one’s closeness', () => {
    const r = topsis(CRITERIA, AGENTS);
    expect(r.ranked.map((x) => x.id)).toEqual(['B', 'A', 'C', 'D']);
    const c = Object.fromEntries(r.ranked.map((x) => [x.id, x.closeness]));
    expect(c.A).toBeCloseTo(0.719365, 5);
    expect(c.B).toBeCloseTo(0.899774, 5);
    expect(c.C).toBeCloseTo(0.346731, 5);
    expect(c.D).toBeCloseTo(0.165809, 5);
    expect(r.ranked.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
  });

  it('says why: D has the best CSAT and effort (position 1) and the worst response time (0)', () => {
    const d = topsis(CRITERIA, AGENTS).ranked.find((x) => x.id === 'D')!;
    expect(d.position[0]).toBeCloseTo(1, 10);
    expect(d.position[1]).toBeCloseTo(1, 10);
    expect(d.position[2]).toBeCloseTo(0, 10);
  });

  it('a criterion on which all are alike weighs nothing; all alike everywhere: equal weights, all tied', () => {
    const w = entropyWeights([
      [0.9, 10],
      [0.9, 20],
    ]);
    expect(w[0]).toBeCloseTo(0, 10);
    expect(w[1]).toBeCloseTo(1, 10);
    const tie = topsis(CRITERIA, [
      { id: 'x', values: [0.9, 2, 30] },
      { id: 'y', values: [0.9, 2, 30] },
    ]);
    expect(tie.weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(tie.ranked.map((r) => r.closeness)).toEqual([0.5, 0.5]);
  });

  it('refuses values that do not fit the criteria', () => {
    expect(() => topsis(CRITERIA, [{ id: 'x', values: [1, 2] }])).toThrow(/3 criteria/);
    expect(() => topsis(CRITERIA, [{ id: 'x', values: [1, -2, 3] }])).toThrow(/≥ 0/);
  });

  it.each([
    ['two perfect answers barely move an agent off the team mean', 5, 2, 4, 10, 4 + 2 / 12],
    ['two hundred answers stand', 5, 200, 4, 10, (5 * 200 + 40) / 210],
    ['no answers: the team mean', 1, 0, 4, 10, 4],
  ])('shrink: %s', (_n, mean, n, group, prior, expected) => expect(shrink(mean, n, group, prior)).toBeCloseTo(expected, 10));
});
