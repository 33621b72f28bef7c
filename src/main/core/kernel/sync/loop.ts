/**
 * The round scheduler: when a round runs, what a round does in order, and the status and change
 * notifications. At most one round runs at a time, so the cache has one writer.
 *
 *   Scheduler
 *
 *            connect · poke (seq > cursor) · nudge · ensureCustomer
 *            [connected, not stopped, no retry waiting, some step due]
 *    ┌──────┐ ───────────────────────────────────────────────────▶ ┌─────────┐ ◀──┐ due again meanwhile
 *    │ idle │                                                       │ running │ ───┘ (a change, a poke):
 *    └──────┘ ◀──────────────── no step due any more ────────────── └─────────┘      the round goes on
 *       ▲                                                             ▲     │
 *       │ timer fires while offline          timer fires, connected   │     │ a step failed: push and pull
 *       │                          ┌──────────┐ ──────────────────────┘     │ due again, open fetches fail
 *       └───────────────────────── │ retrying │ ◀───────────────────────────┘
 *                                  └──────────┘  backoff: initial · 2^attempt, ±jitter, capped;
 *                                                attempts reset when a round completes
 *
 *    stop(), from any state ──▶ stopped: no timer, no round, no request, no cache access, no notification
 *
 *   Visible state (SyncStatus.state)
 *
 *    connecting ──connect──▶ syncing ──round done──▶ online ──round starts──▶ syncing ─ …
 *        │                      any ──disconnect──▶ offline ──connect──▶ syncing
 *        └── handshake refused ──▶ offline, or reauth when the token was refused
 *    A round that ends after the link dropped leaves `offline`; a failed round leaves `syncing` until a
 *    later round ends. A push the server fails on (INTERNAL) does not end the round: the pull still runs,
 *    then the round retries like a failed one; after 3 such rounds the mutation is parked (push.ts).
 */
import { OmnideskError, type ReferenceRequest, type SYNC_EVENTS, type SyncState, type SyncStatus } from '../../../../shared/index';
import { errorFacts, type Logger } from '../logger';
import { backoffDelay, type BackoffOptions } from './backoff';
import { FetchQueue } from './fetch';
import { touched } from '../store/index';
import { pullAll } from './pull';
import { pullReference, type SyncRequest } from './reference';
import { PushDeferred, Pusher } from './push';
import { Stopped, SyncProblem, type RoundContext, type SyncLink, type SyncSettings, type SyncTransport } from './round';
import type { SyncStorage, Touched } from './storage';

/** What changed in the cache: the payload of the bridge's `data.changed`. */
export interface DataChange {
  customerIds: string[];
  caseIds: string[];
  all: boolean;
}

export interface SyncLoopOptions {
  storage: SyncStorage;
  /** the connection (connection.ts) or, in tests, a fake */
  link: SyncLink;
  log: Logger;
  settings: SyncSettings;
  /** for retrying a failed round */
  backoff: BackoffOptions;
  /**
   * What must reach the server before the outbox (files of replies written offline): runs before each push; when
   * it fails the push waits for the next round (the pull still runs).
   */
  beforePush?: () => Promise<void>;
}

/** One step of a round: it runs when due. */
interface RoundStep {
  due(): boolean;
  run(): Promise<void>;
}

export class SyncLoop {
  private state: SyncState = 'connecting';
  private stopped = false;
  private running = false;
  /** what the next round must do: set on connect, by pokes, local changes and failed rounds */
  private readonly want = { push: true, pull: true };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAttempts = 0;
  private lastStatus = '';
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly changeListeners = new Set<(c: DataChange) => void>();
  private readonly fetches = new FetchQueue();
  private readonly steps: readonly RoundStep[];
  private readonly pusher: Pusher;
  /** this round's push failed with INTERNAL: its other steps ran; the round then retries with backoff */
  private pushDeferred = false;

  constructor(private readonly opts: SyncLoopOptions) {
    const ctx: RoundContext = {
      storage: opts.storage,
      transport: this.guardedTransport(),
      log: opts.log,
      settings: opts.settings,
      changed: (t, all) => this.emitChange(t, all),
      reportStatus: () => this.emitStatus(),
    };
    const pusher = new Pusher(ctx);
    this.pusher = pusher;

    // ── A round's steps, in order. A round runs the first step that is due, then looks again from the
    // top, until none is: so the server has decided on every change of ours before we read what follows
    // it, and a change made during a pull is pushed before the next pull. A new kind of work (a
    // reference-data pull, say) is one more entry here, with its own `want` flag.
    this.steps = [
      // 1. push the outbox (push.ts)
      {
        due: () => this.want.push,
        run: async () => {
          this.want.push = false;
          try {
            if (opts.beforePush) {
              try {
                await opts.beforePush();
              } catch (err) {
                if (err instanceof Stopped) throw err;
                opts.log.warn(errorFacts(err), 'what goes before the push could not be sent; the push waits');
                throw new PushDeferred('BEFORE_PUSH_FAILED');
              }
            }
            await pusher.pushAll();
          } catch (err) {
            // the server failed on a mutation (INTERNAL): pull anyway, retry the push later (push.ts)
            if (!(err instanceof PushDeferred)) throw err;
            this.pushDeferred = true;
          }
        },
      },
      // 2. fetch the customers the agent opened that the cache does not hold (fetch.ts)
      { due: () => this.fetches.size > 0, run: () => this.fetches.run(ctx, () => this.stopped) },
      // 3. pull: bootstrap pages for a new cache, then the log after the cursor, then prune (pull.ts)
      {
        due: () => this.want.pull,
        run: async () => {
          this.want.pull = false;
          await pullAll(ctx);
          // 4. reference data (the directory, …): its own versioned stream, kept whole (reference.ts)
          const holder = opts.storage.reference;
          if (holder) {
            const request: SyncRequest = (event, payload) => ctx.transport.request(event as typeof SYNC_EVENTS.reference, payload as ReferenceRequest) as never;
            await pullReference({ reference: holder }, request, { limit: opts.settings.pullLimit, log: opts.log, onChanged: () => this.emitChange(touched(), true) });
          }
        },
      },
    ];
  }

