/**
 * In-memory stand-ins for the sync loop's two sides: the cache (SyncStorage) and the connection (SyncLink).
 * No socket, no SQLite: the loop, push, pull and fetch modules run against these in unit tests.
 */
import { newId, type ErrorBody, type ErrorCode, type Event, type Mutation, type MutationResult, type PullResponse } from '../../../../src/shared';
import { SyncProblem, type SyncCall, type SyncCalls, type SyncLink } from '../../../../src/main/core/kernel/sync/round';
import type { SyncStorage, Touched } from '../../../../src/main/core/kernel/sync/storage';

interface OutboxEntry {
  mutation: Mutation;
  status: 'pending' | 'rejected';
  error: ErrorBody | null;
}

/** A cache in memory. `writes` records every write the sync code made, in order. */
export class FakeSyncStorage implements SyncStorage {
  open = true;
  readonly writes: string[] = [];
  readonly outbox: OutboxEntry[] = [];
  at = 0;
  synced: string | null = null;
  top: number | null = null;
  /** 'team' by default: a cache that holds its teams never bootstraps */
  scope: 'team' | 'partial' | null = 'team';
  readonly held = new Set<string>();
  readonly kept = new Set<string>();
  agent: string | null = null;
  prunedAt: string | null = null;
  private nextClientSeq = 1;

  /** Records a local change (a note on `customerId`), as recordLocalChange would. */
  addChange(customerId = newId()): Mutation {
    const m: Mutation = {
      id: newId(),
      clientSeq: this.nextClientSeq++,
      occurredAt: new Date().toISOString(),
      name: 'note.add',
      args: { customerId, caseId: null, threadId: null, body: 'a note' },
    };
    this.outbox.push({ mutation: m, status: 'pending', error: null });
    return m;
  }

  pending(): Mutation[] {
    return this.outbox.filter((e) => e.status === 'pending').map((e) => e.mutation);
  }

  isOpen(): boolean {
    return this.open;
  }
  clientId(): string {
    return 'fake-client';
  }
  outboxCounts(): { pending: number; rejected: number } {
    return { pending: this.pending().length, rejected: this.outbox.filter((e) => e.status === 'rejected').length };
  }
  pendingBatch(limit: number): Mutation[] {
    return this.pending().slice(0, limit);
  }
  applyPushResults(sent: readonly Mutation[], results: readonly MutationResult[]): { touched: Touched; answered: number; rejected: number } {
    const ids = new Set(sent.map((m) => m.id));
    const t = emptyTouched();
    let answered = 0;
    let rejected = 0;
    for (const r of results) {
      if (!ids.delete(r.id)) continue;
      answered++;
      const i = this.outbox.findIndex((e) => e.mutation.id === r.id);
      if (i < 0) continue;
      if (r.status === 'rejected') {
        rejected++;
        this.outbox[i] = { ...this.outbox[i]!, status: 'rejected', error: r.error };
        const args = this.outbox[i]!.mutation.args;
        if ('customerId' in args) t.customerIds.add(args.customerId);
      } else {
        this.outbox.splice(i, 1);
      }
    }
    this.writes.push(`pushed ${answered}`);
    return { touched: t, answered, rejected };
  }
  resequenceOutbox(after: number): number {
    this.outbox.forEach((e, i) => (e.mutation = { ...e.mutation, clientSeq: after + 1 + i }));
    this.writes.push(`resequenced after ${after}`);
    return this.outbox.length;
  }
  cursor(): number {
    return this.at;
  }
  lastSyncedAt(): string | null {
    return this.synced;
  }
  setLastSyncedAt(at: string): void {
    this.synced = at;
  }
  applyPulledPage(page: PullResponse): Touched {
    const t = emptyTouched();
    for (const e of page.events) {
      this.held.add(e.customerId);
      t.customerIds.add(e.customerId);
    }
    this.at = Math.max(this.at, page.cursor);
    this.writes.push(`page to ${page.cursor}`);
    return t;
  }
  bootstrapTop(): number | null {
    return this.top;
  }
  replicaScope(): 'team' | 'partial' | null {
    return this.scope;
  }
  beginBootstrap(top: number, scope: 'team' | 'partial'): void {
    this.top = top;
    this.scope = scope;
    this.writes.push(`bootstrap to ${top}`);
  }
  finishBootstrap(): void {
    this.top = null;
    this.writes.push('bootstrap done');
  }
  restartBootstrap(): void {
    this.top = null;
    this.scope = null;
    this.at = 0;
    this.writes.push('bootstrap restart');
  }
  holds(customerId: string): boolean {
    return this.held.has(customerId);
  }
  keep(customerId: string): void {
    this.kept.add(customerId);
  }
  missingFor(events: readonly Event[]): string[] {
    return [...new Set(events.map((e) => e.customerId))].filter((id) => !this.held.has(id));
  }
  agentId(): string | null {
    return this.agent;
  }
  lastPrunedAt(): string | null {
    return this.prunedAt;
  }
  setLastPrunedAt(at: string): void {
    this.prunedAt = at;
  }
  prune(): { customers: number; events: number } {
    this.writes.push('pruned');
    return { customers: 0, events: 0 };
  }
}

