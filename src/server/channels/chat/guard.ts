/**
 * ChatGuard: flood protection of the anonymous chat socket (issue 9, finding 5: 600 anonymous sessions made 600
 * customers and 600 cases). Nobody signs in to the widget, so the guard works per network address and per session:
 *
 *  - connection rate per address (every socket, new or resumed session);
 *  - session creation rate per address (new session ids only: a reload keeps its session and costs nothing here);
 *  - a cap on OPEN anonymous sessions, overall and per address. A session is open while a socket of it is connected
 *    and for `idleMs` after its last activity; idle state is pruned on a timer (and the chat server's caches with it);
 *  - message rate per session and per address;
 *  - an optional challenge (a captcha, a proof of work) asked of every NEW session: a hook, off by default.
 *
 * A refused connection gets socket.io's `connect_error` with `data: {code, message, retryAfterMs}`; a refused message
 * gets `{ok: false, error}` in its ack and a `chat:error` event. Customers and cases are made by a session's first
 * stored message, so a refused session makes none. Limits are per server process (in-memory limiters of
 * rate-limiter-flexible): behind a load balancer each instance applies them to what it receives.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface ChatGuardConfig {
  /** OMNIDESK_CHAT_CONNECTIONS_PER_MINUTE: sockets one address may open per minute (default 60) */
  connectionsPerMinute: number;
  /** OMNIDESK_CHAT_SESSIONS_PER_HOUR: new sessions one address may start per hour (default 30) */
  sessionsPerHour: number;
  /** OMNIDESK_CHAT_MESSAGES_PER_MINUTE: messages one session may send per minute (default 20) */
  messagesPerMinute: number;
  /** OMNIDESK_CHAT_ADDRESS_MESSAGES_PER_MINUTE: messages all sessions of one address may send per minute (default 100) */
  addressMessagesPerMinute: number;
  /** OMNIDESK_CHAT_MAX_OPEN_SESSIONS: open anonymous sessions on this server (default 2000) */
  maxOpenSessions: number;
  /** OMNIDESK_CHAT_MAX_SESSIONS_PER_ADDRESS: open anonymous sessions per address (default 10; a clinic behind one NAT) */
  maxOpenSessionsPerAddress: number;
  /** OMNIDESK_CHAT_IDLE_MINUTES: a session with no socket and no activity for this long is closed and forgotten (default 30) */
  idleMs: number;
  /** OMNIDESK_CHAT_TRUST_PROXY=1: the address is the first X-Forwarded-For entry (only behind a proxy that sets it) */
  trustProxy: boolean;
  /**
   * Optional challenge asked of every new session, e.g. a captcha token the page put in `auth.challenge`; resolve
   * true to admit. Off (null) by default; set it in code (`ChatOptions.guard.challenge`).
   */
  challenge: ChatChallenge | null;
}

/** Typing signals a session may send per minute (the widget sends at most two per burst of keystrokes). */
export const TYPING_PER_MINUTE = 60;

export type ChatChallenge = (input: { address: string; auth: Readonly<Record<string, unknown>> }) => boolean | Promise<boolean>;

export const CHAT_GUARD_DEFAULTS: ChatGuardConfig = {
  connectionsPerMinute: 60,
  sessionsPerHour: 30,
  messagesPerMinute: 20,
  addressMessagesPerMinute: 100,
  maxOpenSessions: 2000,
  maxOpenSessionsPerAddress: 10,
  idleMs: 30 * 60_000,
  trustProxy: false,
  challenge: null,
};

/** Reads OMNIDESK_CHAT_*; a missing or malformed value keeps its default. */
export function chatGuardConfigFromEnv(env: Record<string, string | undefined> = process.env): ChatGuardConfig {
  const int = (k: string, d: number) => {
    const v = Number(env[k]?.trim());
    return Number.isInteger(v) && v > 0 ? v : d;
  };
  const d = CHAT_GUARD_DEFAULTS;
  return {
    connectionsPerMinute: int('OMNIDESK_CHAT_CONNECTIONS_PER_MINUTE', d.connectionsPerMinute),
    sessionsPerHour: int('OMNIDESK_CHAT_SESSIONS_PER_HOUR', d.sessionsPerHour),
    messagesPerMinute: int('OMNIDESK_CHAT_MESSAGES_PER_MINUTE', d.messagesPerMinute),
    addressMessagesPerMinute: int('OMNIDESK_CHAT_ADDRESS_MESSAGES_PER_MINUTE', d.addressMessagesPerMinute),
    maxOpenSessions: int('OMNIDESK_CHAT_MAX_OPEN_SESSIONS', d.maxOpenSessions),
    maxOpenSessionsPerAddress: int('OMNIDESK_CHAT_MAX_SESSIONS_PER_ADDRESS', d.maxOpenSessionsPerAddress),
    idleMs: int('OMNIDESK_CHAT_IDLE_MINUTES', d.idleMs / 60_000) * 60_000,
    trustProxy: ['1', 'true', 'yes'].includes((env.OMNIDESK_CHAT_TRUST_PROXY ?? '').trim().toLowerCase()),
    challenge: null,
  };
}

/** Why the guard said no: the visitor's widget shows `message`; `code` is the chat protocol's, not the sync API's. */
export interface ChatRefusal {
  code: 'RATE_LIMITED' | 'TOO_MANY_SESSIONS' | 'CHALLENGE_FAILED';
  message: string;
  retryAfterMs: number;
}

interface OpenSession {
  address: string;
  sockets: number;
  lastSeen: number;
}

