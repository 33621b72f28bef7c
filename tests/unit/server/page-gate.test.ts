import { describe, expect, it } from 'vitest';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { PageGate } from '../../../src/server/kernel/sync/gate';

/** A job that runs until released, recording when it started. */
function jobs() {
  const started: number[] = [];
  const releases = new Map<number, () => void>();
  const job = (n: number) => () =>
    new Promise<number>((resolve) => {
      started.push(n);
      releases.set(n, () => resolve(n));
    });
  const release = async (n: number) => {
    releases.get(n)!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { started, job, release };
}

describe('page gate: back-pressure on page work (issue 17)', () => {
  it('runs so many at a time, lets the rest wait in arrival order, and refuses UNAVAILABLE past the queue bound', async () => {
    const gate = new PageGate({ concurrency: 2, maxWaiting: 2 });
    const { started, job, release } = jobs();
    const results = [1, 2, 3, 4].map((n) => gate.run(job(n)));
    const refused = gate.run(job(5));
    await expect(refused).rejects.toBeInstanceOf(OmnideskError);
    await expect(refused).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 2]);
    expect(gate.active).toBe(2);
    expect(gate.waiting).toBe(2);
    await release(2);
    expect(started).toEqual([1, 2, 3]);
    await release(1);
    expect(started).toEqual([1, 2, 3, 4]);
    // a turn is free again: a new request waits instead of being refused
    const sixth = gate.run(job(6));
    await release(3);
    await release(4);
    await release(6);
    expect(await Promise.all([...results, sixth])).toEqual([1, 2, 3, 4, 6]);
    expect(gate.active + gate.waiting).toBe(0);
  });

  it('read-ahead runs only on a free turn, never ahead of a desktop waiting for its own page', async () => {
    const gate = new PageGate({ concurrency: 1, maxWaiting: 10 });
    const { started, job, release } = jobs();
    const own = gate.run(job(1));
    expect(gate.runIfIdle(job(2))).toBeNull();
    await new Promise((r) => setTimeout(r, 0)); // p-limit starts a job on the next microtask
    await release(1);
    await own;
    const ahead = gate.runIfIdle(job(3));
    expect(ahead).not.toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 3]);
    await release(3);
    expect(await ahead).toBe(3);
  });

  it('a failed job frees its turn', async () => {
    const gate = new PageGate({ concurrency: 1, maxWaiting: 1 });
    await expect(gate.run(() => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
