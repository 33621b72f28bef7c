import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS, MAX_PULL_LIMIT, type SyncStatus } from '../../../../shared/index';
import { silentLogger, type Logger } from '../logger';
import { storeSyncStorage, type Store } from '../store/index';
import type { BackoffOptions } from './backoff';
import { SyncConnection } from './connection';
import { SyncLoop, type DataChange } from './loop';

export type { DataChange } from './loop';

export interface SyncClientOptions {
  serverUrl: string;
  /** the bearer token, or a function read at every handshake (refreshed tokens) */
  token: string | (() => string);
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
  /** what must reach the server before each push (files of offline replies): see SyncLoopOptions */
  beforePush?: () => Promise<void>;
}

/**
 * The desktop's side of the sync protocol (src/shared/contracts/sync.ts), assembled from its parts:
 * connection.ts (socket, handshake, reconnects, live events, acked requests), loop.ts (when rounds run and
 * their steps in order; status and change notifications), push.ts, pull.ts, fetch.ts, prune.ts (the steps),
 * over the cache as storage.ts describes it.
 *
 * On every connect: push the outbox in clientSeq order (batches ≤ MAX_PUSH_BATCH), then pull pages after
 * the cursor until `hasMore` is false. `sync:poke` and local changes start another round. Rounds never
 * overlap (one at a time), so the cache has one writer. Every server answer is validated; a corrupt one is
 * logged without data and not applied, and the round is retried with backoff.
 */
export class SyncClient {
  private readonly connection: SyncConnection;
  private readonly loop: SyncLoop;

  constructor(opts: SyncClientOptions) {
    const storage = storeSyncStorage(opts.store);
    const log = opts.logger ?? silentLogger;
    const backoff: BackoffOptions = {
      initialMs: opts.reconnectionDelay ?? 500,
      maxMs: opts.reconnectionDelayMax ?? 30_000,
      randomizationFactor: opts.randomizationFactor ?? 0.5,
    };
    this.connection = new SyncConnection({
      serverUrl: opts.serverUrl,
      token: opts.token,
      clientId: () => storage.clientId(),
      unsynced: () => (storage.isOpen() ? storage.outboxCounts().pending : 0),
      log,
      backoff,
      ackTimeoutMs: opts.ackTimeoutMs ?? 15_000,
      events: {
        connected: () => this.loop.connected(),
        disconnected: () => this.loop.disconnected(),
        state: (state) => this.loop.connectionState(state),
        poke: (seq, ref) => this.loop.poked(seq, ref),
        live: (event, payload) => opts.onLive?.(event, payload),
      },
    });
    this.loop = new SyncLoop({
      storage,
      link: this.connection,
      log,
      backoff,
      ...(opts.beforePush ? { beforePush: opts.beforePush } : {}),
      settings: {
        pullLimit: Math.min(MAX_PULL_LIMIT, Math.max(1, opts.pullLimit ?? MAX_PULL_LIMIT)),
        historyDays: Math.min(MAX_HISTORY_DAYS, Math.max(1, Math.round(opts.historyDays ?? DEFAULT_HISTORY_DAYS))),
        pruneIntervalMs: opts.pruneIntervalMs ?? 3_600_000,
      },
    });
  }

  start(): void {
    this.connection.start();
  }

  /** Sends a live, never-stored notification (agent typing) when connected; dropped otherwise. */
  emitLive(event: string, payload: unknown): void {
    this.connection.emitLive(event, payload);
  }

  /** Stops for good: no more network, no more cache access (the cache may be closed right after). */
  stop(): void {
    this.loop.stop();
    this.connection.stop();
  }

  /**
   * Makes sure the cache holds `customerId` (any customer the agent may see, opened from a server search):
   * fetched whole by the next round and kept from then on. Resolves true when held, false when the server
   * has nothing of it this agent may see; rejects with UNAVAILABLE when the server cannot be reached.
   */
  ensureCustomer(customerId: string): Promise<boolean> {
    return this.loop.ensureCustomer(customerId);
  }

  /** A local change was recorded: report the new pending count and push it when connected. */
  nudge(): void {
    this.loop.nudge();
  }

  /**
   * The server changed something no poke announces (reference data this desktop just wrote: a team, an agent):
   * pull now when connected (the events, then the reference data), else at the next connect.
   */
  pullNow(): void {
    this.loop.pullNow();
  }

  status(): SyncStatus {
    return this.loop.status();
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    return this.loop.onStatus(listener);
  }

  onChange(listener: (c: DataChange) => void): () => void {
    return this.loop.onChange(listener);
  }

  /** True while a round is running or waiting to run. For tests and diagnostics. */
  get busy(): boolean {
    return this.loop.busy;
  }
}
