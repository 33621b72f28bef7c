import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type BridgeHandlers } from '../../../src/main/core/kernel/bridge/dispatch';
import { BRIDGE_METHODS, OmnideskError, newId } from '../../../src/shared';
import { captureLogger } from './helpers/util';

/** A handler table where every method throws unless overridden. */
function handlers(over: Partial<BridgeHandlers> = {}): BridgeHandlers {
  const base = Object.fromEntries(
    BRIDGE_METHODS.map((m) => [m, () => Promise.reject(new OmnideskError('UNAVAILABLE', `${m} not wired in this test`))]),
  ) as unknown as BridgeHandlers;
  return { ...base, ...over };
}

describe('bridge dispatcher', () => {
  it('refuses an unknown method with INVALID_ARGUMENT naming it, and never looks up prototype keys', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('case.delete', {})).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unknown method: case.delete' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('validates input: the message names the field and the problem, never the value', async () => {
    const get = vi.fn(async () => ({ customer: {}, cases: [], threads: [] }));
    const dispatch = createDispatcher(handlers({ 'customer.get': get as unknown as BridgeHandlers['customer.get'] }));
    const r = await dispatch('customer.get', { customerId: 'patient-jane@example.com' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_ARGUMENT');
    expect(r.error.message).toMatch(/^customer\.get: customerId: /);
    expect(r.error.message).not.toContain('patient-jane');
    expect(get).not.toHaveBeenCalled();

    const extra = await dispatch('sync.status', { sneaky: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('passes the parsed input (trimmed, strict) to the handler', async () => {
    const note = vi.fn(async () => ({ eventId: newId() }));
    const dispatch = createDispatcher(handlers({ 'note.add': note }));
    const customerId = newId();
    const r = await dispatch('note.add', { customerId, caseId: null, threadId: null, body: '  hello  ' });
    expect(r.ok).toBe(true);
    expect(note).toHaveBeenCalledWith({ customerId, caseId: null, threadId: null, body: 'hello' });
  });

  it('maps an OmnideskError to its body and anything else to INTERNAL, logged without data', async () => {
    const logger = captureLogger();
    const dispatch = createDispatcher(
      handlers({
        'queue.list': async () => {
          throw new OmnideskError('CONFLICT', 'the case is closed');
        },
        'search.query': async () => {
          throw new Error('SQLITE_ERROR near "Jane Doe +14155550100"');
        },
      }),
      { logger },
    );
    expect(await dispatch('queue.list', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'the case is closed' } });
    const r = await dispatch('search.query', { q: 'Jane' });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'search.query failed unexpectedly' } });
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]!.obj).toMatchObject({ method: 'search.query', errName: 'Error' });
    expect(logger.text()).not.toContain('Jane');
    expect(logger.text()).not.toContain('+1415');
  });

  it('validates the output: a handler returning the wrong shape yields INTERNAL', async () => {
    const logger = captureLogger();
    const dispatch = createDispatcher(
      handlers({
        'sync.status': async () => ({ state: 'online', pending: -1, rejected: 0, cursor: 0, lastSyncedAt: null }),
        'session.current': async () => null,
      }),
      { logger },
    );
    expect(await dispatch('sync.status', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'sync.status produced an invalid result' } });
    expect(logger.records[0]!.obj).toMatchObject({ method: 'sync.status', issues: ['pending: too_small'] });
    expect(await dispatch('session.current', {})).toEqual({ ok: true, value: null });
  });
});