function emptyTouched(): Touched {
  return { customerIds: new Set(), caseIds: new Set() };
}

type Answer<E extends SyncCall> = SyncCalls[E]['answer'];
/** How the fake server answers each request; throw a SyncProblem to fail it. */
export type FakeAnswers = { [E in SyncCall]: (payload: SyncCalls[E]['request']) => Answer<E> };

/** A refusal as the connection reports a server's `{ ok: false }` ack. */
export function refusal(code: ErrorCode): SyncProblem {
  return new SyncProblem(code, { code, message: `refused: ${code}` });
}

/**
 * The connection as the loop sees it: `connected`, and acked requests answered by `answers` (by default a
 * server whose log ends at `head` and that applies every push). `hold(event)` keeps such requests waiting
 * until released, to act while a round is in flight.
 */
export class FakeLink implements SyncLink {
  connected = false;
  head = 0;
  readonly requests: Array<{ [E in SyncCall]: { event: E; payload: SyncCalls[E]['request'] } }[SyncCall]> = [];
  readonly answers: FakeAnswers = {
    'sync:push': ({ mutations }) => ({ results: mutations.map((m) => ({ id: m.id, status: 'applied', seq: ++this.head })) }),
    'sync:pull': ({ until }) => ({ events: [], cursor: until ?? this.head, hasMore: false }),
    'sync:bootstrap': () => ({ top: this.head, scope: 'partial', customers: 0 }),
    'sync:fetch': ({ upTo }) => ({ events: [], cursor: upTo, hasMore: false }),
    'sync:reference': ({ after }) => ({ items: [], next: after, hasMore: false, scope: 'admin' }),
  };
  private readonly held = new Map<SyncCall, Array<() => void>>();

  /** The events requested so far, in order. */
  get sent(): SyncCall[] {
    return this.requests.map((r) => r.event);
  }

  /** Requests for `event` wait from now on; the returned function lets them (and later ones) through. */
  hold(event: SyncCall): () => void {
    this.held.set(event, []);
    return () => {
      const waiting = this.held.get(event) ?? [];
      this.held.delete(event);
      for (const go of waiting) go();
    };
  }

  async request<E extends SyncCall>(event: E, payload: SyncCalls[E]['request']): Promise<Answer<E>> {
    this.requests.push({ event, payload } as (typeof this.requests)[number]);
    const waiting = this.held.get(event);
    if (waiting) await new Promise<void>((go) => waiting.push(go));
    const answer: (p: SyncCalls[E]['request']) => Answer<E> = this.answers[event];
    return answer(payload);
  }
}
