import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  BootstrapResponse,
  DEFAULT_HISTORY_DAYS,
  MAX_FETCH_CUSTOMERS,
  MAX_HISTORY_DAYS,
  MAX_PULL_LIMIT,
  MAX_PUSH_BATCH,
  OmnideskError,
  Poke,
  PullResponse,
  PushResponse,
  SYNC_EVENTS,
  ackSchema,
  type Ack,
  type ErrorBody,
  type HandshakeAuth,
  type Mutation,
  type PullRequest,
  type SyncState,
  type SyncStatus,
} from '../../../../shared/index';
import { errorFacts, silentLogger, type Logger } from '../logger';
import { applyPulledPage, applyPushResults, resequenceOutbox, touched, type Store, type Touched } from '../store/index';
import { nowIso } from '../time';
import { backoffDelay, type BackoffOptions } from './backoff';
import { pullReference } from './reference';

export interface SyncClientOptions {
  serverUrl: string;
  token: string;
  store: Store;
  logger?: Logger;
  /** events per pull page (default and at most MAX_PULL_LIMIT) */
  pullLimit?: number;
  /** how long to wait for a push/pull ack before treating the request as lost */
  ackTimeoutMs?: number;
  /** socket.io-client reconnection: 500 ms doubling to 30 s, ±50 % jitter by default */
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  randomizationFactor?: number;
  /** days of history a new cache is bootstrapped with and kept to (DEFAULT_HISTORY_DAYS) */
  historyDays?: number;
  /** how often customers that left the window are pruned (default 1 hour) */
  pruneIntervalMs?: number;
  /** live, never-stored server notifications (`live:*`: call pops, chat typing) */
  onLive?: (event: string, payload: unknown) => void;
}

/** What changed in the cache: the payload of the bridge's `data.changed`. */
export interface DataChange {
  customerIds: string[];
  caseIds: string[];
  all: boolean;
}

/** A page this large counts as a bulk catch-up: the UI refetches everything. */
const BULK_PAGE = 200;

const PushAck = ackSchema(PushResponse);
const PullAck = ackSchema(PullResponse);
const BootstrapAck = ackSchema(BootstrapResponse);

/** A sync round that could not finish; retried with backoff. Carries a code, never data. */
class SyncProblem extends Error {
  constructor(
    readonly code: string,
    /** the server's refusal, when it answered with one */
    readonly refusal: ErrorBody | null = null,
  ) {
    super(code);
  }
}

/** Codes with which the server refuses a push for what it contains: retrying the same batch cannot help. */
const CONTENT_REFUSALS = new Set(['INVALID_ARGUMENT', 'PAYLOAD_TOO_LARGE']);
/** A push batch stays well under MAX_SYNC_FRAME_BYTES (a frame over it would close the connection). */
const MAX_PUSH_CHARS = 1_000_000;
class Stopped extends Error {}

/**
 * The desktop's side of the sync protocol (src/shared/contracts/sync.ts) over socket.io-client.
 *
 * On every connect: push the outbox in clientSeq order (batches ≤ MAX_PUSH_BATCH), then pull pages after
 * the cursor until `hasMore` is false. `sync:poke` and local changes start another round. Rounds never
 * overlap (one at a time), so the cache has one writer. Every server answer is validated; a corrupt one is
 * logged without data and not applied, and the round is retried with backoff.
 */
export class SyncClient {
  private readonly store: Store;
  private readonly log: Logger;
  private readonly pullLimit: number;
  private readonly historyDays: number;
  private readonly pruneIntervalMs: number;
  /** customers the agent opened that the cache does not hold: fetched by the next round */
  private fetchQueue: Array<{ customerId: string; resolve: (found: boolean) => void; reject: (err: Error) => void }> = [];
  private readonly ackTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private socket: Socket | null = null;
  private state: SyncState = 'connecting';
  private stopped = false;
  private running = false;
  private wantPush = true;
  private wantPull = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempts = 0;
  /** mutations per push: MAX_PUSH_BATCH, or 1 while isolating a mutation the server refuses */
  private pushLimit = MAX_PUSH_BATCH;
  private lastStatus = '';
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly changeListeners = new Set<(c: DataChange) => void>();

