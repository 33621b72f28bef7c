import { MAX_PUSH_BATCH, SYNC_EVENTS, type Mutation, type PushResponse } from '../../../../shared/index';
import { SyncProblem, type RoundContext } from './round';

/** Codes with which the server refuses a push for what it contains: retrying the same batch cannot help. */
const CONTENT_REFUSALS = new Set(['INVALID_ARGUMENT', 'PAYLOAD_TOO_LARGE']);
/**
 * A mutation the server fails on (INTERNAL) in this many rounds in a row is parked: marked rejected with
 * code INTERNAL (the agent sees it failed and may redo or discard it) instead of being retried forever.
 */
export const PARK_AFTER_INTERNAL = 3;

/**
 * The push failed with INTERNAL: the round goes on with its other steps (pulls never stop for one bad
 * mutation) and retries the push later with backoff.
 */
export class PushDeferred extends SyncProblem {}

/** A push batch stays well under MAX_SYNC_FRAME_BYTES (a frame over it would close the connection). */
const MAX_PUSH_CHARS = 1_000_000;

/**
 * Pushes the outbox in clientSeq order, in batches of at most MAX_PUSH_BATCH mutations and MAX_PUSH_CHARS
 * of JSON, until it is empty. A batch the server refuses as a whole for its content is retried one mutation
 * at a time, so the culprit becomes a visible rejection instead of a stuck queue. A `resequence` answer (a
 * restored cache) renumbers the outbox and pushes again.
 */
export class Pusher {
  /** mutations per push: MAX_PUSH_BATCH, or 1 while isolating a mutation the server refuses (across rounds) */
  private limit = MAX_PUSH_BATCH;
  /** the mutation at the head of the last push the server failed on (INTERNAL), and in how many rounds in a row */
  private internal: { id: string; rounds: number } | null = null;

  constructor(private readonly ctx: RoundContext) {}

  /**
   * The round failed for another reason too (a pull failed: the server as a whole is in trouble): INTERNAL
   * answers in such rounds say nothing about one mutation, so they do not count towards parking it.
   */
  forgetInternal(): void {
    this.internal = null;
  }

  async pushAll(): Promise<void> {
    const { storage, transport, log } = this.ctx;
    let lastResequence = -1;
    for (;;) {
      const batch = capBatch(storage.pendingBatch(this.limit));
      if (batch.length === 0) {
        this.limit = MAX_PUSH_BATCH;
        return;
      }
      let answer: PushResponse;
      try {
        // what else waits in the outbox: the lead console shows how far this desktop is behind
        const unsyncedAfter = Math.max(0, storage.outboxCounts().pending - batch.length);
        answer = await transport.request(SYNC_EVENTS.push, { mutations: batch, unsyncedAfter });
      } catch (err) {
        if (err instanceof SyncProblem && err.refusal?.code === 'INTERNAL') {
          const head = batch[0]!;
          const rounds = this.internal?.id === head.id ? this.internal.rounds + 1 : 1;
          this.internal = { id: head.id, rounds };
          if (batch.length > 1) {
            // next round, the head alone: a mutation that fails must not hold back the ones after it
            this.limit = 1;
            throw new PushDeferred('PUSH_INTERNAL', err.refusal);
          }
          if (rounds < PARK_AFTER_INTERNAL) throw new PushDeferred('PUSH_INTERNAL', err.refusal);
          // Parked: a visible failure (rejected, INTERNAL) instead of a queue stuck forever.
          log.warn({ rounds }, 'the server failed on one change several rounds in a row; parked as failed');
          this.internal = null;
          this.limit = MAX_PUSH_BATCH;
          answer = {
            results: [{ id: head.id, status: 'rejected', error: { code: 'INTERNAL', message: `the server failed on this change ${rounds} times in a row; redo or discard it` } }],
          };
          const r = storage.applyPushResults(batch, answer.results);
          this.ctx.changed(r.touched, false);
          this.ctx.reportStatus();
          continue;
        }
        if (!(err instanceof SyncProblem) || !err.refusal || !CONTENT_REFUSALS.has(err.refusal.code)) throw err;
        if (batch.length > 1) {
          // Something in the batch is refused as a whole (malformed, unknown to this server, too large):
          // push one at a time until the culprit is found, so it cannot hold up the rest of the queue.
          log.warn({ code: err.refusal.code, size: batch.length }, 'push batch refused; retrying one by one');
          this.limit = 1;
          continue;
        }
        // This one mutation is refused: it becomes a rejection the agent sees (redo or discard), not a stuck queue.
        answer = { results: [{ id: batch[0]!.id, status: 'rejected', error: err.refusal }] };
        this.limit = MAX_PUSH_BATCH;
      }
      if (this.internal && batch.some((m) => m.id === this.internal?.id)) this.internal = null;
      const r = storage.applyPushResults(batch, answer.results);
      log.info({ sent: batch.length, answered: r.answered, rejected: r.rejected }, 'sync pushed');
      this.ctx.changed(r.touched, false);
      this.ctx.reportStatus();
      if (answer.resequence) {
        // This cache was restored from a backup: its numbering went back. Renumber after the server's
        // last one and push the rest again (nothing from the first renumbered mutation on was applied).
        if (answer.resequence.after === lastResequence) throw new SyncProblem('RESEQUENCE_LOOP');
        lastResequence = answer.resequence.after;
        const n = storage.resequenceOutbox(answer.resequence.after);
        log.warn({ after: answer.resequence.after, renumbered: n }, 'outbox renumbered after a restored cache');
        continue;
      }
      if (r.answered < batch.length) throw new SyncProblem('PUSH_INCOMPLETE');
    }
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
