import { MAX_PAGE_BYTES, type PullRequest } from '../../../shared/contracts/sync';
import type { Agent } from '../../../shared/kernel/agent';
import type { Queryable } from '../db/types';
import { maxSeq } from '../events/store';
import { answerFor, selectPage, type EncodedPage, type PageAnswer } from './page';
import { cachedPage, pageKey, teamsSubject, type PageCache } from './page-cache';

/**
 * Events with seq > cursor the agent may see, ascending, at most `limit` (and MAX_PAGE_BYTES).
 *
 * The returned cursor is the highest seq examined: the last event of a full page, or — when the
 * page is not full — the global max seq read before the page query. Every seq ≤ that max is
 * committed (seq order is commit order), so the client never re-scans events it may not see and
 * never skips one it may. Pages of the same window for the same teams come from `cache` when given.
 */
export async function processPull(q: Queryable, agent: Agent, req: PullRequest, cache?: PageCache): Promise<PageAnswer> {
  const top = await maxSeq(q);
  if (top <= req.cursor) return answerFor(EMPTY_PAGE, req.cursor, req.cursor, top);
  const end = Math.min(top, req.cursor + req.limit * PULL_WINDOW_FACTOR);
  const admin = agent.role === 'admin';
  const read = () =>
    selectPage(q, {
      where: `e.seq > $1 and e.seq <= $2 ${admin ? '' : 'and e.team_id = any($3::uuid[])'}`,
      params: admin ? [req.cursor, end] : [req.cursor, end, agent.teamIds],
      limit: req.limit,
      maxBytes: MAX_PAGE_BYTES,
    });
  const page = await cachedPage(cache, () => pageKey(teamsSubject(admin ? null : agent.teamIds), req.cursor, end, req.limit), read);
  return answerFor(page, req.cursor, end, top);
}

/** Shared by every empty answer: frozen, so nothing can hang state on it. */
export const EMPTY_PAGE: EncodedPage = Object.freeze({ json: '', n: 0, last: null, full: false });

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
