import { describe, expect, it } from 'vitest';
import { othersViewing, type Viewer } from '../../../../src/shared/index';

const ME = '00000000-0000-7000-8000-000000000001';
const ANN = '00000000-0000-7000-8000-000000000002';
const BEN = '00000000-0000-7000-8000-000000000003';
const CASE = '00000000-0000-7000-8000-0000000000c1';
const OTHER_CASE = '00000000-0000-7000-8000-0000000000c2';
const v = (agentId: string, name: string, caseId: string | null, replying = false): Viewer => ({ agentId, name, caseId, replying });

describe('who else is on this customer (the collision warning)', () => {
  it.each([
    ['nobody else', [v(ME, 'Me', CASE)], CASE, []],
    ['another agent on the same case', [v(ME, 'Me', CASE), v(ANN, 'Ann', CASE)], CASE, ['Ann']],
    ['another case of the customer does not collide', [v(ANN, 'Ann', OTHER_CASE)], CASE, []],
    ['the customer without a case open counts', [v(ANN, 'Ann', null)], CASE, ['Ann']],
    ['whoever replies comes first', [v(ANN, 'Ann', CASE), v(BEN, 'Ben', CASE, true)], CASE, ['Ben*', 'Ann']],
    ['two windows of one agent are one line, replying if either is', [v(ANN, 'Ann', CASE), v(ANN, 'Ann', CASE, true)], CASE, ['Ann*']],
    ['my own other window is not a collision', [v(ME, 'Me', CASE, true)], CASE, []],
  ] as const)('%s', (_name, list, caseId, want) => {
    expect(othersViewing(list, ME, caseId).map((x) => `${x.name}${x.replying ? '*' : ''}`)).toEqual(want);
  });
});
