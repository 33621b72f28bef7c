import { describe, expect, it } from 'vitest';
import { bridgeMethods, BRIDGE_METHODS } from '../../../src/shared/contracts/bridge';
import { describeIssues, OmnideskError, parseOrThrow } from '../../../src/shared/kernel/errors';
import { Mutation, PullRequest, PushRequest, MAX_PUSH_BATCH } from '../../../src/shared/contracts/sync';
import { Event } from '../../../src/shared/kernel/event';
import { deterministicId, newId } from '../../../src/shared/kernel/ids';

const id = () => newId();
const mutation = (over: object = {}) => ({
  id: id(),
  clientSeq: 1,
  occurredAt: '2026-11-20T09:00:00.000Z',
  name: 'note.add',
  args: { customerId: id(), caseId: null, threadId: null, body: 'Called back, no answer' },
  ...over,
});

describe('sync contract', () => {
  it('accepts a well-formed mutation', () => {
    expect(Mutation.safeParse(mutation()).success).toBe(true);
  });
  it.each([
    ['unknown mutation name', { name: 'case.delete' }],
    ['clientSeq of zero', { clientSeq: 0 }],
    ['id that is not a uuid', { id: 'abc' }],
    ['empty body', { args: { customerId: id(), caseId: null, threadId: null, body: '   ' } }],
    ['extra argument', { args: { customerId: id(), caseId: null, threadId: null, body: 'x', admin: true } }],
    ['time without offset', { occurredAt: '2026-11-20 09:00' }],
  ])('rejects %s', (_n, over) => {
    expect(Mutation.safeParse(mutation(over)).success).toBe(false);
  });
  it('limits a push batch', () => {
    const many = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => mutation({ clientSeq: i + 1 }));
    expect(PushRequest.safeParse({ mutations: many }).success).toBe(false);
    expect(PushRequest.safeParse({ mutations: many.slice(0, MAX_PUSH_BATCH) }).success).toBe(true);
  });
  it('rejects a negative cursor and an oversized page', () => {
    expect(PullRequest.safeParse({ cursor: -1, limit: 10 }).success).toBe(false);
    expect(PullRequest.safeParse({ cursor: 0, limit: 100_000 }).success).toBe(false);
  });
});

describe('events', () => {
  it('meta must match the kind', () => {
    const e = {
      id: id(), seq: 1, customerId: id(), caseId: id(), threadId: null, channel: 'internal',
      author: { type: 'system', id: null, name: null }, body: null, occurredAt: '2026-11-20T09:00:00.000Z',
    };
    expect(Event.safeParse({ ...e, kind: 'case.status_changed', meta: { from: 'open', to: 'pending' } }).success).toBe(true);
    expect(Event.safeParse({ ...e, kind: 'case.status_changed', meta: { from: 'open', to: 'nonsense' } }).success).toBe(false);
    expect(Event.safeParse({ ...e, kind: 'case.exploded', meta: {} }).success).toBe(false);
  });
});

describe('bridge contract', () => {
  it('every method has an input and an output schema', () => {
    for (const m of BRIDGE_METHODS) {
      expect(bridgeMethods[m].input, m).toBeDefined();
      expect(bridgeMethods[m].output, m).toBeDefined();
    }
  });
  it('a reply needs a body', () => {
    expect(bridgeMethods['reply.send'].input.safeParse({ caseId: id(), threadId: id(), body: '' }).success).toBe(false);
  });
});

describe('errors never echo the offending value', () => {
  it('describes paths and problems only', () => {
    const secret = 'margaret@example.com';
    const r = bridgeMethods['customer.get'].input.safeParse({ customerId: secret });
    expect(r.success).toBe(false);
    const msg = describeIssues(r.error!);
    expect(msg).toContain('customerId');
    expect(msg).not.toContain(secret);
  });
  it('parseOrThrow throws INVALID_ARGUMENT', () => {
    try {
      parseOrThrow(PullRequest, { cursor: 'x' }, 'sync:pull');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OmnideskError);
      expect((e as OmnideskError).code).toBe('INVALID_ARGUMENT');
      expect((e as OmnideskError).message).toMatch(/^sync:pull: /);
    }
  });
});

describe('ids', () => {
  it('new ids are UUIDv7 and sort by time', async () => {
    const a = newId();
    await new Promise((r) => setTimeout(r, 2));
    const b = newId();
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });
  it('deterministic ids repeat for the same input and differ otherwise', () => {
    expect(deterministicId(1_700_000_000_000, 5)).toBe(deterministicId(1_700_000_000_000, 5));
    expect(deterministicId(1_700_000_000_000, 5)).not.toBe(deterministicId(1_700_000_000_000, 6));
  });
});
