import type { Queryable } from '../../kernel/db/types';
import { rowToEvent, EVENT_COLUMNS, type EventRow } from '../../kernel/events/rows';
import { loadCase, loadCustomer, loadThread } from '../../kernel/events/store';
import type { Attachment } from '../../../shared/kernel/event';
import { loadAttachment } from '../email/attachments';
import { PermanentDeliveryError, type OutboundMessage } from '../types';

/** Everything a sender needs for one queued reply; null when it refers to something missing. */
export async function loadOutbound(q: Queryable, eventId: string): Promise<OutboundMessage | null> {
  const { rows: ev } = await q.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = $1`, [eventId]);
  const e = ev[0] ? rowToEvent(ev[0]) : null;
  if (!e || e.kind !== 'message.sent' || !e.threadId) return null;
  const thread = await loadThread(q, e.threadId);
  const customer = await loadCustomer(q, e.customerId);
  if (!thread || !customer) return null;
  const kase = e.caseId ? await loadCase(q, e.caseId) : null;
  // Provider ids of the thread, oldest first: what the customer sent us, and what we sent them.
  const { rows } = await q.query<{ pid: string | null }>(
    `select pid from (
       select e.seq, e.meta->>'providerMessageId' as pid from events e
        where e.thread_id = $1 and e.kind = 'message.received' and e.channel = $2 and e.seq < $3
          and e.meta->>'providerMessageId' is not null
       union all
       select e.seq, o.provider_message_id as pid from outbound_provider_ids o join events e on e.id = o.event_id
        where o.thread_id = $1 and o.channel = $2 and e.seq < $3
     ) x order by seq`,
    [thread.id, thread.channel, e.seq ?? Number.MAX_SAFE_INTEGER],
  );
  // The customer's last message before this reply (bounces are the mail system's, not the customer's words).
  const { rows: last } = await q.query<{ body: string | null; name: string | null; occurred_at: Date | string }>(
    `select e.body, e.author->>'name' as name, e.occurred_at from events e
      where e.thread_id = $1 and e.kind = 'message.received' and e.seq < $2 and not (e.meta ? 'bounceReport')
      order by e.seq desc limit 1`,
    [thread.id, e.seq ?? Number.MAX_SAFE_INTEGER],
  );
  const q0 = last[0];
  const quoted = q0?.body
    ? { body: q0.body, from: q0.name, occurredAt: new Date(q0.occurred_at).toISOString() }
    : null;
  return {
    eventId: e.id,
    body: e.body ?? '',
    subject: e.meta.subject,
    thread,
    customer,
    case: kase,
    threadProviderIds: rows.map((r) => r.pid).filter((p): p is string => !!p),
    quoted,
    ...(e.meta.cc?.length ? { cc: e.meta.cc } : {}),
    ...(e.meta.survey ? { survey: e.meta.survey } : {}),
    ...(e.meta.attachments?.length ? { attachments: await attachmentFiles(q, e.meta.attachments) } : {}),
  };
}

/** The bytes of a reply's attached files; a file missing from the store fails the delivery for good (said on the message). */
async function attachmentFiles(q: Queryable, list: readonly Attachment[]): Promise<Array<{ filename: string; contentType: string; content: Buffer }>> {
  const out: Array<{ filename: string; contentType: string; content: Buffer }> = [];
  for (const a of list) {
    const content = await loadAttachment(q, a.sha256);
    if (!content) throw new PermanentDeliveryError(`the attached file ${a.filename.slice(0, 100)} is no longer stored`);
    out.push({ filename: a.filename, contentType: a.contentType, content });
  }
  return out;
}
