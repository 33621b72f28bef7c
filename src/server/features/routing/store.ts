import { AgentSkills, compareWork, type Channel, type DeviceKind, type Language, type RoutingCandidate, type RoutingPresence, type RoutingReason, type RoutingWork } from '../../../shared/index';
import { toIso, type Queryable } from '../../kernel/db/types';

/** Statuses in which an assigned case takes one of its agent's slots on its channel. */
export const LOAD_STATUSES = ['open', 'pending'];

export interface WaitingWork extends RoutingWork {
  priority: string;
  openedAt: string;
  customerId: string;
}

/**
 * The team's cases waiting for an agent, most urgent first: open, nobody's, no offer out, on a channel the router
 * handles for this team (`channels`), one page at a time (a pass reads only as far as its free slots need).
 */
export async function waitingWork(tx: Queryable, teamId: string, channels: readonly Channel[], page: { limit: number; offset: number }): Promise<WaitingWork[]> {
  if (channels.length === 0) return [];
  const { rows } = await tx.query<{ case_id: string; customer_id: string; channel: Channel; language: Language; product: DeviceKind | null; min_tier: number; priority: string; opened_at: unknown; passed: string[] | null }>(
    `select w.case_id, c.customer_id, w.channel, w.language, w.product, w.min_tier, c.priority, c.opened_at,
            (select array_agg(o.agent_id::text) from routing_offers o where o.case_id = w.case_id and o.state in ('declined', 'expired')) as passed
       from routing_work w join cases c on c.id = w.case_id
      where w.team_id = $1 and c.team_id = $1 and c.status = 'open' and c.assignee_id is null and w.channel = any($2::text[])
        and not exists (select 1 from routing_offers o where o.case_id = w.case_id and o.state = 'pending')
      order by c.priority, c.opened_at, w.case_id
      limit $3 offset $4`,
    [teamId, channels, page.limit, page.offset],
  );
  return rows
    .map((r) => ({
      caseId: r.case_id,
      customerId: r.customer_id,
      teamId,
      channel: r.channel,
      language: r.language,
      product: r.product,
      minTier: Number(r.min_tier),
      passedBy: r.passed ?? [],
      priority: r.priority,
      openedAt: toIso(r.opened_at),
    }))
    .sort((a, b) => compareWork({ ...a }, { ...b }));
}

/**
 * The team's agents and specialists with presence, skills, idle time and open work per channel. Leads watch the
 * queues and take work by hand; admins are in no team.
 */
export async function candidates(tx: Queryable, teamId: string, opts: { availableOnly?: boolean } = {}): Promise<RoutingCandidate[]> {
  const { rows } = await tx.query<{ id: string; team_ids: string[]; languages: Language[]; presence: RoutingPresence | null; idle_since: unknown; products: unknown; tier: number | null }>(
    `select a.id, a.team_ids, a.languages, r.presence, r.idle_since, r.products, r.tier
       from agents a left join routing_agents r on r.agent_id = a.id
      where a.team_ids ? $1::text and a.role in ('agent', 'specialist') and (not $2::boolean or r.presence = 'available')`,
    [teamId, opts.availableOnly ?? false],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const load = await loadOf(tx, ids);
  return rows.map((r) => {
    const skills = AgentSkills.safeParse({ products: r.products ?? [], tier: r.tier ?? 1 });
    return {
      agentId: r.id,
      teamIds: r.team_ids,
      languages: r.languages,
      products: skills.success ? skills.data.products : [],
      tier: skills.success ? skills.data.tier : 1,
      presence: r.presence ?? 'offline',
      load: load.get(r.id) ?? {},
      idleSince: r.idle_since ? Date.parse(toIso(r.idle_since)) : 0,
    };
  });
}

/** Open work per agent and channel: their open or pending cases (of any team) and the offers waiting for them. */
export async function loadOf(tx: Queryable, agentIds: readonly string[]): Promise<Map<string, Partial<Record<Channel, number>>>> {
  const { rows } = await tx.query<{ agent_id: string; channel: Channel; n: unknown }>(
    `select c.assignee_id as agent_id, w.channel, count(*) as n
       from cases c join routing_work w on w.case_id = c.id
      where c.assignee_id = any($1::uuid[]) and c.status = any($2::text[])
      group by 1, 2
     union all
     select o.agent_id, o.channel, count(*) from routing_offers o where o.agent_id = any($1::uuid[]) and o.state = 'pending' group by 1, 2`,
    [agentIds, LOAD_STATUSES],
  );
  const out = new Map<string, Partial<Record<Channel, number>>>();
  for (const r of rows) {
    const m = out.get(r.agent_id) ?? {};
    m[r.channel] = (m[r.channel] ?? 0) + Number(r.n);
    out.set(r.agent_id, m);
  }
  return out;
}

export interface OfferRow {
  id: string;
  caseId: string;
  agentId: string;
  teamId: string;
  channel: Channel;
  reason: RoutingReason;
  offeredAt: string;
  expiresAt: string;
}

export async function insertOffer(tx: Queryable, o: OfferRow): Promise<void> {
  await tx.query(
    `insert into routing_offers (id, case_id, agent_id, team_id, channel, reason, offered_at, expires_at) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)`,
    [o.id, o.caseId, o.agentId, o.teamId, o.channel, JSON.stringify(o.reason), o.offeredAt, o.expiresAt],
  );
}

/** The agent had new work now: they go to the back of the idle order. */
export async function touchIdle(tx: Queryable, agentId: string, at: string): Promise<void> {
  await tx.query(
    `insert into routing_agents (agent_id, idle_since) values ($1, $2)
     on conflict (agent_id) do update set idle_since = greatest(routing_agents.idle_since, excluded.idle_since)`,
    [agentId, at],
  );
}
