import {
  bridgeEvents,
  type BridgeEventName,
  type BridgeEventPayload,
  type BridgeInput,
  type BridgeMethod,
  type BridgeOutput,
  type OmnideskBridge,
} from '../../../shared/contracts/bridge';
import { ErrorBody, OmnideskError } from '../../../shared/kernel/errors';
import { isBridgeEventName, validateOutput } from './validate';

/** Where the web-host session token lives between page loads (sessionStorage in a browser). */
export interface SessionStore {
  get(): string | null;
  set(token: string | null): void;
}

/** The part of the WebSocket API this client uses: the browser's, or the `ws` package's in tests. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsBridgeOptions {
  /** ws://host:port/bridge — launch and session are added as query parameters */
  url: string;
  launchToken: string;
  sessionStore: SessionStore;
  WebSocketImpl?: WebSocketCtor;
  /** a call that gets no answer within this time fails with UNAVAILABLE (default 60 s) */
  callTimeoutMs?: number;
  /** reconnect delays: initial, doubling up to max, ±50 % jitter */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

export interface WsBridge extends OmnideskBridge {
  /** true while the WebSocket is open */
  readonly connected: boolean;
  /** closes for good (no reconnect); pending calls fail with UNAVAILABLE */
  close(): void;
}

interface Pending {
  method: BridgeMethod;
  resolve(v: unknown): void;
  reject(e: OmnideskError): void;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
  frame: string;
}

const OPEN = 1;

/**
 * OmnideskBridge over web-host's WebSocket (docs/architecture.md "Web-host wire protocol").
 * Calls made while disconnected wait for the connection; a call whose connection drops after it was sent
 * fails with UNAVAILABLE (it may or may not have run, so it is not sent twice). The connection comes back
 * by itself with backoff, carrying the session token so a host restart or reload needs no password.
 */
export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const Impl = opts.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketCtor);
  const callTimeoutMs = opts.callTimeoutMs ?? 60_000;
  const delay0 = opts.reconnectDelayMs ?? 250;
  const delayMax = opts.reconnectDelayMaxMs ?? 5_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<BridgeEventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let ws: WebSocketLike | null = null;
  let attempts = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  function socketUrl(): string {
    const u = new URL(opts.url);
    u.searchParams.set('launch', opts.launchToken);
    const session = opts.sessionStore.get();
    if (session) u.searchParams.set('session', session);
    else u.searchParams.delete('session');
    return u.toString();
  }

  function connect(): void {
    if (closed) return;
    let socket: WebSocketLike;
    try {
      socket = new Impl(socketUrl());
    } catch {
      scheduleReconnect(); // e.g. no WebSocket implementation yet, or a bad URL: keep trying with backoff
      return;
    }
    ws = socket;
    socket.onopen = () => {
      attempts = 0;
      for (const p of pending.values()) {
        if (!p.sent) {
          socket.send(p.frame);
          p.sent = true;
        }
      }
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data === 'string') onFrame(ev.data);
    };
    socket.onerror = () => undefined; // onclose follows
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      for (const [id, p] of pending) {
        if (p.sent) finish(id, new OmnideskError('UNAVAILABLE', 'the connection to the desktop host was lost'));
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const base = Math.min(delayMax, delay0 * 2 ** Math.min(attempts++, 20));
    const delay = Math.round(base * (0.5 + Math.random()));
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, Math.min(delay, delayMax));
  }

  function onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as Record<string, unknown>;
    if (f.type === 'response' && typeof f.id === 'number') {
      const p = pending.get(f.id);
      if (!p) return; // id -1: the host could not read a frame; nothing is waiting on it
      if (f.ok === true) {
        try {
          finish(f.id, null, validateOutput(p.method, f.value));
        } catch (err) {
          finish(f.id, err instanceof OmnideskError ? err : new OmnideskError('INTERNAL', 'invalid result'));
        }
      } else {
        const e = ErrorBody.safeParse(f.error);
        finish(f.id, e.success ? new OmnideskError(e.data.code, e.data.message) : new OmnideskError('INTERNAL', 'malformed error response'));
      }
    } else if (f.type === 'event' && typeof f.event === 'string' && isBridgeEventName(f.event)) {
      const r = bridgeEvents[f.event].safeParse(f.payload);
      if (!r.success) return;
      for (const l of listeners.get(f.event) ?? []) l(r.data);
    } else if (f.type === 'session' && (typeof f.token === 'string' || f.token === null)) {
      opts.sessionStore.set(f.token);
    }
  }

  function finish(id: number, err: OmnideskError | null, value?: unknown): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    if (err) p.reject(err);
    else p.resolve(value);
  }

  connect();

  return {
    get connected() {
      return ws?.readyState === OPEN;
    },
    call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
      if (closed) return Promise.reject(new OmnideskError('UNAVAILABLE', 'the bridge is closed'));
      const id = nextId++;
      return new Promise<BridgeOutput<M>>((resolve, reject) => {
        const p: Pending = {
          method,
          resolve: resolve as (v: unknown) => void,
          reject,
          sent: false,
          frame: JSON.stringify({ id, method, input }),
          timer: setTimeout(() => finish(id, new OmnideskError('UNAVAILABLE', `${method}: no answer from the desktop host`)), callTimeoutMs),
        };
        pending.set(id, p);
        if (ws?.readyState === OPEN) {
          ws.send(p.frame);
          p.sent = true;
        }
      });
    },
    on<E extends BridgeEventName>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    close(): void {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const id of [...pending.keys()]) finish(id, new OmnideskError('UNAVAILABLE', 'the bridge is closed'));
      const s = ws;
      ws = null;
      s?.close();
    },
  };
}
