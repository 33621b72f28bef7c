/**
 * Stage 1, dedupe by (channel, provider message id, sender): a message the log already holds, or one repeated
 * earlier in the same batch, appends nothing and answers the ids of the first one. The sender is the email
 * address for email (a Message-ID is only unique per sender: another sender's message with the same id is a
 * different message) and '' for the other channels. A row from before migration 070 (sender '') answers any sender.
 */
import type { Queryable } from '../../kernel/db/types';
import type { IngestResult } from '../types';
import { clean, notePidSender, type IngestBatch, type Prepared } from './batch';

/** A row of inbound_provider_ids: where a provider message id already went. */
export interface KnownProviderId {
  channel: string;
  provider_message_id: string;
  sender: string;
  event_id: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string;
}

/** Loads the batch's provider ids the log already holds (one query), then marks them. */
export async function loadKnownProviderIds(tx: Queryable, batch: IngestBatch): Promise<void> {
  const { rows } = await tx.query<KnownProviderId>(
    `select channel, provider_message_id, sender, event_id, customer_id, case_id, thread_id from inbound_provider_ids
      where (channel, provider_message_id) in (select * from unnest($1::text[], $2::text[]))`,
    [batch.items.map((i) => i.msg.channel), batch.items.map((i) => clean(i.msg.providerMessageId))],
  );
  markKnown(batch, rows);
}

/** Records known provider ids as duplicate answers; the other items are fresh (the later stages load for them). */
export function markKnown(batch: IngestBatch, known: readonly KnownProviderId[]): void {
  const answer = (r: KnownProviderId): IngestResult => ({
    status: 'duplicate',
    customerId: r.customer_id,
    caseId: r.case_id,
    threadId: r.thread_id,
    eventId: r.event_id,
    newCustomer: false,
    mergeSuggested: false,
  });
  for (const r of known) {
    notePidSender(batch, r.channel, r.provider_message_id, r.sender);
    if (r.sender !== '') batch.seen.set(`${r.channel}\u0000${r.provider_message_id}\u0000${r.sender}`, answer(r));
  }
  // a row without a sender (written before migration 070) answers every sender of that id, as it used to
  for (const r of known) {
    if (r.sender !== '') continue;
    for (const item of batch.items) {
      if (item.msg.channel === r.channel && clean(item.msg.providerMessageId) === r.provider_message_id && !batch.seen.has(item.dedupeKey)) {
        batch.seen.set(item.dedupeKey, answer(r));
      }
    }
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
  notePidSender(batch, item.msg.channel, clean(item.msg.providerMessageId), item.dedupeSender);
  batch.dedupeRows.push({
    channel: item.msg.channel,
    pid: clean(item.msg.providerMessageId),
    sender: item.dedupeSender,
    event_id: result.eventId,
    customer_id: result.customerId,
    case_id: result.caseId,
    thread_id: result.threadId,
  });
}
