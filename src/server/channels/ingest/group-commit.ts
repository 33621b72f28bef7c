/**
 * Group commit: concurrent calls on one database share transactions (one in flight at a time); calls
 * arriving while a transaction runs are committed together in the next one.
 */
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Db } from '../../kernel/db/types';
import { safeError } from '../../kernel/logger';
import type { InboundMessage, IngestResult } from '../types';
import type { Prepared } from './batch';
import { commitBatch, type IngestDeps } from './pipeline';
import { prepareInbound } from './prepare';

/** Messages per transaction when messages arrive faster than a transaction commits. */
const MAX_BATCH = 500;

interface Pending {
  item: Prepared;
  deps: IngestDeps;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

interface Queue {
  pending: Pending[];
  running: boolean;
}
const queues = new WeakMap<Db, Queue>();

/**
 * Ingests one inbound message (pipeline.ts): dedupe on (channel, providerMessageId) — a duplicate appends
 * nothing and answers the existing ids; find the thread (channel + threadRef; email also
 * In-Reply-To/References and the subject within 30 days); resolve the customer (identity feature: strong
 * match joins, several or weak → new customer + merge suggestion); land on the customer's open case for
 * that channel or a new case (P2; P0 on safety language, with SLA due times); append message.received.
 * After commit, `poke`. Throws OmnideskError INVALID_ARGUMENT for a malformed message.
 */
export function ingestInbound(deps: IngestDeps, msg: InboundMessage): Promise<IngestResult> {
  let item: Prepared;
  try {
    item = prepareInbound(msg, deps.phone);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error('invalid inbound message'));
  }
  return new Promise<IngestResult>((resolve, reject) => {
    let q = queues.get(deps.db);
    if (!q) {
      q = { pending: [], running: false };
      queues.set(deps.db, q);
    }
    q.pending.push({ item, deps, resolve, reject });
    if (!q.running) void drain(deps.db, q);
  });
}

/** Several messages of one delivery (a webhook with many entries), in order, sharing transactions. */
export function ingestInboundAll(deps: IngestDeps, msgs: readonly InboundMessage[]): Promise<Array<PromiseSettledResult<IngestResult>>> {
  return Promise.allSettled(msgs.map((m) => ingestInbound(deps, m)));
}

async function drain(db: Db, q: Queue): Promise<void> {
  q.running = true;
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, MAX_BATCH);
      await runBatch(db, batch);
    }
  } finally {
    q.running = false;
  }
}

async function runBatch(db: Db, batch: Pending[]): Promise<void> {
  const deps = (batch[0] as Pending).deps;
  try {
    const results = await commitBatch(db, batch.map((p) => p.item), deps.defaultTeamId, (teamSeqs) => pokeAll(batch, teamSeqs));
    batch.forEach((p, i) => {
      const r = results[i] as IngestResult;
      p.deps.logger.debug({ channel: p.item.msg.channel, status: r.status, eventId: r.eventId, customerId: r.customerId, newCustomer: r.newCustomer }, 'inbound message');
      p.resolve(r);
    });
  } catch (err) {
    if (batch.length > 1) {
      // one bad message must not fail the others: retry one by one
      for (const p of batch) await runBatch(db, [p]);
      return;
    }
    const p = batch[0] as Pending;
    if (err instanceof OmnideskError) p.deps.logger.warn({ channel: p.item.msg.channel, code: err.code }, 'inbound message refused');
    else p.deps.logger.error({ channel: p.item.msg.channel, err: safeError(err) }, 'inbound message failed');
    p.reject(err);
  }
}

/** Every distinct poke of the batch's callers, once; a failing poke is logged, never fails the committed batch. */
function pokeAll(batch: readonly Pending[], teamSeqs: ReadonlyMap<string, number>): void {
  const pokes = new Set<NonNullable<IngestDeps['poke']>>();
  for (const p of batch) if (p.deps.poke) pokes.add(p.deps.poke);
  for (const poke of pokes) {
    try {
      poke(teamSeqs);
    } catch (err) {
      (batch[0] as Pending).deps.logger.error({ err: safeError(err) }, 'poke after ingest failed');
    }
  }
}
