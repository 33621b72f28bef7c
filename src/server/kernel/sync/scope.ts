import { OmnideskError } from '../../../shared/kernel/errors';
import { MAX_PAGE_BYTES, type BootstrapRequest, type BootstrapResponse, type FetchRequest, type PullRequest } from '../../../shared/contracts/sync';
import type { Agent } from '../../../shared/kernel/agent';
import type { Db, Queryable } from '../db/types';
import { toNumber } from '../db/types';
import { maxSeq } from '../events/store';
import { answerFor, selectPage, type PageAnswer } from './page';
import { EMPTY_PAGE, PULL_WINDOW_FACTOR } from './pull';
import { cachedPage, pageKey, scopeSubject, type PageCache } from './page-cache';

/**
 * Partial replication (DESIGN.md "Events and sync"): which customers a new desktop cache starts with.
 *
 * Leads and admins hold their whole teams ('team'). Agents and specialists hold ('partial'):
 *  - every customer with a case still open in their teams (the queues),
 *  - every customer they touched (wrote to, or has a case assigned to them),
 *  - every customer of their teams with activity in the last `historyDays`,
 *  - and the other side of any merge of those (a merged timeline needs both).
 * The set is written once, at a checkpoint `top`, so every bootstrap page filters by the same customers;
 * after `top` the desktop pulls its teams' whole log and fetches customers it does not hold on demand.
 */
export async function processBootstrap(db: Db, agent: Agent, clientId: string, req: BootstrapRequest): Promise<BootstrapResponse> {
  const scope = holdsWholeTeams(agent) ? 'team' : 'partial';
  return db.transaction(async (tx) => {
    const top = await maxSeq(tx);
    await tx.query('delete from sync_scopes where client_id = $1', [clientId]);
    await tx.query(
      'insert into sync_scopes (client_id, agent_id, top, scope, history_days) values ($1, $2, $3, $4, $5)',
      [clientId, agent.id, top, scope, req.historyDays],
    );
    if (scope === 'team') return { top, scope, customers: await countTeamCustomers(tx, agent) };
    const since = new Date(Date.now() - req.historyDays * 86_400_000).toISOString();
    await tx.query(
      `insert into sync_scope_customers (client_id, customer_id)
       select $1, customer_id from (
         select customer_id from cases where team_id = any($2::uuid[]) and status <> 'closed'
         union select customer_id from cases where team_id = any($2::uuid[]) and assignee_id = $3::uuid
         union select customer_id from events
           where team_id = any($2::uuid[]) and occurred_at >= $4 and seq <= $5
         union select customer_id from events
           where author ->> 'type' = 'agent' and author ->> 'id' = $3::text and team_id = any($2::uuid[]) and seq <= $5
       ) s
       on conflict do nothing`,
      [clientId, agent.teamIds, agent.id, since, top],
    );
    // the other side of merges: a merged timeline (and its un-merge) needs both customers
    await tx.query(
      `insert into sync_scope_customers (client_id, customer_id)
       select $1, other from (
         select (e.meta ->> 'sourceId')::uuid as other from events e
           join sync_scope_customers s on s.client_id = $1 and s.customer_id = e.customer_id
           where e.kind in ('customer.merged', 'customer.unmerged') and e.seq <= $2
         union select (e.meta ->> 'targetId')::uuid from events e
           join sync_scope_customers s on s.client_id = $1 and s.customer_id = e.customer_id
           where e.kind in ('customer.merged', 'customer.unmerged') and e.seq <= $2
       ) m where other is not null
       on conflict do nothing`,
      [clientId, top],
    );
    const { rows } = await tx.query<{ n: unknown }>('select count(*) as n from sync_scope_customers where client_id = $1', [clientId]);
    return { top, scope, customers: toNumber(rows[0]?.n ?? 0) };
  });
}

/**
 * One bootstrap page: events of the client's scope with cursor < seq ≤ until, ascending. The scope is checked on
 * every request; only the page itself may come from `cache` (built ahead by the server's read-ahead).
 */
export async function processBootstrapPull(
  q: Queryable,
  agent: Agent,
  clientId: string,
  req: PullRequest & { until: number },
  cache?: PageCache,
): Promise<PageAnswer> {
  const { rows: scopes } = await q.query<{ agent_id: string; top: unknown; scope: 'team' | 'partial' }>(
    'select agent_id, top, scope from sync_scopes where client_id = $1',
    [clientId],
  );
  const s = scopes[0];
  if (!s || s.agent_id !== agent.id || toNumber(s.top) !== req.until || (s.scope === 'team') !== holdsWholeTeams(agent)) {
    // The server forgot or replaced this scope (another bootstrap, a restored database, a role change).
    throw new OmnideskError('CONFLICT', 'bootstrap scope expired: bootstrap again');
  }
  if (req.cursor >= req.until) return answerFor(EMPTY_PAGE, req.cursor, req.cursor, req.until);
  const end = Math.min(req.until, req.cursor + req.limit * PULL_WINDOW_FACTOR);
  const params: unknown[] = [req.cursor, end];
  const filters: string[] = [];
  if (agent.role !== 'admin') filters.push(`e.team_id = any($${params.push(agent.teamIds)}::uuid[])`);
  if (s.scope === 'partial') {
    filters.push(`exists (select 1 from sync_scope_customers c where c.client_id = $${params.push(clientId)} and c.customer_id = e.customer_id)`);
  }
  const read = () =>
    selectPage(q, {
      where: `e.seq > $1 and e.seq <= $2 ${filters.map((f) => `and ${f}`).join(' ')}`,
      params,
      limit: req.limit,
      maxBytes: MAX_PAGE_BYTES,
    });
  const page = await cachedPage(cache, () => pageKey(scopeSubject(clientId, req.until, agent.role === 'admin' ? null : agent.teamIds), req.cursor, end, req.limit), read);
  return answerFor(page, req.cursor, end, req.until);
}

/**
 * The visible history (seq ≤ upTo) of customers a desktop does not hold yet: new activity of a customer
 * outside its scope, a merge, or the agent opening any customer they may see. Paged by seq.
 */
export async function processFetch(q: Queryable, agent: Agent, req: FetchRequest): Promise<PageAnswer> {
  if (req.after >= req.upTo) return answerFor(EMPTY_PAGE, req.after, req.after, req.after);
  const admin = agent.role === 'admin';
  const params: unknown[] = [req.customerIds, req.after, req.upTo];
  const team = admin ? '' : `and e.team_id = any($${params.push(agent.teamIds)}::uuid[])`;
  const page = await selectPage(q, {
    where: `e.customer_id = any($1::uuid[]) and e.seq > $2 and e.seq <= $3 ${team}`,
    params,
    limit: req.limit,
    maxBytes: MAX_PAGE_BYTES,
  });
  // the whole range (after, upTo] was read unless the page is full: nothing more to fetch then
  return answerFor(page, req.after, req.upTo, req.upTo);
}

function holdsWholeTeams(agent: Agent): boolean {
  return agent.role === 'lead' || agent.role === 'admin';
}

async function countTeamCustomers(q: Queryable, agent: Agent): Promise<number> {
  const { rows } =
    agent.role === 'admin'
      ? await q.query<{ n: unknown }>('select count(*) as n from customers')
      : await q.query<{ n: unknown }>('select count(*) as n from customers where team_id = any($1::uuid[])', [agent.teamIds]);
  return toNumber(rows[0]?.n ?? 0);
}
