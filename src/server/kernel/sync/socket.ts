import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { describeIssues, OmnideskError, parseOrThrow, type ErrorBody } from '../../../shared/kernel/errors';
import {
  BootstrapRequest,
  FetchRequest,
  HandshakeAuth,
  MAX_PUSH_BATCH,
  PullRequest,
  PushRequest,
  ReferenceRequest,
  SYNC_EVENTS,
  type Ack,
  type BootstrapResponse,
  type FetchResponse,
  type Poke,
  type PullResponse,
  type PushResponse,
  type ReferenceResponse,
} from '../../../shared/contracts/sync';
import type { Agent } from '../../../shared/kernel/agent';
import { agentFromToken } from '../auth/session';
import { sessionActive, SESSION_TTL_MS } from '../auth/sessions';
import type { Db } from '../db/types';
import { loadAgent } from '../events/store';
import { safeError } from '../logger';
import { pullReference } from '../reference/pull';
import { processPull, recordPullCursor } from './pull';
import { processPush } from './push';
import { bindClient } from './clients';
import { desktopConnected, desktopDisconnected, desktopReported } from './health';
import { announceChange } from '../events/changes';
import { processBootstrap, processBootstrapPull, processFetch } from './scope';
import { answerJson, packAnswer, type PageAnswer } from './page';
import { PageCache } from './page-cache';
import { PageGate, type PageGateOptions } from './gate';

/** Clients may send anything: handlers take unknown arguments and validate them. */
export interface ClientToServerEvents {
  'sync:push': (...args: unknown[]) => void;
  'sync:pull': (...args: unknown[]) => void;
  'sync:bootstrap': (...args: unknown[]) => void;
  'sync:fetch': (...args: unknown[]) => void;
  'sync:reference': (...args: unknown[]) => void;
}
export interface ServerToClientEvents {
  'sync:poke': (poke: Poke) => void;
}
export interface SocketData {
  agentId: string;
  clientId: string;
  /** token expiry, ms since epoch: requests after it are refused and the socket is closed */
  expiresAt: number;
  /** rooms joined on connection: the agent's team rooms, or the admin room */
  rooms: string[];
  /** the token's session: every request checks it is still active (logout, a reused refresh token end it) */
  sessionId: string | null;
  /** what live features keep about this socket while it lives (the customer it views, issue 16); ids only */
  live?: Record<string, unknown>;
}
export type SyncServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SyncSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const teamRoom = (teamId: string) => `team:${teamId}`;
export const ADMIN_ROOM = 'admins';
/** Every desktop of one agent: live notifications meant for them alone (an offer) go here. */
export const agentRoom = (agentId: string) => `agent:${agentId}`;

/**
 * What a feature may do when an agent's desktop connects or disconnects (routing's presence). Registered by the
 * composition root; the kernel never imports a feature. `stillConnected`: another desktop of the agent is connected
 * (on any instance, through the socket.io adapter).
 */
export interface ConnectionHook {
  name: string;
  connected?(agentId: string): Promise<void>;
  disconnected?(agentId: string, stillConnected: boolean): Promise<void>;
}
const connectionHooks: ConnectionHook[] = [];
export function registerConnectionHook(hook: ConnectionHook): void {
  const i = connectionHooks.findIndex((h) => h.name === hook.name);
  if (i >= 0) connectionHooks[i] = hook;
  else connectionHooks.push(hook);
}

/**
 * A feature's handler of a live event a desktop sends (`live:*`, never stored: who is viewing a customer). Registered by
 * the composition root; the socket guard has already checked the event's entry in SOCKET_PERMISSIONS. `disconnected`
 * runs when the socket goes (to tell the others it left).
 */
export interface LiveHandler {
  event: string;
  handle(io: SyncServer, socket: SyncSocket, payload: unknown): Promise<void>;
  disconnected?(io: SyncServer, socket: SyncSocket): Promise<void>;
}
const liveHandlers: LiveHandler[] = [];
export function registerLiveHandler(handler: LiveHandler): void {
  const i = liveHandlers.findIndex((h) => h.event === handler.event);
  if (i >= 0) liveHandlers[i] = handler;
  else liveHandlers.push(handler);
}

