import { describe, expect, it } from 'vitest';
import { createHashGate } from '../../../src/server/kernel/auth/hash-gate';

describe('hash gate: a cap on concurrent password hashing', () => {
  it('runs maxConcurrent, queues maxWaiting, refuses the rest at once; a key holds at most perKeyMax places', async () => {
    const gate = createHashGate({ maxConcurrent: 2, maxWaiting: 1, perKeyMax: 2 });
    const a = gate.tryEnter(['a:1']);
    const b = gate.tryEnter(['a:2']);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    const c = gate.tryEnter(['a:3']); // waits
    expect(c).not.toBeNull();
    expect(gate.tryEnter(['a:4'])).toBeNull(); // full: refused at once
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    let cRan = false;
    void c!.then(() => {
      cRan = true;
    });
    (await a!)();
    await Promise.resolve();
    await Promise.resolve();
    expect(cRan).toBe(true);
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
    (await b!)();
    (await c!)();
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('one address cannot take more than perKeyMax places, so other addresses still get in', async () => {
    const gate = createHashGate({ maxConcurrent: 4, maxWaiting: 4, perKeyMax: 2 });
    const flood = [gate.tryEnter(['a:x', 'u:r1']), gate.tryEnter(['a:x', 'u:r2']), gate.tryEnter(['a:x', 'u:r3'])];
    expect(flood.map((f) => f !== null)).toEqual([true, true, false]);
    expect(gate.tryEnter(['a:y', 'u:alice'])).not.toBeNull();
    // a username too: two places at most, from any address
    expect(gate.tryEnter(['a:z', 'u:alice'])).not.toBeNull();
    expect(gate.tryEnter(['a:w', 'u:alice'])).toBeNull();
    const release = await flood[0]!;
    release();
    release(); // twice is harmless
    expect(gate.tryEnter(['a:x', 'u:r4'])).not.toBeNull();
  });
});
