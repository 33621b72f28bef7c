import { eraseCase, eraseCustomer, eraseEvent, eraseThread } from '../../../shared/features/privacy';
import { authorOf, type Event } from '../../../shared/kernel/event';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { OmnideskError } from '../../../shared/kernel/errors';
import { newId } from '../../../shared/kernel/ids';
import type { EraseResponse } from '../../../shared/contracts/http';
import type { Db, Queryable } from '../../kernel/db/types';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../../kernel/events/rows';
import { withEventLog, type Poke } from '../../kernel/events/unit-of-work';

/** The customer's projection row, or NOT_FOUND. */
export async function loadCustomer(q: Queryable, customerId: string): Promise<Customer> {
  const { rows } = await q.query<{ data: Customer }>('select data from customers where id = $1', [customerId]);
  const c = rows[0]?.data;
  if (!c) throw new OmnideskError('NOT_FOUND', 'no such customer');
  return c;
}

export async function customerEvents(q: Queryable, customerId: string): Promise<Event[]> {
  const { rows } = await q.query<EventRow>(`select ${EVENT_COLUMNS} from events where customer_id = $1 order by seq`, [customerId]);
  return rows.map(rowToEvent);
}

/** The sha256 of every attachment the events carry. */
export function attachmentHashes(events: readonly Event[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    if (e.kind === 'message.received') for (const a of e.meta.attachments ?? []) out.add(a.sha256);
    // social media the download job stored (issue 10)
    if (e.kind === 'message.attachment_stored') out.add(e.meta.attachment.sha256);
  }
  return [...out];
}

/**
 * Erases one customer's personal data (issue 9), in one transaction under the event-log lock:
 *  - the log: every event of the customer scrubbed with the shared rules (bodies, subjects, HTML, attachments,
 *    numbers, the customer's name as author; `src/shared/features/privacy`), ids, kinds and times kept;
 *  - the projections: customer, cases, threads scrubbed the same way; identity keys deleted (and with them the
 *    email match keys, by trigger); attachment bytes no other customer's message refers to deleted;
 *  - then appends `customer.erased`, so every desktop that holds the customer scrubs its cache (and the teams
 *    are poked after the commit), and records the erasure (who, when, which customer; nothing personal).
 * A customer merged into another is refused (CONFLICT): its data lives with the customer it was merged into.
 */
export async function eraseCustomerData(db: Db, poke: Poke, admin: Agent, customerId: string, clock: () => Date = () => new Date()): Promise<EraseResponse> {
  return withEventLog(db, poke, async ({ tx, append }) => {
    const customer = await loadCustomer(tx, customerId);
    if (customer.mergedInto) throw new OmnideskError('CONFLICT', 'this customer was merged into another; erase that one');
    const events = await customerEvents(tx, customerId);
    const hashes = attachmentHashes(events);

    const scrubbed = events.map(eraseEvent);
    if (scrubbed.length) {
      await tx.query(
        `update events e set body = v.body, author = v.author::jsonb, meta = v.meta::jsonb
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as v(id, body, author, meta)
          where e.id = v.id`,
        [scrubbed.map((e) => e.id), scrubbed.map((e) => e.body), scrubbed.map((e) => JSON.stringify(e.author)), scrubbed.map((e) => JSON.stringify(e.meta))],
      );
    }
    const erased = eraseCustomer(customer);
    await tx.query('update customers set name = $2, data = $3::text::jsonb where id = $1', [customerId, erased.name, JSON.stringify(erased)]);
    await tx.query('delete from customer_identities where customer_id = $1', [customerId]);
    const { rows: caseRows } = await tx.query<{ data: Case }>('select data from cases where customer_id = $1', [customerId]);
    if (caseRows.length) {
      const list = caseRows.map((r) => eraseCase(r.data));
      await tx.query('update cases k set data = v.data::jsonb from unnest($1::uuid[], $2::text[]) as v(id, data) where k.id = v.id', [
        list.map((k) => k.id),
        list.map((k) => JSON.stringify(k)),
      ]);
    }
    const { rows: threadRows } = await tx.query<{ data: Thread }>('select data from threads where customer_id = $1', [customerId]);
    if (threadRows.length) {
      const list = threadRows.map((r) => eraseThread(r.data));
      await tx.query('update threads t set data = v.data::jsonb from unnest($1::uuid[], $2::text[]) as v(id, data) where t.id = v.id', [
        list.map((t) => t.id),
        list.map((t) => JSON.stringify(t)),
      ]);
    }
    if (hashes.length) {
      await tx.query(
        `delete from attachments a where a.sha256 = any($1::text[]) and not exists (
           select 1 from events e where e.customer_id <> $2 and e.kind = 'message.received'
             and e.meta -> 'attachments' @> jsonb_build_array(jsonb_build_object('sha256', a.sha256)))
           and not exists (
           select 1 from events e where e.customer_id <> $2 and e.kind = 'message.attachment_stored'
             and e.meta -> 'attachment' ->> 'sha256' = a.sha256)`,
        [hashes, customerId],
      );
    }

    const erasureId = newId();
    const at = clock().toISOString();
    const event = {
      id: newId(),
      seq: null,
      customerId,
      caseId: null,
      threadId: null,
      channel: 'internal',
      kind: 'customer.erased',
      author: authorOf(admin),
      body: null,
      meta: { erasureId },
      occurredAt: at,
    } as Event;
    const appended = await append([event]);
    const seq = appended.events[0]?.seq as number;
    await tx.query('insert into erasures (id, customer_id, erased_by, erased_at, event_id) values ($1, $2, $3, $4, $5)', [erasureId, customerId, admin.id, at, event.id]);
    return { erasureId, customerId, eventId: event.id, seq };
  });
}
