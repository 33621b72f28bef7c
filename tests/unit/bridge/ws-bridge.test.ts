import { describe, expect, it } from 'vitest';
import { createWsBridge, type WebSocketLike } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { OmnideskError } from '../../../src/shared';
import { memorySessionStore } from './ws-helpers';

/** A scripted in-memory WebSocket: records what the bridge sends and lets the test answer. */
class ScriptedSocket implements WebSocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  deliver(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function make(store = memorySessionStore()) {
  ScriptedSocket.all = [];
  const bridge = createWsBridge({ url: 'ws://127.0.0.1:9/bridge', launchToken: 'L'.repeat(20), sessionStore: store, WebSocketImpl: ScriptedSocket, reconnectDelayMs: 5, reconnectDelayMaxMs: 10, callTimeoutMs: 500 });
  return { bridge, store, socket: () => ScriptedSocket.all[ScriptedSocket.all.length - 1]! };
}

describe('createWsBridge', () => {
  it('queues calls until open, matches responses by id and validates results', async () => {
    const { bridge, socket } = make();
    expect(socket().url).toBe(`ws://127.0.0.1:9/bridge?launch=${'L'.repeat(20)}`);
    const a = bridge.call('session.current', {});
    const b = bridge.call('sync.status', {});
    expect(socket().sent).toEqual([]);
    socket().open();
    const [fa, fb] = socket().sent as { id: number; method: string }[];
    expect([fa!.method, fb!.method]).toEqual(['session.current', 'sync.status']);
    socket().deliver({ type: 'response', id: fb!.id, ok: true, value: { state: 'online', pending: 0, rejected: 0, cursor: 3, lastSyncedAt: null } });
    socket().deliver({ type: 'response', id: fa!.id, ok: true, value: { bogus: true } });
    expect(await b).toMatchObject({ state: 'online', cursor: 3 });
    await expect(a).rejects.toMatchObject({ code: 'INTERNAL' }); // not a SessionInfo
    bridge.close();
  });

  it('rejects with OmnideskError carrying the code; ignores id -1 answers', async () => {
    const { bridge, socket } = make();
    socket().open();
    const p = bridge.call('queue.list', {});
    socket().deliver({ type: 'response', id: -1, ok: false, error: { code: 'INVALID_ARGUMENT', message: 'malformed frame' } });
    const id = (socket().sent[0] as { id: number }).id;
    socket().deliver({ type: 'response', id, ok: false, error: { code: 'UNAUTHENTICATED', message: 'not signed in' } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OmnideskError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', message: 'not signed in' });
    bridge.close();
  });

  it('keeps the session token from session frames and reconnects with it; in-flight calls fail UNAVAILABLE', async () => {
    const { bridge, socket, store } = make();
    socket().open();
    socket().deliver({ type: 'session', token: 'sess-123' });
    expect(store.token).toBe('sess-123');
    const inflight = bridge.call('queue.list', {});
    const first = socket();
    first.drop();
    await expect(inflight).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await new Promise((r) => setTimeout(r, 30));
    expect(socket()).not.toBe(first);
    expect(new URL(socket().url).searchParams.get('session')).toBe('sess-123');
    socket().deliver({ type: 'session', token: null });
    expect(store.token).toBeNull();
    bridge.close();
  });

  it('delivers valid events to subscribers until they unsubscribe; drops invalid payloads', () => {
    const { bridge, socket } = make();
    socket().open();
    const got: unknown[] = [];
    const off = bridge.on('data.changed', (p) => got.push(p));
    socket().deliver({ type: 'event', event: 'data.changed', payload: { customerIds: [], caseIds: [], all: true } });
    socket().deliver({ type: 'event', event: 'data.changed', payload: { all: 'yes' } });
    socket().deliver({ type: 'event', event: 'nope', payload: {} });
    off();
    socket().deliver({ type: 'event', event: 'data.changed', payload: { customerIds: [], caseIds: [], all: false } });
    expect(got).toEqual([{ customerIds: [], caseIds: [], all: true }]);
    bridge.close();
  });

  it('a call that gets no answer fails with UNAVAILABLE after the timeout', async () => {
    const { bridge, socket } = make();
    socket().open();
    await expect(bridge.call('sync.status', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    bridge.close();
  });
});
