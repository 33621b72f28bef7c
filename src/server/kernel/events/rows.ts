import type { Author, Event } from '../../../shared/kernel/event';
import { toIso, toNumber } from '../db/types';

/** Columns of `events` in the order rowToEvent expects them. */
export const EVENT_COLUMNS =
  'id, seq, team_id, customer_id, case_id, thread_id, kind, channel, occurred_at, body, author, meta';

export interface EventRow {
  id: string;
  seq: unknown;
  team_id: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string | null;
  kind: string;
  channel: string;
  occurred_at: unknown;
  body: string | null;
  author: Author;
  meta: Record<string, unknown>;
}

/**
 * A stored row back in the shared Event shape. The row was written from a validated Event by
 * appendEvents, so kind and meta agree; the integration tests re-validate pulled events with the
 * shared schema.
 */
export function rowToEvent(r: EventRow): Event {
  const e = {
    id: r.id,
    seq: toNumber(r.seq),
    customerId: r.customer_id,
    caseId: r.case_id,
    threadId: r.thread_id,
    channel: r.channel,
    kind: r.kind,
    author: r.author,
    body: r.body,
    meta: r.meta,
    occurredAt: toIso(r.occurred_at),
  };
  return e as unknown as Event;
}