/**
 * The agents with a desktop connected to any instance (through the socket.io adapter, so across instances): what a
 * sweep compares stored presence with, when an instance died without its sockets saying goodbye.
 */
export async function connectedAgents(io: SyncServer): Promise<Set<string>> {
  const sockets = await io.fetchSockets();
  return new Set(sockets.map((s) => s.data.agentId).filter((id): id is string => typeof id === 'string'));
}

/** A live, never-stored notification (`live:*`) to every connected desktop of one agent. */
export function notifyAgent(io: SyncServer, agentId: string, event: string, payload: unknown): void {
  if (!event.startsWith('live:')) throw new Error(`not a live event: ${event}`);
  (io.to(agentRoom(agentId)) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
}

export interface SyncDeps {
  db: Db;
  jwtSecret: string;
  logger: Logger;
  /** back-pressure on page work (PageGate); defaults: 8 at a time, 5,000 waiting */
  pages?: Partial<PageGateOptions>;
}

/** Error passed to next() in the handshake; the client sees message and data in `connect_error`. */
class HandshakeError extends Error {
  constructor(readonly data: ErrorBody) {
    super(data.message);
  }
}

/**
 * "Something new up to seq": each team room gets the highest seq appended for that team; admins
 * (who see every team) get the overall highest once.
 */
export function pokeTeams(io: SyncServer, teamSeqs: ReadonlyMap<string, number>): void {
  let top = 0;
  for (const [teamId, seq] of teamSeqs) {
    io.to(teamRoom(teamId)).except(ADMIN_ROOM).emit(SYNC_EVENTS.poke, { seq });
    top = Math.max(top, seq);
  }
  if (top > 0) io.to(ADMIN_ROOM).emit(SYNC_EVENTS.poke, { seq: top });
  announceChange({ teams: [...teamSeqs.keys()] });
}

/** The reference data moved to `version` (an article published, a policy saved): every signed-in desktop pulls it. */
export function pokeReference(io: SyncServer, version: number): void {
  io.emit(SYNC_EVENTS.poke, { seq: 0, ref: version });
}

/** What the server's shutdown asks of sync (issue 17): stop taking desktops, finish what they asked. */
export interface SyncControl {
  /** from now on handshakes are refused (UNAVAILABLE: the client retries, through the balancer, elsewhere) */
  drain(): void;
  /** resolves when no request is being handled (or after `timeoutMs`), so pushes in flight get their answer */
  idle(timeoutMs: number): Promise<void>;
}

export function attachSync(io: SyncServer, deps: SyncDeps): SyncControl {
  const { db, jwtSecret, logger } = deps;
  const pages = new PageCache();
  const gate = new PageGate({ concurrency: deps.pages?.concurrency ?? 8, maxWaiting: deps.pages?.maxWaiting ?? 5_000 });
  let draining = false;
  let inFlight = 0;
  const idleWaiters: Array<() => void> = [];

  io.use((socket, next) => {
    void (async () => {
      if (draining) throw new OmnideskError('UNAVAILABLE', 'this server is shutting down: try again');
      const auth = HandshakeAuth.safeParse(socket.handshake.auth);
      if (!auth.success) throw new OmnideskError('UNAUTHENTICATED', `handshake auth: ${describeIssues(auth.error)}`);
      const { agent, claims } = await agentFromToken(db, jwtSecret, auth.data.token);
      await bindClient(db, auth.data.clientId, agent.id);
      socket.data = {
        agentId: agent.id,
        clientId: auth.data.clientId,
        // a session's socket lives as long as the session (checked on every request), not the 15-minute token
        expiresAt: claims.sid ? claims.iat * 1000 + SESSION_TTL_MS : claims.exp * 1000,
        sessionId: claims.sid ?? null,
        rooms: [...(agent.role === 'admin' ? [ADMIN_ROOM] : agent.teamIds.map(teamRoom)), agentRoom(agent.id)],
      };
    })().then(
      () => next(),
      (err: unknown) => {
        const body: ErrorBody =
          err instanceof OmnideskError ? err.toBody() : { code: 'UNAVAILABLE', message: 'server cannot check credentials now' };
        if (!(err instanceof OmnideskError)) logger.error({ err: safeError(err) }, 'sync handshake failed');
        else logger.info({ code: body.code }, 'sync handshake refused');
        next(new HandshakeError(body));
      },
    );
  });

  io.on('connection', (socket) => {
    void socket.join(socket.data.rooms);
    logger.info({ socketId: socket.id, agentId: socket.data.agentId, clientId: socket.data.clientId }, 'sync connected');
    runHooks('connected', socket.data.agentId, (h) => h.connected?.(socket.data.agentId));
    const unsynced = (socket.handshake.auth as { unsynced?: unknown }).unsynced;
    health(socket.data.agentId, () => desktopConnected(db, socket.data.clientId, typeof unsynced === 'number' && Number.isInteger(unsynced) && unsynced >= 0 ? unsynced : undefined));
    // One request at a time per socket, in arrival order: a client's pushes keep their order.
    let queue: Promise<void> = Promise.resolve();
    const serial = (job: () => Promise<void>) => {
      inFlight += 1;
      queue = queue
        .then(job)
        .catch((err: unknown) => logger.error({ err: safeError(err) }, 'sync job failed'))
        .finally(() => {
          inFlight -= 1;
          if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
        });
    };

    socket.on(SYNC_EVENTS.push, (...args: unknown[]) => {
      const req = split(args);
      if (!req) return ignored(socket, SYNC_EVENTS.push);
      serial(() => respond(socket, SYNC_EVENTS.push, req.ack, () => handlePush(socket, req.payload)));
    });
    socket.on(SYNC_EVENTS.pull, (...args: unknown[]) => {
      const req = split(args);
      if (!req) return ignored(socket, SYNC_EVENTS.pull);
      serial(() => respond(socket, SYNC_EVENTS.pull, req.ack, () => handlePull(socket, req.payload)));
    });
    socket.on(SYNC_EVENTS.bootstrap, (...args: unknown[]) => {
      const req = split(args);
      if (!req) return ignored(socket, SYNC_EVENTS.bootstrap);
      serial(() => respond(socket, SYNC_EVENTS.bootstrap, req.ack, () => handleBootstrap(socket, req.payload)));
    });
    socket.on(SYNC_EVENTS.fetch, (...args: unknown[]) => {
      const req = split(args);
      if (!req) return ignored(socket, SYNC_EVENTS.fetch);
      serial(() => respond(socket, SYNC_EVENTS.fetch, req.ack, () => handleFetch(socket, req.payload)));
    });
    socket.on(SYNC_EVENTS.reference, (...args: unknown[]) => {
      const req = split(args);
      if (!req) return ignored(socket, SYNC_EVENTS.reference);
      serial(() => respond(socket, SYNC_EVENTS.reference, req.ack, () => handleReference(socket, req.payload)));
    });
    for (const h of liveHandlers) {
      // a feature's own event name: outside the typed sync events
      (socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on(h.event, (payload: unknown) => {
        h.handle(io, socket, payload).catch((err: unknown) => logger.warn({ event: h.event, err: safeError(err) }, 'live event failed'));
      });
    }
    socket.on('disconnect', (reason) => {
      logger.info({ socketId: socket.id, agentId: socket.data.agentId, reason }, 'sync disconnected');
      for (const h of liveHandlers) h.disconnected?.(io, socket).catch((err: unknown) => logger.warn({ event: h.event, err: safeError(err) }, 'live disconnect failed'));
      const agentId = socket.data.agentId;
      health(agentId, () => desktopDisconnected(db, socket.data.clientId));
      agentLeft(agentId);
    });
  });

  const control: SyncControl = {
    drain() {
      draining = true;
    },
    idle(timeoutMs) {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };

  /**
   * A socket of `agentId` went away: the hooks hear whether the agent still has a socket anywhere (a question to the
   * whole cluster). Coalesced per agent — while one asks, more disconnects of the same agent ask once more after it —
   * so an instance letting a thousand sockets go does not send the cluster a thousand questions at once.
   */
  const leaving = new Map<string, { again: boolean }>();
  function agentLeft(agentId: string): void {
    const pending = leaving.get(agentId);
    if (pending) {
      pending.again = true;
      return;
    }
    const state = { again: false };
    leaving.set(agentId, state);
    void (async () => {
      try {
        do {
          state.again = false;
          const others = (await io.in(agentRoom(agentId)).fetchSockets()).length > 0;
          await Promise.all(
            connectionHooks.map((h) =>
              Promise.resolve(h.disconnected?.(agentId, others)).catch((err: unknown) => logger.error({ hook: h.name, what: 'disconnected', agentId, err: safeError(err) }, 'connection hook failed')),
            ),
          );
        } while (state.again);
      } catch (err) {
        logger.error({ what: 'disconnected', agentId, err: safeError(err) }, 'connection hook failed');
      } finally {
        leaving.delete(agentId);
      }
    })();
  }

  function runHooks(what: string, agentId: string, fn: (h: ConnectionHook) => Promise<void> | undefined): void {
    for (const h of connectionHooks) {
      void Promise.resolve()
        .then(() => fn(h))
        .catch((err: unknown) => logger.error({ hook: h.name, what, agentId, err: safeError(err) }, 'connection hook failed'));
    }
  }

  /** Records a desktop's sync health, then says the agent changed (the lead console's wallboard). */
  function health(agentId: string, write: () => Promise<void>): void {
    write().then(
      () => announceChange({ agents: [agentId] }),
      (err: unknown) => logger.error({ agentId, err: safeError(err) }, 'sync health not recorded'),
    );
  }

  function ignored(socket: SyncSocket, event: string): void {
    logger.warn({ socketId: socket.id, agentId: socket.data.agentId, event }, 'sync message without ack callback ignored');
  }

  /** The caller as stored now (a role or team change applies at once); closes the socket when the token expired. */
  async function currentAgent(socket: SyncSocket): Promise<Agent> {
    if (Date.now() >= socket.data.expiresAt) {
      setTimeout(() => socket.disconnect(true), 50);
      throw new OmnideskError('UNAUTHENTICATED', 'token expired');
    }
    if (socket.data.sessionId && !(await sessionActive(db, socket.data.sessionId))) {
      setTimeout(() => socket.disconnect(true), 50);
      throw new OmnideskError('UNAUTHENTICATED', 'the session has ended: sign in again');
    }
    const agent = await loadAgent(db, socket.data.agentId);
    if (!agent) {
      setTimeout(() => socket.disconnect(true), 50);
      throw new OmnideskError('UNAUTHENTICATED', 'agent no longer exists');
    }
    return agent;
  }

  async function handlePush(socket: SyncSocket, payload: unknown): Promise<PushResponse> {
    const mutations = (payload as { mutations?: unknown } | null)?.mutations;
    if (Array.isArray(mutations) && mutations.length > MAX_PUSH_BATCH) {
      throw new OmnideskError('PAYLOAD_TOO_LARGE', `at most ${MAX_PUSH_BATCH} mutations per push`);
    }
    const req = parseOrThrow(PushRequest, payload, 'sync:push');
    const agent = await currentAgent(socket);
    const { results, teamSeqs, resequence } = await processPush(db, agent, socket.data.clientId, req.mutations);
    pokeTeams(io, teamSeqs);
    if (req.unsyncedAfter !== undefined) health(agent.id, () => desktopReported(db, socket.data.clientId, req.unsyncedAfter!));
    const count = (s: string) => results.filter((r) => r.status === s).length;
    logger.info(
      { socketId: socket.id, agentId: agent.id, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected') },
      'sync:push',
    );
    if (resequence) logger.warn({ socketId: socket.id, agentId: agent.id, after: resequence.after }, 'sync:push behind this client\'s last clientSeq; client will renumber');
    return resequence ? { results, resequence } : { results };
  }

  async function handlePull(socket: SyncSocket, payload: unknown): Promise<PullResponse | Buffer> {
    const req = parseOrThrow(PullRequest, payload, 'sync:pull');
    const agent = await currentAgent(socket);
    const clientId = socket.data.clientId;
    const pull = (r: PullRequest) =>
      r.until === undefined ? processPull(db, agent, r, pages) : processBootstrapPull(db, agent, clientId, { ...r, until: r.until }, pages);
    const res = await gate.run(() => pull(req));
    // Read-ahead: the desktop will ask for the next page as soon as this one arrives; build it meanwhile (into the
    // page cache) when a turn is free, so the desktop's next request finds it ready.
    if (res.hasMore) gate.runIfIdle(() => pull({ ...req, cursor: res.cursor }))?.catch(() => undefined);
    await recordPullCursor(db, clientId, agent.id, res.cursor);
    logger.debug({ socketId: socket.id, agentId: agent.id, n: res.page.n, cursor: res.cursor }, 'sync:pull');
    return encodeAnswer(res, req.packed);
  }

  async function handleBootstrap(socket: SyncSocket, payload: unknown): Promise<BootstrapResponse> {
    const req = parseOrThrow(BootstrapRequest, payload, 'sync:bootstrap');
    const agent = await currentAgent(socket);
    const res = await processBootstrap(db, agent, socket.data.clientId, req);
    logger.info({ socketId: socket.id, agentId: agent.id, scope: res.scope, customers: res.customers, top: res.top }, 'sync:bootstrap');
    return res;
  }

  async function handleFetch(socket: SyncSocket, payload: unknown): Promise<FetchResponse | Buffer> {
    const req = parseOrThrow(FetchRequest, payload, 'sync:fetch');
    const agent = await currentAgent(socket);
    const res = await gate.run(() => processFetch(db, agent, req));
    logger.debug({ socketId: socket.id, agentId: agent.id, customers: req.customerIds.length, n: res.page.n }, 'sync:fetch');
    return encodeAnswer(res, req.packed);
  }

  async function handleReference(socket: SyncSocket, payload: unknown): Promise<ReferenceResponse> {
    const req = parseOrThrow(ReferenceRequest, payload, 'sync:reference');
    const agent = await currentAgent(socket);
    const res = await pullReference(db, agent, req.after, req.limit);
    logger.debug({ socketId: socket.id, agentId: agent.id, n: res.items.length, next: res.next }, 'sync:reference');
    return res;
  }

  async function respond<T>(socket: SyncSocket, event: string, ack: (res: Ack<T>) => void, fn: () => Promise<T>): Promise<void> {
    let res: Ack<T>;
    try {
      res = { ok: true, value: await fn() };
    } catch (err) {
      if (err instanceof OmnideskError) {
        logger.warn({ socketId: socket.id, agentId: socket.data.agentId, event, code: err.code }, 'sync request refused');
        res = { ok: false, error: err.toBody() };
      } else {
        logger.error({ socketId: socket.id, agentId: socket.data.agentId, event, err: safeError(err) }, 'sync request failed');
        res = { ok: false, error: { code: 'INTERNAL', message: 'internal error; retry later' } };
      }
    }
    ack(res);
  }

  return control;
}

/**
 * A page as the client asked for it: its packed bytes (a binary attachment socket.io sends as it is), or for a
 * client that did not ask `packed` (one from before issue 17), the object.
 */
async function encodeAnswer(a: PageAnswer, packed: boolean | undefined): Promise<PullResponse | Buffer> {
  return packed ? packAnswer(a) : (JSON.parse(answerJson(a)) as PullResponse);
}

/** socket.io passes the ack callback last; a message without one cannot be answered. */
function split(args: unknown[]): { payload: unknown; ack: (res: unknown) => void } | null {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return null;
  return { payload: args.length >= 2 ? args[0] : undefined, ack: last as (res: unknown) => void };
}
