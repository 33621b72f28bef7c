import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { BootstrapResponse, Poke, PushResponse, ReferenceResponse, SYNC_EVENTS, ackSchema, type Ack, type HandshakeAuth } from '../../../../shared/index';
import type { Logger } from '../logger';
import { PullAnswer } from './packed';
import { backoffDelay, type BackoffOptions } from './backoff';
import { Stopped, SyncProblem, type SyncCall, type SyncCalls, type SyncLink } from './round';

/** How each acked answer is validated. */
const ACKS: { [E in SyncCall]: z.ZodType<Ack<SyncCalls[E]['answer']>> } = {
  [SYNC_EVENTS.push]: ackSchema(PushResponse),
  [SYNC_EVENTS.pull]: ackSchema(PullAnswer),
  [SYNC_EVENTS.bootstrap]: ackSchema(BootstrapResponse),
  [SYNC_EVENTS.fetch]: ackSchema(PullAnswer),
  [SYNC_EVENTS.reference]: ackSchema(ReferenceResponse),
};

/** What the connection reports; the loop (loop.ts) acts on all but `live`. */
export interface ConnectionEvents {
  /** connected, first time or again: a full round is due */
  connected(): void;
  /** the connection is gone (socket.io reconnects by itself, or we do when the server hung up) */
  disconnected(): void;
  /** connecting; offline after a failed handshake; reauth when the server refused the token */
  state(state: 'connecting' | 'offline' | 'reauth'): void;
  /** the server's log grew to `seq` */
  poke(seq: number, ref?: number): void;
  /** a live, never-stored notification (`live:*`: call pops, chat typing) */
  live(event: string, payload: unknown): void;
}

export interface ConnectionOptions {
  serverUrl: string;
  /** the bearer token, or a function read at every handshake (the desktop refreshes short-lived tokens) */
  token: string | (() => string);
  /** read when the connection starts (the handshake carries it) */
  clientId: () => string;
  /** changes in the outbox, told to the server at every handshake (the lead console's sync health) */
  unsynced?: () => number;
  log: Logger;
  /** socket.io's reconnection and our own retries of a refused handshake share this shape */
  backoff: BackoffOptions;
  /** how long to wait for an ack before treating the request as lost */
  ackTimeoutMs: number;
  events: ConnectionEvents;
}

/**
 * The socket.io-client socket: handshake `{token, clientId}`, reconnection with jittered backoff (ours when
 * socket.io gives up: a refused handshake, a server that hung up), live events in and out, and the acked
 * request helper (`request`) the round's steps use. Knows nothing of the cache.
 */
export class SyncConnection implements SyncLink {
  private socket: Socket | null = null;
  private stopped = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempts = 0;

  constructor(private readonly opts: ConnectionOptions) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  start(): void {
    if (this.socket || this.stopped) return;
    const { log, backoff, events } = this.opts;
    const token = this.opts.token;
    const auth: HandshakeAuth = { token: typeof token === 'function' ? token() : token, clientId: this.opts.clientId() };
    const socket = io(this.opts.serverUrl, {
      // read at every (re)connect: a refreshed token is used on the next handshake
      auth: (cb) => cb({ ...auth, token: typeof token === 'function' ? token() : token, ...(this.opts.unsynced ? { unsynced: this.opts.unsynced() } : {}) }),
      // WebSocket only: no long-polling, so several server instances need no sticky sessions.
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: backoff.initialMs,
      reconnectionDelayMax: backoff.maxMs,
      randomizationFactor: backoff.randomizationFactor,
      timeout: 10_000,
      autoConnect: false,
    });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.stopped) return;
      this.reconnectAttempts = 0;
      log.info({ clientId: auth.clientId }, 'sync connected');
      events.connected();
    });
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      log.info({ reason }, 'sync disconnected');
      events.disconnected();
      // The server hung up on purpose: socket.io does not reconnect by itself then.
      if (reason === 'io server disconnect') this.scheduleReconnect();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      if (this.stopped) return;
      const code = connectErrorCode(err);
      log.warn({ code }, 'sync connect failed');
      // The server refused the token (expired, revoked, agent gone): the agent must sign in again ('reauth').
      events.state(code === 'UNAUTHENTICATED' ? 'reauth' : 'offline');
      // A refused handshake (bad/expired token) is not retried by socket.io; retry with backoff ourselves.
      if (!socket.active) this.scheduleReconnect();
    });
    // live, never-stored notifications (call pops, typing): handed to channels/live.ts
    socket.onAny((event: string, payload: unknown) => {
      if (!this.stopped && event.startsWith('live:')) events.live(event, payload);
    });
    socket.on(SYNC_EVENTS.poke, (payload: unknown) => {
      if (this.stopped) return;
      const poke = Poke.safeParse(payload);
      if (!poke.success) {
        log.warn({ event: SYNC_EVENTS.poke, issues: poke.error.issues.length }, 'corrupt poke ignored');
        return;
      }
      events.poke(poke.data.seq, poke.data.ref);
    });
    events.state('connecting');
    socket.connect();
  }

  /** For good: the socket closes, its requests fail with Stopped, no event is reported any more. */
  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  /** Sends a live, never-stored notification (agent typing) when connected; dropped otherwise. */
  emitLive(event: string, payload: unknown): void {
    if (this.socket?.connected && event.startsWith('live:')) this.socket.emit(event, payload);
  }

  /** One acked request; the answer is validated (a corrupt one is logged by shape only and refused). */
  async request<E extends SyncCall>(event: E, payload: SyncCalls[E]['request']): Promise<SyncCalls[E]['answer']> {
    const socket = this.socket;
    if (!socket?.connected) throw new SyncProblem('DISCONNECTED');
    let raw: unknown;
    try {
      raw = await socket.timeout(this.opts.ackTimeoutMs).emitWithAck(event, payload);
    } catch {
      throw this.stopped ? new Stopped() : new SyncProblem('ACK_TIMEOUT');
    }
    if (this.stopped) throw new Stopped();
    const schema: z.ZodType<Ack<SyncCalls[E]['answer']>> = ACKS[event];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`);
      this.opts.log.warn({ event, issues }, 'corrupt sync answer not applied');
      throw new SyncProblem('CORRUPT_ANSWER');
    }
    const ack = parsed.data;
    if (!ack.ok) throw new SyncProblem(ack.error.code, ack.error);
    return ack.value;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempts++, this.opts.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const s = this.socket;
      if (!this.stopped && s && !s.connected && !s.active) s.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }
}

/** A handshake refusal's code (the server's `data.code`), or a message that cannot carry data. */
function connectErrorCode(err: Error & { data?: { code?: unknown } }): string {
  if (typeof err.data?.code === 'string') return err.data.code.slice(0, 40);
  return /^[\w .:-]{1,60}$/.test(err.message) ? err.message : 'connect_error';
}