  constructor(private readonly opts: SyncClientOptions) {
    this.store = opts.store;
    this.log = opts.logger ?? silentLogger;
    this.pullLimit = Math.min(MAX_PULL_LIMIT, Math.max(1, opts.pullLimit ?? MAX_PULL_LIMIT));
    this.historyDays = Math.min(MAX_HISTORY_DAYS, Math.max(1, Math.round(opts.historyDays ?? DEFAULT_HISTORY_DAYS)));
    this.pruneIntervalMs = opts.pruneIntervalMs ?? 3_600_000;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 15_000;
    this.backoff = {
      initialMs: opts.reconnectionDelay ?? 500,
      maxMs: opts.reconnectionDelayMax ?? 30_000,
      randomizationFactor: opts.randomizationFactor ?? 0.5,
    };
  }

  start(): void {
    if (this.socket || this.stopped) return;
    const auth: HandshakeAuth = { token: this.opts.token, clientId: this.store.meta.clientId() };
    const socket = io(this.opts.serverUrl, {
      auth,
      // WebSocket only: no long-polling, so several server instances need no sticky sessions.
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: this.backoff.initialMs,
      reconnectionDelayMax: this.backoff.maxMs,
      randomizationFactor: this.backoff.randomizationFactor,
      timeout: 10_000,
      autoConnect: false,
    });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.stopped) return;
      this.reconnectAttempts = 0;
      this.log.info({ clientId: auth.clientId }, 'sync connected');
      this.wantPush = true;
      this.wantPull = true;
      this.setState('syncing');
      this.kick();
    });
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      this.log.info({ reason }, 'sync disconnected');
      this.setState('offline');
      this.failFetches();
      // The server hung up on purpose: socket.io does not reconnect by itself then.
      if (reason === 'io server disconnect') this.scheduleReconnect();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      if (this.stopped) return;
      const code = connectErrorCode(err);
      this.log.warn({ code }, 'sync connect failed');
      // The server refused the token (expired, revoked, agent gone): the agent must sign in again ('reauth').
      this.setState(code === 'UNAUTHENTICATED' ? 'reauth' : 'offline');
      // A refused handshake (bad/expired token) is not retried by socket.io; retry with backoff ourselves.
      if (!socket.active) this.scheduleReconnect();
    });
    // live, never-stored notifications (call pops, typing): handed to channels/live.ts
    socket.onAny((event: string, payload: unknown) => {
      if (!this.stopped && event.startsWith('live:')) this.opts.onLive?.(event, payload);
    });
    socket.on(SYNC_EVENTS.poke, (payload: unknown) => {
      if (this.stopped) return;
      const poke = Poke.safeParse(payload);
      if (!poke.success) {
        this.log.warn({ event: SYNC_EVENTS.poke, issues: poke.error.issues.length }, 'corrupt poke ignored');
        return;
      }
      if (poke.data.seq > this.store.meta.cursor()) {
        this.wantPull = true;
        this.kick();
      }
    });
    this.setState('connecting');
    socket.connect();
  }

  /** Sends a live, never-stored notification (agent typing) when connected; dropped otherwise. */
  emitLive(event: string, payload: unknown): void {
    if (this.socket?.connected && event.startsWith('live:')) this.socket.emit(event, payload);
  }

  /** Stops for good: no more network, no more cache access (the cache may be closed right after). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.retryTimer = this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    this.statusListeners.clear();
    this.changeListeners.clear();
    this.failFetches();
  }

  /**
   * Makes sure the cache holds `customerId` (any customer the agent may see, opened from a server search):
   * fetched whole by the next round and kept from then on. Resolves true when held, false when the server
   * has nothing of it this agent may see; rejects with UNAVAILABLE when the server cannot be reached.
   */
  ensureCustomer(customerId: string): Promise<boolean> {
    if (this.store.replica.holds(customerId)) return Promise.resolve(true);
    if (this.stopped || !this.socket?.connected) {
      return Promise.reject(new OmnideskError('UNAVAILABLE', 'this customer is not on this desktop yet; it opens once the server is reachable'));
    }
    return new Promise((resolve, reject) => {
      this.fetchQueue.push({ customerId, resolve, reject });
      this.kick();
    });
  }

  private async fetchRequested(): Promise<void> {
    const jobs = this.fetchQueue.splice(0);
    const ids = [...new Set(jobs.map((j) => j.customerId))].filter((id) => !this.store.replica.holds(id));
    try {
      // during a bootstrap, up to its checkpoint: the bootstrap pages carry only the scope's customers
      const upTo = Math.max(this.store.meta.cursor(), this.store.meta.bootstrapTop() ?? 0);
      if (ids.length > 0) await this.fetchCustomers(ids, upTo);
    } catch (err) {
      if (this.stopped) for (const j of jobs) j.reject(new OmnideskError('UNAVAILABLE', 'signed out'));
      else this.fetchQueue.unshift(...jobs); // failed with the round (failFetches)
      throw err;
    }
    const at = nowIso();
    for (const j of jobs) {
      const held = this.store.replica.holds(j.customerId);
      if (held) this.store.replica.keep(j.customerId, at);
      j.resolve(held);
    }
  }

  /** The round failed (offline, server error): the agent sees the open fail now rather than wait. */
  private failFetches(): void {
    for (const j of this.fetchQueue.splice(0)) {
      j.reject(new OmnideskError('UNAVAILABLE', 'the server could not send this customer now; try again'));
    }
  }

  /** A local change was recorded: report the new pending count and push it when connected. */
  nudge(): void {
    if (this.stopped) return;
    this.wantPush = true;
    this.emitStatus();
    this.kick();
  }

  status(): SyncStatus {
    const counts = this.store.isOpen ? this.store.outbox.counts() : { pending: 0, rejected: 0 };
    return {
      state: this.state,
      pending: counts.pending,
      rejected: counts.rejected,
      cursor: this.store.isOpen ? this.store.meta.cursor() : 0,
      lastSyncedAt: this.store.isOpen ? this.store.meta.lastSyncedAt() : null,
    };
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onChange(listener: (c: DataChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** True while a round is running or waiting to run. For tests and diagnostics. */
  get busy(): boolean {
    return this.running || this.retryTimer !== null;
  }

  private kick(): void {
    if (this.stopped || this.running || this.retryTimer || !this.socket?.connected) return;
    if (!this.wantPush && !this.wantPull && this.fetchQueue.length === 0) return;
    this.running = true;
    void this.round().finally(() => {
      this.running = false;
      if (!this.stopped && !this.retryTimer) this.kick();
    });
  }

  private async round(): Promise<void> {
    this.setState('syncing');
    let failed = false;
    try {
      while (!this.stopped && this.socket?.connected && (this.wantPush || this.wantPull || this.fetchQueue.length > 0)) {
        if (this.wantPush) {
          this.wantPush = false;
          await this.pushAll();
        } else if (this.fetchQueue.length > 0) {
          await this.fetchRequested();
        } else {
          this.wantPull = false;
          await this.pullAll();
        }
      }
      this.retryAttempts = 0;
    } catch (err) {
      if (err instanceof Stopped || this.stopped) return;
      failed = true;
      if (err instanceof SyncProblem) this.log.warn({ code: err.code }, 'sync round failed; will retry');
      else this.log.error(errorFacts(err), 'sync round failed unexpectedly; will retry');
      this.wantPush = true;
      this.wantPull = true;
      this.failFetches();
      this.scheduleRetry();
    } finally {
      if (!this.stopped && !failed) this.setState(this.socket?.connected ? 'online' : 'offline');
    }
  }

  private async pushAll(): Promise<void> {
    let lastResequence = -1;
    for (;;) {
      const batch = capBatch(this.store.outbox.pendingBatch(this.pushLimit));
      if (batch.length === 0) {
        this.pushLimit = MAX_PUSH_BATCH;
        return;
      }
      let answer: PushResponse;
      try {
        answer = await this.request(SYNC_EVENTS.push, { mutations: batch }, PushAck);
      } catch (err) {
        if (!(err instanceof SyncProblem) || !err.refusal || !CONTENT_REFUSALS.has(err.refusal.code)) throw err;
        if (batch.length > 1) {
          // Something in the batch is refused as a whole (malformed, unknown to this server, too large):
          // push one at a time until the culprit is found, so it cannot hold up the rest of the queue.
          this.log.warn({ code: err.refusal.code, size: batch.length }, 'push batch refused; retrying one by one');
          this.pushLimit = 1;
          continue;
        }
        // This one mutation is refused: it becomes a rejection the agent sees (redo or discard), not a stuck queue.
        answer = { results: [{ id: batch[0]!.id, status: 'rejected', error: err.refusal }] };
        this.pushLimit = MAX_PUSH_BATCH;
      }
      const r = applyPushResults(this.store, batch, answer.results);
      this.log.info({ sent: batch.length, answered: r.answered, rejected: r.rejected }, 'sync pushed');
      this.emitChange(r.touched, false);
      this.emitStatus();
      if (answer.resequence) {
        // This cache was restored from a backup: its numbering went back. Renumber after the server's
        // last one and push the rest again (nothing from the first renumbered mutation on was applied).
        if (answer.resequence.after === lastResequence) throw new SyncProblem('RESEQUENCE_LOOP');
        lastResequence = answer.resequence.after;
        const n = resequenceOutbox(this.store, answer.resequence.after);
        this.log.warn({ after: answer.resequence.after, renumbered: n }, 'outbox renumbered after a restored cache');
        continue;
      }
      if (r.answered < batch.length) throw new SyncProblem('PUSH_INCOMPLETE');
    }
  }

  /**
   * Pulls until the cache is at the server's head: first, for a new cache, its bootstrap scope up to the
   * checkpoint (the server decides the scope; see src/server/kernel/sync/scope.ts); then the log after the cursor,
   * fetching whole any customer a page mentions that the cache does not hold yet, before applying the page.
   */
  private async pullAll(): Promise<void> {
    let top = this.store.meta.bootstrapTop();
    // A cache that never bootstrapped (a new one; not one made before partial replication: it holds its teams)
    if (top === null && this.store.meta.cursor() === 0 && this.store.meta.replicaScope() === null) {
      const b = await this.request(SYNC_EVENTS.bootstrap, { historyDays: this.historyDays }, BootstrapAck);
      this.store.tx(() => {
        this.store.meta.setBootstrapTop(b.top);
        this.store.meta.setReplicaScope(b.scope);
      });
      this.log.info({ scope: b.scope, customers: b.customers, top: b.top }, 'sync bootstrap');
      top = b.top;
    }
    if (top !== null) {
      const until = top;
      try {
        await this.pullPages((cursor) => ({ cursor, limit: this.pullLimit, until }), false);
      } catch (err) {
        if (err instanceof SyncProblem && err.refusal?.code === 'CONFLICT') {
          // The server no longer knows this bootstrap (replaced, or its database restored): start it again.
          // Events already here are skipped on the way, so nothing is applied twice.
          this.log.warn({ code: err.refusal.code }, 'bootstrap scope expired; bootstrapping again');
          this.store.tx(() => {
            this.store.meta.setBootstrapTop(null);
            this.store.meta.setReplicaScope(null);
            this.store.meta.setCursor(0);
          });
        }
        throw err;
      }
      this.store.meta.setBootstrapTop(null);
      this.pruneIfDue(true);
    }
    await this.pullPages((cursor) => ({ cursor, limit: this.pullLimit }), true);
    // Reference data (the directory, …): its own versioned stream, kept whole, pulled right after the events (./reference.ts).
    await pullReference(this.store, (event, payload, schema) => this.request(event, payload, schema), { limit: this.pullLimit, log: this.log, onChanged: () => this.emitChange(touched(), true) });
    this.store.meta.setLastSyncedAt(nowIso());
    this.pruneIfDue(false);
    this.emitStatus();
  }

  private async pullPages(req: (cursor: number) => PullRequest, fetchMissing: boolean): Promise<void> {
    const ask = (cursor: number) => {
      const p = this.request(SYNC_EVENTS.pull, req(cursor), PullAck);
      p.catch(() => undefined); // a prefetch nobody awaits (the round failed first) must not go unhandled
      return p;
    };
    let cursor = this.store.meta.cursor();
    let next = ask(cursor);
    for (;;) {
      const page = await next;
      const problem = pageProblem(page, cursor, req(cursor).until);
      if (problem) {
        this.log.warn({ event: SYNC_EVENTS.pull, problem }, 'corrupt sync answer not applied');
        throw new SyncProblem('CORRUPT_ANSWER');
      }
      // Pipelined: the next page is on its way while this one is written to the cache.
      if (page.hasMore) next = ask(page.cursor);
      if (fetchMissing) {
        const missing = this.store.replica.missingFor(page.events);
        if (missing.length > 0) await this.fetchCustomers(missing, cursor);
      }
      const t = applyPulledPage(this.store, page);
      this.store.fts.poke(); // full-text indexing follows off this path (store/fts-indexer.ts)
      const from = cursor;
      cursor = this.store.meta.cursor();
      this.log.info({ events: page.events.length, cursor: page.cursor }, 'sync pulled');
      if (page.events.length > 0) this.emitChange(t, from === 0 || page.events.length >= BULK_PAGE);
      if (!page.hasMore) break;
      this.emitStatus();
    }
  }

  /**
   * Brings whole customers into the cache: their visible history with seq ≤ upTo (the cursor now; what
   * follows comes with the pull). Returns how many events arrived. Events already here are skipped.
   */
  private async fetchCustomers(customerIds: readonly string[], upTo: number): Promise<number> {
    let n = 0;
    for (let i = 0; i < customerIds.length; i += MAX_FETCH_CUSTOMERS) {
      const ids = customerIds.slice(i, i + MAX_FETCH_CUSTOMERS);
      let after = 0;
      for (;;) {
        const page = await this.request(SYNC_EVENTS.fetch, { customerIds: ids, upTo, after, limit: this.pullLimit }, PullAck);
        const problem = fetchProblem(page, ids, after, upTo);
        if (problem) {
          this.log.warn({ event: SYNC_EVENTS.fetch, problem }, 'corrupt sync answer not applied');
          throw new SyncProblem('CORRUPT_ANSWER');
        }
        // the cursor stays where it is: these events are all at or before it
        const t = applyPulledPage(this.store, { events: page.events, cursor: this.store.meta.cursor(), hasMore: page.hasMore });
        this.store.fts.poke();
        n += page.events.length;
        if (page.events.length > 0) this.emitChange(t, page.events.length >= BULK_PAGE);
        if (!page.hasMore) break;
        after = page.cursor;
      }
    }
    this.log.info({ customers: customerIds.length, events: n }, 'sync fetched customers');
    return n;
  }

  /**
   * Outside a lead's whole-team scope, customers that left the window leave the cache: right after a
   * bootstrap, then at most once per pruneIntervalMs.
   */
  private pruneIfDue(force: boolean): void {
    if (this.store.meta.replicaScope() !== 'partial') return;
    const agent = this.store.meta.agent();
    if (!agent) return;
    const last = this.store.meta.lastPrunedAt();
    const now = new Date();
    if (!force && last !== null && now.getTime() - Date.parse(last) < this.pruneIntervalMs) return;
    const r = this.store.replica.prune({ agentId: agent.id, historyDays: this.historyDays, now });
    this.store.meta.setLastPrunedAt(now.toISOString());
    if (r.customers > 0) {
      this.log.info({ customers: r.customers, events: r.events }, 'cache pruned to the history window');
      this.emitChange(touched(), true);
    }
  }

  /** One acked request; the answer is validated (a corrupt one is logged by shape only and refused). */
  private async request<T>(event: string, payload: unknown, schema: z.ZodType<Ack<T>>): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) throw new SyncProblem('DISCONNECTED');
    let raw: unknown;
    try {
      raw = await socket.timeout(this.ackTimeoutMs).emitWithAck(event, payload);
    } catch {
      throw this.stopped ? new Stopped() : new SyncProblem('ACK_TIMEOUT');
    }
    if (this.stopped) throw new Stopped();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`);
      this.log.warn({ event, issues }, 'corrupt sync answer not applied');
      throw new SyncProblem('CORRUPT_ANSWER');
    }
    const ack = parsed.data;
    if (!ack.ok) throw new SyncProblem(ack.error.code, ack.error);
    return ack.value;
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelay(this.retryAttempts++, this.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref?.();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempts++, this.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const s = this.socket;
      if (!this.stopped && s && !s.connected && !s.active) s.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    if (this.stopped) return;
    const s = this.status();
    const key = JSON.stringify(s);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    for (const l of this.statusListeners) l(s);
  }

  private emitChange(t: Touched, all: boolean): void {
    if (!all && t.caseIds.size === 0 && t.customerIds.size === 0) return;
    const change: DataChange = { customerIds: [...t.customerIds], caseIds: [...t.caseIds], all };
    for (const l of this.changeListeners) l(change);
  }
}

/** The longest prefix of `batch` under MAX_PUSH_CHARS of JSON (at least one mutation). */
function capBatch(batch: Mutation[]): Mutation[] {
  let chars = 0;
  for (let i = 0; i < batch.length; i++) {
    chars += JSON.stringify(batch[i]).length;
    if (chars > MAX_PUSH_CHARS && i > 0) return batch.slice(0, i);
  }
  return batch;
}

/** Checks what the schema cannot: ordering and cursor arithmetic. Returns a data-free description. */
function pageProblem(page: PullResponse, cursor: number, until?: number): string | null {
  let last = cursor;
  for (const e of page.events) {
    if (e.seq === null) return 'event without seq';
    if (e.seq <= last) return 'events not ascending after the cursor';
    last = e.seq;
  }
  if (page.cursor < last) return 'cursor behind its events';
  if (page.hasMore && page.cursor <= cursor) return 'hasMore without progress';
  if (until !== undefined && page.cursor > until) return 'bootstrap page beyond its checkpoint';
  return null;
}

/** A sync:fetch page: ascending within (after, upTo], only the customers asked for. */
function fetchProblem(page: PullResponse, customerIds: readonly string[], after: number, upTo: number): string | null {
  const asked = new Set(customerIds);
  let last = after;
  for (const e of page.events) {
    if (e.seq === null || e.seq <= last || e.seq > upTo) return 'fetched events out of range or order';
    if (!asked.has(e.customerId)) return 'fetched an event of a customer not asked for';
    last = e.seq;
  }
  if (page.cursor < last || page.cursor > upTo) return 'fetch cursor out of range';
  if (page.hasMore && page.cursor <= after) return 'hasMore without progress';
  return null;
}

function connectErrorCode(err: Error & { data?: { code?: unknown } }): string {
  if (typeof err.data?.code === 'string') return err.data.code.slice(0, 40);
  return /^[\w .:-]{1,60}$/.test(err.message) ? err.message : 'connect_error';
}