  // ── what the connection reports (connection.ts ConnectionEvents) ──

  connected(): void {
    if (this.stopped) return;
    this.want.push = true;
    this.want.pull = true;
    this.setState('syncing');
    this.kick();
  }

  disconnected(): void {
    if (this.stopped) return;
    this.setState('offline');
    this.fetches.failAll();
  }

  connectionState(state: 'connecting' | 'offline' | 'reauth'): void {
    if (this.stopped) return;
    this.setState(state);
  }

  poked(seq: number, ref?: number): void {
    if (this.stopped) return;
    const refMoved = ref !== undefined && this.opts.storage.reference !== undefined && ref > this.opts.storage.reference.version();
    if (seq > this.opts.storage.cursor() || refMoved) {
      this.want.pull = true;
      this.kick();
    }
  }

  // ── what the rest of the desktop asks ──

  /** A local change was recorded: report the new pending count and push it when connected. */
  nudge(): void {
    if (this.stopped) return;
    this.want.push = true;
    this.emitStatus();
    this.kick();
  }

  /** See SyncClient.pullNow. */
  pullNow(): void {
    if (this.stopped) return;
    this.want.pull = true;
    this.kick();
  }

  /** See SyncClient.ensureCustomer. */
  ensureCustomer(customerId: string): Promise<boolean> {
    if (this.opts.storage.holds(customerId)) return Promise.resolve(true);
    if (this.stopped || !this.opts.link.connected) {
      return Promise.reject(new OmnideskError('UNAVAILABLE', 'this customer is not on this desktop yet; it opens once the server is reachable'));
    }
    const found = this.fetches.add(customerId);
    this.kick();
    return found;
  }

  status(): SyncStatus {
    const storage = this.opts.storage;
    const open = storage.isOpen();
    const counts = open ? storage.outboxCounts() : { pending: 0, rejected: 0 };
    return {
      state: this.state,
      pending: counts.pending,
      rejected: counts.rejected,
      cursor: open ? storage.cursor() : 0,
      lastSyncedAt: open ? storage.lastSyncedAt() : null,
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

  /** True while a round is running or waiting to run. */
  get busy(): boolean {
    return this.running || this.retryTimer !== null;
  }

  /** For good: a round in flight ends at its next answer without touching the cache; nothing runs after. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.statusListeners.clear();
    this.changeListeners.clear();
    this.fetches.failAll();
  }

  // ── scheduling ──

  private kick(): void {
    if (this.stopped || this.running || this.retryTimer || !this.opts.link.connected) return;
    if (!this.steps.some((s) => s.due())) return;
    this.running = true;
    void this.round().finally(() => {
      this.running = false;
      if (!this.stopped && !this.retryTimer) this.kick();
    });
  }

  private async round(): Promise<void> {
    this.setState('syncing');
    let failed = false;
    this.pushDeferred = false;
    try {
      while (!this.stopped && this.opts.link.connected) {
        const step = this.steps.find((s) => s.due());
        if (!step) break;
        await step.run();
      }
      if (this.pushDeferred && !this.stopped) {
        failed = true;
        this.opts.log.warn({ code: 'PUSH_INTERNAL' }, 'sync push failed on the server; pulled anyway, will retry the push');
        this.want.push = true;
        this.want.pull = true;
        this.scheduleRetry();
      } else {
        this.retryAttempts = 0;
      }
    } catch (err) {
      if (err instanceof Stopped || this.stopped) return;
      failed = true;
      this.pusher.forgetInternal();
      if (err instanceof SyncProblem) this.opts.log.warn({ code: err.code }, 'sync round failed; will retry');
      else this.opts.log.error(errorFacts(err), 'sync round failed unexpectedly; will retry');
      this.want.push = true;
      this.want.pull = true;
      this.fetches.failAll();
      this.scheduleRetry();
    } finally {
      if (!this.stopped && !failed) this.setState(this.opts.link.connected ? 'online' : 'offline');
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelay(this.retryAttempts++, this.opts.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref?.();
  }

  /** The link, refusing to send or hand back an answer once stopped: a stopped loop never touches the cache. */
  private guardedTransport(): SyncTransport {
    const link = this.opts.link;
    const stopped = () => this.stopped;
    return {
      async request(event, payload) {
        if (stopped()) throw new Stopped();
        const answer = await link.request(event, payload);
        if (stopped()) throw new Stopped();
        return answer;
      },
    };
  }

  // ── notifications ──

  private setState(state: SyncState): void {
    this.state = state;
    this.emitStatus();
  }

  /** Sends the status when it differs from the last one sent. */
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
