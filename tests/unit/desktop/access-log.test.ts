import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessReport } from '../../../src/shared/features/audit';
import { AccessLog } from '../../../src/main/core/features/audit';
import { silentLogger } from '../../../src/main/core/kernel/logger';

const C1 = '0190f000-0000-7000-8000-000000000001';
const C2 = '0190f000-0000-7000-8000-000000000002';

describe('AccessLog: opened customers and searches go to the server in batches, never one call per open', () => {
  afterEach(() => vi.useRealTimers());

  it('many opens within the delay are one call; a failed call keeps them for the next', async () => {
    vi.useFakeTimers();
    const sent: AccessReport[] = [];
    let fail = true;
    const log = new AccessLog({ flushMs: 1000, logger: silentLogger, send: async (r) => { if (fail) throw new Error('offline'); sent.push(r); } });
    for (let i = 0; i < 50; i++) log.opened(i % 2 ? C1 : C2);
    log.searched('  Margaret Chen ', 'cache');
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent, 'the server was unreachable').toHaveLength(0);
    expect(log.pending()).toBe(51);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.opened).toHaveLength(50);
    expect(sent[0]!.searches).toEqual([expect.objectContaining({ text: 'Margaret Chen', scope: 'cache' })]);
    expect(log.pending()).toBe(0);
  });

  it('a full batch goes at once; stop() sends the rest and nothing after', async () => {
    const sent: AccessReport[] = [];
    const log = new AccessLog({ flushMs: 60_000, maxBatch: 10, logger: silentLogger, send: async (r) => void sent.push(r) });
    for (let i = 0; i < 10; i++) log.opened(C1);
    await log.flush();
    expect(sent).toHaveLength(1);
    log.opened(C2);
    await log.stop();
    expect(sent).toHaveLength(2);
    log.opened(C1);
    await log.flush();
    expect(sent).toHaveLength(2);
  });
});
