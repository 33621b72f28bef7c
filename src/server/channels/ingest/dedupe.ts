/**
 * Stage 1, dedupe by (channel, provider message id): a message the log already holds, or one repeated
 * earlier in the same batch, appends nothing and answers the ids of the first one.
 */
import type { Queryable } from '../../kernel/db/types';
import type { IngestResult } from '../types';
import { clean, type IngestBatch, type Prepared } from './batch';

/** A row of inbound_provider_ids: where a provider message id already went. */
export interface KnownProviderId {
  channel: string;
  provider_message_id: string;
  event_id: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string;
}

/** Loads the batch's provider ids the log already holds (one query), then marks them. */
export async function loadKnownProviderIds(tx: Queryable, batch: IngestBatch): Promise<void> {
  const { rows } = await tx.query<KnownProviderId>(
    `select channel, provider_message_id, event_id, customer_id, case_id, thread_id from inbound_provider_ids
      where (channel, provider_message_id) in (select * from unnest($1::text[], $2::text[]))`,
    [batch.items.map((i) => i.msg.channel), batch.items.map((i) => clean(i.msg.providerMessageId))],
  );
  markKnown(batch, rows);
}

/** Records known provider ids as duplicate answers; the other items are fresh (the later stages load for them). */
export function markKnown(batch: IngestBatch, known: readonly KnownProviderId[]): void {
  for (const r of known) {
    batch.seen.set(`${r.channel}\u0000${r.provider_message_id}`, {
      status: 'duplicate',
      customerId: r.customer_id,
      caseId: r.case_id,
      threadId: r.thread_id,
      eventId: r.event_id,
      newCustomer: false,
      mergeSuggested: false,
    });
  }
  batch.fresh = batch.items.filter((i) => !batch.seen.has(i.dedupeKey));
}

/** The answer for an item whose provider id was seen (in the log or earlier in the batch), else null. */
export function duplicateAnswer(seen: ReadonlyMap<string, IngestResult>, item: Prepared): IngestResult | null {
  const prior = seen.get(item.dedupeKey);
  if (!prior) return null;
  // a repeat of a message this batch appended: same ids, but it created nothing itself
  return prior.status === 'duplicate' ? prior : { ...prior, status: 'duplicate', newCustomer: false, mergeSuggested: false };
}

/** Answers item `idx` if it is a duplicate; true when the later stages must skip it. */
export function answerDuplicate(batch: IngestBatch, idx: number): boolean {
  const answer = duplicateAnswer(batch.seen, batch.items[idx] as Prepared);
  if (!answer) return false;
  batch.results[idx] = answer;
  return true;
}

/** Remembers a message this batch appends: a later repeat in the batch answers its ids, and the row dedupes later batches. */
export function rememberAppended(batch: IngestBatch, item: Prepared, result: IngestResult): void {
  batch.seen.set(item.dedupeKey, result);
  batch.dedupeRows.push({
    channel: item.msg.channel,
    pid: clean(item.msg.providerMessageId),
    event_id: result.eventId,
    customer_id: result.customerId,
    case_id: result.caseId,
    thread_id: result.threadId,
  });
}
