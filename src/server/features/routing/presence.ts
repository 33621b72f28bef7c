import type { PresenceChoice, PresenceState, RoutingPresence } from '../../../shared/index';
import { toIso, type Queryable } from '../../kernel/db/types';
import type { EventLogTx } from '../../kernel/events/index';
import { enqueueMany } from '../../kernel/jobs/index';
import { dispatchJob, noNotices, withdrawOffers, type Notices } from './offers';
import { teamRouting } from './settings';

interface Row {
  presence: RoutingPresence;
  chosen: PresenceChoice;
  since: unknown;
}

async function current(tx: Queryable, agentId: string): Promise<Row | null> {
  const { rows } = await tx.query<Row>('select presence, chosen, since from routing_agents where agent_id = $1 for update', [agentId]);
  return rows[0] ?? null;
}

async function teamsOf(tx: Queryable, agentId: string): Promise<string[]> {
  const { rows } = await tx.query<{ team_ids: string[] }>('select team_ids from agents where id = $1', [agentId]);
  return rows[0]?.team_ids ?? [];
}

/**
 * Moves an agent to `next` (issue 15). Becoming available puts them at the back of the idle order and queues a
 * routing pass of their teams; leaving it withdraws the offers waiting for them (the cases go to the next agent).
 * `chosen` is what the agent picked, kept for their next connection; going offline keeps it.
 */
export async function changePresence(log: EventLogTx, agentId: string, next: RoutingPresence, now: number): Promise<Notices> {
  const { tx } = log;
  const at = new Date(now).toISOString();
  const before = await current(tx, agentId);
  const chosen = next === 'offline' ? (before?.chosen ?? 'available') : next;
  if (before?.presence === next && before.chosen === chosen) return noNotices();
  await tx.query(
    `insert into routing_agents (agent_id, presence, chosen, since, idle_since) values ($1, $2, $3, $4, $4)
     on conflict (agent_id) do update set presence = excluded.presence, chosen = excluded.chosen, since = excluded.since,
       idle_since = case when excluded.presence = 'available' and routing_agents.presence <> 'available' then excluded.since else routing_agents.idle_since end`,
    [agentId, next, chosen, at],
  );
  if (next === 'available') {
    await enqueueMany(tx, (await teamsOf(tx, agentId)).map((t) => dispatchJob(t, `available:${agentId}:${now}`)));
    return noNotices();
  }
  return withdrawOffers(log, { agentId }, now);
}

/**
 * The agent is gone without a goodbye (their desktops' instance died, so no disconnect ran): offline, unless they came
 * back meanwhile — `seenSince` is the presence's time when the sweep looked, and a connection since then moved it.
 */
export async function markGone(log: EventLogTx, agentId: string, seenSince: string, now: number): Promise<Notices> {
  const before = await current(log.tx, agentId);
  if (!before || before.presence === 'offline' || toIso(before.since) !== seenSince) return noNotices();
  return changePresence(log, agentId, 'offline', now);
}

/** A desktop connected: the agent is back as they last chose (a first sign-in: available). */
export async function connected(log: EventLogTx, agentId: string, now: number): Promise<Notices> {
  const before = await current(log.tx, agentId);
  return changePresence(log, agentId, before?.chosen ?? 'available', now);
}

export async function presenceOf(db: Queryable, agentId: string): Promise<PresenceState> {
  const { rows } = await db.query<Row>('select presence, chosen, since from routing_agents where agent_id = $1', [agentId]);
  const teams = await teamsOf(db, agentId);
  // the shortest auto-away of the agent's teams: the desktop sets them away after that long without input
  const minutes = teams.length ? Math.min(...(await Promise.all(teams.map(async (t) => (await teamRouting(db, t)).autoAwayMinutes)))) : 10;
  const r = rows[0];
  return { presence: r?.presence ?? 'offline', since: r ? toIso(r.since) : new Date(0).toISOString(), autoAwayMinutes: minutes };
}

/** Presence of several agents as the router sees it (the lead console's wallboard): absent = never connected. */
export async function presences(db: Queryable, agentIds: readonly string[]): Promise<Map<string, { presence: RoutingPresence; since: string }>> {
  if (agentIds.length === 0) return new Map();
  const { rows } = await db.query<Row & { agent_id: string }>('select agent_id, presence, chosen, since from routing_agents where agent_id = any($1::uuid[])', [agentIds]);
  return new Map(rows.map((r) => [r.agent_id, { presence: r.presence, since: toIso(r.since) }]));
}
