import type { PullRequest, PullResponse } from '../../../shared/contracts/sync';
import type { Agent } from '../../../shared/kernel/agent';
import type { Queryable } from '../db/types';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../events/rows';
import { maxSeq } from '../events/store';

/**
 * Events with seq > cursor the agent may see, ascending, at most `limit`.
 *
 * The returned cursor is the highest seq examined: the last event of a full page, or — when the
 * page is not full — the global max seq read before the page query. Every seq ≤ that max is
 * committed (seq order is commit order), so the client never re-scans events it may not see and
 * never skips one it may.
 */
export async function processPull(q: Queryable, agent: Agent, req: PullRequest): Promise<PullResponse> {
  const top = await maxSeq(q);
  if (top <= req.cursor) return { events: [], cursor: req.cursor, hasMore: false };
  const end = Math.min(top, req.cursor + req.limit * PULL_WINDOW_FACTOR);
  const admin = agent.role === 'admin';
  const { rows } = await q.query<EventRow>(
    `select ${EVENT_COLUMNS} from events
     where seq > $1 and seq <= $2 ${admin ? '' : 'and team_id = any($4::uuid[])'}
     order by seq limit $3`,
    admin ? [req.cursor, end, req.limit + 1] : [req.cursor, end, req.limit + 1, agent.teamIds],
  );
  return windowPage(rows, req.limit, req.cursor, end, top);
}

/** A page from rows read in (from, end]: full → cursor at its last event; else cursor = end, more while end < top. */
export function windowPage(rows: EventRow[], limit: number, from: number, end: number, top: number): PullResponse {
  if (rows.length > limit) {
    const page = rows.slice(0, limit).map(rowToEvent);
    return { events: page, cursor: page[page.length - 1]?.seq ?? from, hasMore: true };
  }
  return { events: rows.map(rowToEvent), cursor: end, hasMore: end < top };
}

/**
 * How far past the cursor one page may look: `limit × PULL_WINDOW_FACTOR` seqs. It bounds a page's work
 * whatever the planner believes (right after a bulk load its statistics claim a handful of rows, and a
 * `team_id = any(…)` scan then read and sorted every remaining row: quadratic over a catch-up). A window with
 * fewer visible events than a page still moves the cursor to its end.
 */
export const PULL_WINDOW_FACTOR = 8;

/** Remembers the cursor handed to a desktop install (diagnostics; the client keeps its own). */
export async function recordPullCursor(q: Queryable, clientId: string, agentId: string, cursor: number): Promise<void> {
  await q.query(
    `insert into client_cursors (client_id, agent_id, last_pull_cursor) values ($1, $2, $3)
     on conflict (client_id) do update set agent_id = excluded.agent_id,
       last_pull_cursor = greatest(client_cursors.last_pull_cursor, excluded.last_pull_cursor), updated_at = now()`,
    [clientId, agentId, cursor],
  );
}
