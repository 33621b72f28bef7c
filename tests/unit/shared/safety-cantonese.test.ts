import { describe, expect, it } from 'vitest';
import { cantoneseToMandarin } from '../../../src/shared/features/safety/cantonese';
import { normalise } from '../../../src/shared/kernel/text-normalise';

const fold = (t: string) => cantoneseToMandarin(normalise(t));

describe('cantoneseToMandarin: Cantonese particles and injury endings folded, length kept', () => {
  it.each([
    ['燙咗', '烫了'],
    ['佢唔記得', '他不记得'],
    ['割損咗手指', '割伤了手指'],
    ['跌親', '跌伤'],
    ['好痕', '好痒'],
    ['又痕又熱', '又痒又热'],
    // a mark stays a mark
    ['瘀痕', '瘀痕'],
    ['坐白車去醫院', '坐急诊去医院'],
    ['no chinese here', 'no chinese here'],
  ])('%s → %s', (input, want) => {
    expect(fold(input)).toBe(want);
    expect(fold(input).length).toBe(input.length);
  });
});
