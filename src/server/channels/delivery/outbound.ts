import type { Queryable } from '../../kernel/db/types';
import { rowToEvent, EVENT_COLUMNS, type EventRow } from '../../kernel/events/rows';
import { loadCase, loadCustomer, loadThread } from '../../kernel/events/store';
import type { OutboundMessage } from '../types';

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
  return {
    eventId: e.id,
    body: e.body ?? '',
    subject: e.meta.subject,
    thread,
    customer,
    case: kase,
    threadProviderIds: rows.map((r) => r.pid).filter((p): p is string => !!p),
  };
}
