import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeBatcher, type ChangeBatch } from '../../../src/renderer/kernel/state/change-batcher';

describe('createChangeBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const change = (customerIds: string[] = [], caseIds: string[] = [], all = false) => ({ customerIds, caseIds, all });
  const plain = (b: ChangeBatch) => ({ customerIds: [...b.customerIds].sort(), caseIds: [...b.caseIds].sort(), all: b.all });

  it('folds a burst into one flush, 100 ms after the last notification', () => {
    const flushes: ChangeBatch[] = [];
    const b = createChangeBatcher((x) => flushes.push(x));
    b.push(change(['c1'], ['k1']));
    vi.advanceTimersByTime(60);
    b.push(change(['c2', 'c1'], []));
    vi.advanceTimersByTime(60);
    expect(flushes).toHaveLength(0);
    b.push(change([], ['k2'], false));
    vi.advanceTimersByTime(100);
    expect(flushes.map(plain)).toEqual([{ customerIds: ['c1', 'c2'], caseIds: ['k1', 'k2'], all: false }]);
  });

  it('`all` sticks for the batch, and the next batch starts empty', () => {
    const flushes: ChangeBatch[] = [];
    const b = createChangeBatcher((x) => flushes.push(x));
    b.push(change([], [], true));
    b.push(change(['c1']));
    vi.advanceTimersByTime(100);
    b.push(change(['c3']));
    vi.advanceTimersByTime(100);
    expect(flushes.map(plain)).toEqual([
      { customerIds: ['c1'], caseIds: [], all: true },
      { customerIds: ['c3'], caseIds: [], all: false },
    ]);
  });

  it('a steady stream still flushes by maxWait', () => {
    const flushes: ChangeBatch[] = [];
    const b = createChangeBatcher((x) => flushes.push(x), { delayMs: 100, maxWaitMs: 300 });
    for (let i = 0; i < 10; i++) {
      b.push(change([`c${i}`]));
      vi.advanceTimersByTime(50);
    }
    expect(flushes.length).toBeGreaterThanOrEqual(1);
    vi.advanceTimersByTime(500);
    const seen = new Set(flushes.flatMap((f) => [...f.customerIds]));
    expect(seen.size).toBe(10);
  });

  it('flushes nothing after dispose', () => {
    const flush = vi.fn();
    const b = createChangeBatcher(flush);
    b.push(change(['c1']));
    b.dispose();
    vi.advanceTimersByTime(1000);
    b.push(change(['c2']));
    vi.advanceTimersByTime(1000);
    expect(flush).not.toHaveBeenCalled();
  });
});
