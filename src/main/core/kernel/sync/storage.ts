import type { Event, Mutation, MutationResult, PullResponse } from '../../../../shared/index';
import type { Touched } from '../store/index';
import type { ReferenceHolder } from './reference';

export type { Touched };

/**
 * Everything the sync code needs from the cache, and nothing more. The Store implements it
 * (`storeSyncStorage`, store/sync-storage.ts); the loop's tests use an in-memory fake. Every method is
 * synchronous: the cache has one writer, and a round never awaits between reading and writing it.
 */
export interface SyncStorage {
  /** false once the cache is closed: the status then reports zeros */
  isOpen(): boolean;
  /** the reference-data stream's part of the cache (absent: no reference pull, as in the loop's unit tests) */
  reference?: ReferenceHolder['reference'];
  /** this cache's id in the handshake; mutation clientSeqs count per clientId */
  clientId(): string;

  // ── outbox ──
  outboxCounts(): { pending: number; rejected: number };
  /** the oldest pending mutations, at most `limit`, in clientSeq order */
  pendingBatch(limit: number): Mutation[];
  /** the server's answers to one pushed batch, in one transaction (answers for ids not sent are ignored) */
  applyPushResults(sent: readonly Mutation[], results: readonly MutationResult[]): { touched: Touched; answered: number; rejected: number };
  /** a restored cache: renumbers the outbox after `after`; returns how many entries were renumbered */
  resequenceOutbox(after: number): number;

  // ── the log ──
  /** the highest seq applied (every visible event up to it is here, for the customers held) */
  cursor(): number;
  lastSyncedAt(): string | null;
  setLastSyncedAt(at: string): void;
  /**
   * One validated page in one transaction; the cursor moves to max(cursor, page.cursor). Full-text
   * indexing follows off this path.
   */
  applyPulledPage(page: PullResponse): Touched;

  // ── scope and bootstrap ──
  /** the checkpoint of a bootstrap in progress, null when none is */
  bootstrapTop(): number | null;
  /** what the server gave this cache at bootstrap; null before (or a cache older than partial replication) */
  replicaScope(): 'team' | 'partial' | null;
  /** records a bootstrap's checkpoint and scope together */
  beginBootstrap(top: number, scope: 'team' | 'partial'): void;
  /** the scope is pulled up to its checkpoint: from now on the log after it */
  finishBootstrap(): void;
  /** the server no longer knows this bootstrap: forget it and the cursor, together, to start again */
  restartBootstrap(): void;

  // ── which customers are held (store/replica.ts) ──
  holds(customerId: string): boolean;
  /** an opened customer: kept whatever the history window says */
  keep(customerId: string, at: string): void;
  /** the customers a page mentions that are not held yet, in first-seen order */
  missingFor(events: readonly Event[]): string[];

  // ── pruning (partial scope only) ──
  /** the signed-in agent's id, null when the cache does not know it yet */
  agentId(): string | null;
  lastPrunedAt(): string | null;
  setLastPrunedAt(at: string): void;
  prune(opts: { agentId: string; historyDays: number; now: Date }): { customers: number; events: number };
}
