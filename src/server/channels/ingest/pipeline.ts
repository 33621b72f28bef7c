/**
 * The one ingestion pipeline (DESIGN.md "Channel adapters"): every channel's inbound messages, in one
 * transaction per batch, through these stages over one `IngestBatch` (batch.ts):
 *
 *  1. dedupe (dedupe.ts) — first, so a provider id already stored costs one query and appends nothing;
 *  2. threads (threads.ts) — before identity, because a known conversation names its customer;
 *  3. identity (identity.ts) — otherwise strong keys join, several or weak matches make a new customer
 *     with merge suggestions; email then also threads by subject, which needs the customer;
 *  4. cases (cases.ts) — needs both thread and customer: keep the thread's case, join the open one on the
 *     channel, or open one (P2; P0 on safety language), opening the thread if new;
 *  5. append (append.ts) — message.received last, then one write of all queued events and rows (and the
 *     media.download jobs of the media it named).
 * A reaction (social) skips 4: it goes on the thread of the message it reacts to (`placeReaction`) as
 * `message.reacted`, and never opens, reopens or raises a case.
 *
 * Each stage first loads for the whole batch (one query each), then the items run through 2–5 one by one,
 * in order, because a later item must see what an earlier one created (its thread, customer, case).
 */
import type { Logger } from 'pino';
import type { Db } from '../../kernel/db/types';
import type { PhoneSettings } from '../../features/identity';
import { withEventLog, type EventLogTx, type Poke } from '../../kernel/events/unit-of-work';
import type { InboundMessage, IngestResult } from '../types';
import { appendMessage, appendReaction, writeBatch, type BatchOutcome } from './append';
import { newBatch, type Prepared } from './batch';
import { loadCases, placeOnCase, placeReaction } from './cases';
import { answerDuplicate, loadKnownProviderIds } from './dedupe';
import { loadIdentities, resolveCustomer } from './identity';
import { prepareInbound } from './prepare';
import { loadQuoted, loadThreads, matchBySubject, matchThread } from './threads';

export interface IngestDeps {
  db: Db;
  /** called after commit with the highest seq appended per team (server.poke) */
  poke?: (teamSeqs: ReadonlyMap<string, number>) => void;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** team (id or name) of brand-new customers when the message has no usable teamHint; default: the first team by name */
  defaultTeamId?: string | null;
  /** how phone numbers are read (region, the desk's own numbers); default US, none */
  phone?: PhoneSettings;
}

/**
 * Ingests messages in ONE transaction, in order (see ingestInbound). Exposed for adapters that receive
 * several messages at once (a webhook delivery) and for benchmarks.
 */
export async function ingestBatchInTx(log: EventLogTx, items: readonly Prepared[], opts: { defaultTeamId?: string | null }): Promise<BatchOutcome> {
  const { tx } = log;
  const batch = newBatch(items, opts.defaultTeamId);
  await loadKnownProviderIds(tx, batch);
  await loadThreads(tx, batch);
  await loadQuoted(tx, batch);
  await loadIdentities(tx, batch);
  await loadCases(tx, batch);
  for (let idx = 0; idx < items.length; idx++) {
    if (answerDuplicate(batch, idx)) continue;
    const item = items[idx] as Prepared;
    const found = matchThread(batch, item);
    const who = await resolveCustomer(tx, batch, item, found.customerId);
    if (item.msg.reaction) {
      appendReaction(batch, idx, item, who, placeReaction(batch, item, who.customer, found.hit));
      continue;
    }
    const hit = found.hit ?? (await matchBySubject(tx, batch, item, who.customer, who.newCustomer));
    const placed = placeOnCase(batch, item, who.customer, hit);
    appendMessage(batch, idx, item, who, placed);
  }
  return writeBatch(log, batch);
}

/** One unit of work of the event log (transaction, lock, append, poke after commit). */
export async function commitBatch(db: Db, items: readonly Prepared[], defaultTeamId: string | null | undefined, poke: Poke): Promise<IngestResult[]> {
  return withEventLog(db, poke, async (log) => (await ingestBatchInTx(log, items, { defaultTeamId })).results);
}

/** For tests and benchmarks: prepare + one transaction, no group commit. */
export async function ingestBatchNow(deps: IngestDeps, msgs: readonly InboundMessage[]): Promise<IngestResult[]> {
  const items = msgs.map((m) => prepareInbound(m, deps.phone));
  return commitBatch(deps.db, items, deps.defaultTeamId, (teamSeqs) => deps.poke?.(teamSeqs));
}
