import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, type ErrorCode, type Mutation } from '../../../src/shared';
import { Pusher } from '../../../src/main/core/kernel/sync/push';
import { SyncProblem, type RoundContext } from '../../../src/main/core/kernel/sync/round';
import { FakeLink, FakeSyncStorage, refusal } from './helpers/fake-sync';
import { captureLogger } from './helpers/util';

/** A Pusher over the fake cache and a fake transport whose server refuses, as a whole, any batch holding `bad`. */
function setup(changes: number, refuse: { code: ErrorCode; bad: number[] }) {
  const storage = new FakeSyncStorage();
  const made = Array.from({ length: changes }, () => storage.addChange());
  const bad = new Set(refuse.bad.map((i) => made[i]!.id));
  const link = new FakeLink();
  link.connected = true;
  const applyAll = link.answers['sync:push'];
  link.answers['sync:push'] = (req) => {
    if (req.mutations.some((m) => bad.has(m.id))) throw refusal(refuse.code);
    return applyAll(req);
  };
  const log = captureLogger();
  const ctx: RoundContext = {
    storage,
    transport: link,
    log,
    settings: { pullLimit: 100, historyDays: 90, pruneIntervalMs: 3_600_000 },
    changed: () => undefined,
    reportStatus: () => undefined,
  };
  const batches = () => link.requests.flatMap((r) => (r.event === 'sync:push' ? [r.payload.mutations.map((m) => made.indexOf(m))] : []));
  return { storage, made, link, log, pusher: new Pusher(ctx), batches };
}

const ids = (ms: Mutation[]) => ms.map((m) => m.id);

describe('push: a batch the server refuses for its content is retried one by one', () => {
  const cases: Array<{ code: ErrorCode; bad: number[]; batches: number[][] }> = [
    // the batch, then one at a time up to and including the culprit, then the rest as one batch again
    { code: 'INVALID_ARGUMENT', bad: [2], batches: [[0, 1, 2, 3, 4], [0], [1], [2], [3, 4]] },
    { code: 'PAYLOAD_TOO_LARGE', bad: [0], batches: [[0, 1, 2, 3, 4], [0], [1, 2, 3, 4]] },
    // two culprits: the second is isolated the same way after the first
    { code: 'INVALID_ARGUMENT', bad: [1, 3], batches: [[0, 1, 2, 3, 4], [0], [1], [2, 3, 4], [2], [3], [4]] },
  ];
  it.each(cases)('$code at $bad', async ({ code, bad, batches }) => {
    const t = setup(5, { code, bad });
    await t.pusher.pushAll();
    expect(t.batches()).toEqual(batches);
    // the culprits became rejections the agent sees, with the server's reason; the rest went through
    expect(t.storage.pending()).toEqual([]);
    expect(t.storage.outbox).toEqual(bad.map((i) => ({ mutation: t.made[i], status: 'rejected', error: { code, message: `refused: ${code}` } })));
    // logged by code and size only
    expect(t.log.records.filter((r) => r.level === 'warn')).toEqual(
      bad.map(() => ({ level: 'warn', obj: { code, size: expect.any(Number) }, msg: 'push batch refused; retrying one by one' })),
    );
  });

  it('a refusal for any other reason fails the round: nothing is split, nothing is rejected', async () => {
    const t = setup(3, { code: 'UNAVAILABLE', bad: [1] });
    await expect(t.pusher.pushAll()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(t.batches()).toEqual([[0, 1, 2]]);
    expect(ids(t.storage.pending())).toEqual(ids(t.made));
  });

  it('isolation goes on one by one in the next round when a round fails half-way (no answer in time)', async () => {
    const t = setup(4, { code: 'INVALID_ARGUMENT', bad: [3] });
    const answer = t.link.answers['sync:push'];
    let lost = 1;
    t.link.answers['sync:push'] = (req) => {
      if (req.mutations.length === 1 && lost-- > 0) throw new SyncProblem('ACK_TIMEOUT');
      return answer(req);
    };
    await expect(t.pusher.pushAll()).rejects.toBeInstanceOf(SyncProblem);
    expect(t.batches()).toEqual([[0, 1, 2, 3], [0]]);
    await t.pusher.pushAll();
    expect(t.batches()).toEqual([[0, 1, 2, 3], [0], [0], [1], [2], [3]]);
    expect(t.storage.outboxCounts()).toEqual({ pending: 0, rejected: 1 });
  });

  it('a full outbox goes in batches of MAX_PUSH_BATCH', async () => {
    const t = setup(MAX_PUSH_BATCH + 1, { code: 'INVALID_ARGUMENT', bad: [] });
    await t.pusher.pushAll();
    expect(t.batches().map((b) => b.length)).toEqual([MAX_PUSH_BATCH, 1]);
  });
});