export interface ChatGuard {
  /** Admits a socket of `sessionId` (`fresh`: a session id made just now) or says why not. */
  admit(input: { address: string; sessionId: string; fresh: boolean; auth: Readonly<Record<string, unknown>> }): Promise<ChatRefusal | null>;
  /** A message (or offline message) of the session: within the rates, or why not. */
  message(input: { address: string; sessionId: string }): Promise<ChatRefusal | null>;
  /** A typing signal of the session (relayed to agents, never stored): false → drop it silently (60 a minute). */
  typing(sessionId: string): Promise<boolean>;
  /** A socket of the session went away; the session stays open until idle. */
  release(sessionId: string): void;
  /** Forgets sessions with no socket idle for `idleMs`; returns their ids. Runs on a timer too. */
  prune(): string[];
  /** Open sessions: overall, and of one address. */
  openSessions(address?: string): number;
  close(): void;
}

/**
 * `onPrune` hears the ids of pruned sessions (the chat server drops its caches of them). `now` is for tests.
 */
export function createChatGuard(
  config: Partial<ChatGuardConfig> = {},
  options: { onPrune?: (sessionIds: readonly string[]) => void; now?: () => number; pruneEveryMs?: number } = {},
): ChatGuard {
  const c: ChatGuardConfig = { ...CHAT_GUARD_DEFAULTS, ...config };
  const now = options.now ?? Date.now;
  const connections = new RateLimiterMemory({ keyPrefix: 'chat-conn', points: c.connectionsPerMinute, duration: 60 });
  const creations = new RateLimiterMemory({ keyPrefix: 'chat-new', points: c.sessionsPerHour, duration: 3600 });
  const messages = new RateLimiterMemory({ keyPrefix: 'chat-msg', points: c.messagesPerMinute, duration: 60 });
  const typingSignals = new RateLimiterMemory({ keyPrefix: 'chat-typing', points: TYPING_PER_MINUTE, duration: 60 });
  const addressMessages = new RateLimiterMemory({ keyPrefix: 'chat-msg-addr', points: c.addressMessagesPerMinute, duration: 60 });
  const open = new Map<string, OpenSession>();
  const perAddress = new Map<string, number>();

  const limited = async (limiter: RateLimiterMemory, key: string, message: string): Promise<ChatRefusal | null> => {
    try {
      await limiter.consume(key, 1);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return { code: 'RATE_LIMITED', message, retryAfterMs: e.msBeforeNext };
      throw e;
    }
  };
  const forget = (id: string, s: OpenSession) => {
    open.delete(id);
    const n = (perAddress.get(s.address) ?? 1) - 1;
    if (n > 0) perAddress.set(s.address, n);
    else perAddress.delete(s.address);
  };

  const guard: ChatGuard = {
    async admit({ address, sessionId, fresh, auth }) {
      const conn = await limited(connections, address, 'Too many connections from your network; please wait a moment and try again.');
      if (conn) return conn;
      const known = open.get(sessionId);
      if (known) {
        known.sockets++;
        known.lastSeen = now();
        return null;
      }
      const busy: ChatRefusal = { code: 'TOO_MANY_SESSIONS', message: 'Too many chats are open right now; please try again in a few minutes.', retryAfterMs: Math.min(c.idleMs, 60_000) };
      if (open.size >= c.maxOpenSessions) return busy;
      if ((perAddress.get(address) ?? 0) >= c.maxOpenSessionsPerAddress) {
        return { ...busy, message: 'Too many chats are open from your network; please continue in an open one or try again later.' };
      }
      if (fresh) {
        const rate = await limited(creations, address, 'Too many new chats from your network; please try again later.');
        if (rate) return rate;
        if (c.challenge && !(await c.challenge({ address, auth }))) {
          return { code: 'CHALLENGE_FAILED', message: 'Please complete the check before starting a chat.', retryAfterMs: 0 };
        }
      }
      open.set(sessionId, { address, sockets: 1, lastSeen: now() });
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      return null;
    },
    async message({ address, sessionId }) {
      const s = open.get(sessionId);
      if (s) s.lastSeen = now();
      const text = 'You are sending messages too fast; please wait a moment.';
      return (await limited(messages, sessionId, text)) ?? (await limited(addressMessages, address, text));
    },
    async typing(sessionId) {
      return (await limited(typingSignals, sessionId, '')) === null;
    },
    release(sessionId) {
      const s = open.get(sessionId);
      if (!s) return;
      s.sockets = Math.max(0, s.sockets - 1);
      s.lastSeen = now();
    },
    prune() {
      const cutoff = now() - c.idleMs;
      const gone: string[] = [];
      for (const [id, s] of open) {
        if (s.sockets === 0 && s.lastSeen <= cutoff) {
          forget(id, s);
          gone.push(id);
        }
      }
      if (gone.length) options.onPrune?.(gone);
      return gone;
    },
    openSessions(address) {
      return address === undefined ? open.size : (perAddress.get(address) ?? 0);
    },
    close() {
      clearInterval(timer);
    },
  };
  const timer = setInterval(() => guard.prune(), options.pruneEveryMs ?? Math.min(c.idleMs, 60_000));
  timer.unref();
  return guard;
}

/** The visitor's address: the socket's peer, or the first X-Forwarded-For entry when a trusted proxy sets it. */
export function chatAddress(handshake: { address: string; headers: Record<string, string | string[] | undefined> }, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
    if (first) return first.slice(0, 100);
  }
  return handshake.address;
}
