import type { Author, Event } from '../../../shared/kernel/event';
import { toIso, toNumber } from '../db/types';

/** The `events` table's columns and their PostgreSQL types: the one description the writer and readers share. */
export const EVENT_ROW_COLUMNS = {
  id: 'uuid', seq: 'bigint', team_id: 'uuid', customer_id: 'uuid', case_id: 'uuid', thread_id: 'uuid',
  kind: 'text', channel: 'text', occurred_at: 'timestamptz', body: 'text', author: 'jsonb', meta: 'jsonb',
} as const;

/** Columns of `events` for a select, in EVENT_ROW_COLUMNS' order. */
export const EVENT_COLUMNS = Object.keys(EVENT_ROW_COLUMNS).join(', ');

/**
 * One row of `events`, as appendEvents writes it and as readers get it back (the drivers return bigint and
 * timestamptz as strings or Dates, hence the wider seq and occurred_at).
 */
export interface EventRow {
  id: string;
  seq: number | string;
  team_id: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string | null;
  kind: string;
  channel: string;
  occurred_at: string | Date;
  body: string | null;
  author: Author;
  meta: Record<string, unknown>;
}

/** An event with its log position, as the row appendEvents inserts (the team is the customer's). */
export function eventToRow(e: Event, seq: number, teamId: string): EventRow {
  return {
    id: e.id,
    seq,
    team_id: teamId,
    customer_id: e.customerId,
    case_id: e.caseId,
    thread_id: e.threadId,
    kind: e.kind,
    channel: e.channel,
    occurred_at: e.occurredAt,
    body: e.body,
    author: e.author,
    meta: e.meta,
  };
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
