/**
 * Stage 5, append: the message itself (`message.received`), then everything the batch queued is
 * written — the events through the event log, the provider ids (dedupe) and the merge suggestions.
 */
import type { Case, Thread } from '../../../shared/kernel/case';
import { newId } from '../../../shared/kernel/ids';
import type { EventLogTx } from '../../kernel/events/unit-of-work';
import type { IngestResult } from '../types';
import { enqueueMany } from '../../kernel/jobs';
import { clean, pushOnCase, refKey, SYSTEM, type IngestBatch, type Prepared } from './batch';
import { rememberAppended } from './dedupe';
import type { Resolved } from './identity';

export interface BatchOutcome {
  results: IngestResult[];
  /** highest seq appended per team, for the poke after commit */
  teamSeqs: Map<string, number>;
}

/** Queues item `idx`'s message.received on its thread and case, and answers the item. */
export function appendMessage(batch: IngestBatch, idx: number, item: Prepared, who: Resolved, placed: { thread: Thread; kase: Case | null }): void {
  const { msg } = item;
  const { customer } = who;
  const caseId = placed.kase?.id ?? null;
  const eventId = newId();
  pushOnCase(batch, {
    id: eventId,
    seq: null,
    customerId: customer.id,
    caseId,
    threadId: placed.thread.id,
    channel: msg.channel,
    kind: 'message.received',
    author: { type: 'customer', id: customer.id, name: item.rawName ?? customer.name },
    body: item.body,
    occurredAt: item.occurredAt,
    meta: {
      subject: msg.subject ? clean(msg.subject).slice(0, 500) : null,
      providerMessageId: clean(msg.providerMessageId),
      network: msg.network ?? null,
      ...(msg.html ? { html: clean(msg.html).slice(0, 1_000_000) } : {}),
      ...(msg.attachments?.length ? { attachments: [...msg.attachments] } : {}),
      ...(msg.parts?.length ? { parts: msg.parts.map(cleanPart) } : {}),
      ...(msg.quotes
        ? { quoted: { providerMessageId: clean(msg.quotes).slice(0, 500), eventId: batch.providerHits.get(refKey(msg.channel, clean(msg.quotes)))?.eventId ?? null } }
        : {}),
      ...(msg.bounceReport ? { bounceReport: msg.bounceReport } : {}),
    },
  });
  // the job's payload holds ids and where to fetch, never the file name (the job reads it from the stored part)
  for (const source of msg.media ?? []) batch.mediaJobs.push({ eventId, channel: msg.channel, source: { ...source, filename: null } });

  // a harm report carries its flag (categories and the words that show it) beside it; machine-sent mail never does
  const harm = item.harm;
  if (!msg.automated && harm.decision === 'harm') {
    pushOnCase(batch, {
      id: newId(),
      seq: null,
      customerId: customer.id,
      caseId,
      threadId: placed.thread.id,
      channel: 'internal',
      kind: 'safety.flagged',
      author: SYSTEM,
      body: null,
      occurredAt: item.occurredAt,
      meta: { messageId: eventId, categories: harm.categories, evidence: harm.evidence, confidence: harm.confidence, source: 'detector', channel: msg.channel },
    });
  }
  const result: IngestResult = {
    status: 'appended', customerId: customer.id, caseId, threadId: placed.thread.id, eventId, newCustomer: who.newCustomer, mergeSuggested: who.mergeSuggested,
  };
  batch.results[idx] = result;
  rememberAppended(batch, item, result);
}

/** Queues item `idx`'s reaction (message.reacted) where placeReaction put it, and answers the item. */
export function appendReaction(batch: IngestBatch, idx: number, item: Prepared, who: Resolved, placed: { thread: Thread | null; kase: Case | null; targetEventId: string | null }): void {
  const { msg } = item;
  const reaction = msg.reaction as NonNullable<typeof msg.reaction>;
  const eventId = newId();
  const caseId = placed.kase?.id ?? null;
  const threadId = placed.thread?.id ?? null;
  batch.events.push({
    id: eventId,
    seq: null,
    customerId: who.customer.id,
    caseId,
    threadId,
    channel: msg.channel,
    kind: 'message.reacted',
    author: { type: 'customer', id: who.customer.id, name: item.rawName ?? who.customer.name },
    body: null,
    occurredAt: item.occurredAt,
    meta: {
      providerMessageId: clean(msg.providerMessageId),
      network: msg.network ?? null,
      targetProviderMessageId: clean(reaction.targetProviderMessageId).slice(0, 500),
      targetEventId: placed.targetEventId,
      emoji: clean(reaction.emoji).slice(0, 64),
    },
  });
  const result: IngestResult = {
    status: 'appended', customerId: who.customer.id, caseId, threadId, eventId, newCustomer: who.newCustomer, mergeSuggested: who.mergeSuggested,
  };
  batch.results[idx] = result;
  rememberAppended(batch, item, result);
}

const cleanPart = <T>(p: T): T => JSON.parse(JSON.stringify(p).split('\\u0000').join('')) as T;

/** Writes the batch: events (in order), then provider ids and merge suggestions. */
export async function writeBatch({ tx, append }: EventLogTx, batch: IngestBatch): Promise<BatchOutcome> {
  const appended = await append(batch.events);
  if (batch.dedupeRows.length) {
    await tx.query(
      `insert into inbound_provider_ids (channel, provider_message_id, sender, event_id, customer_id, case_id, thread_id)
       select x.channel, x.pid, x.sender, x.event_id, x.customer_id, x.case_id, x.thread_id
         from jsonb_to_recordset($1::text::jsonb) as x(channel text, pid text, sender text, event_id uuid, customer_id uuid, case_id uuid, thread_id uuid)`,
      [JSON.stringify(batch.dedupeRows)],
    );
  }
  if (batch.suggestionRows.length) {
    await tx.query(
      `insert into merge_suggestions (id, customer_id, candidate_id, reason)
       select x.id, x.customer_id, x.candidate_id, x.reason from jsonb_to_recordset($1::text::jsonb) as x(id uuid, customer_id uuid, candidate_id uuid, reason text)
       on conflict do nothing`,
      [JSON.stringify(batch.suggestionRows)],
    );
  }
  if (batch.mediaJobs.length) {
    // the download runs after commit (media.download, channels/media): a job per part, keyed so a retried batch adds none
    await enqueueMany(
      tx,
      batch.mediaJobs.map((j) => ({ kind: 'media.download', key: `${j.eventId}:${j.source.part}`, payload: { eventId: j.eventId, channel: j.channel, source: j.source } })),
    );
  }
  return { results: batch.results, teamSeqs: appended.teamSeqs };
}
