import {
  queueSafety,
  RED_LINE_SECONDS,
  RED_LINE_WINDOW_MS,
  type Case,
  type CaseFacts,
  type Channel,
  type ChannelLoad,
  type Priority,
  type RedLine,
  type Role,
  type SafetyCaseLine,
  type CaseLine,
  type HelpLine,
  type FastTrackLine,
  WAITING_LIST_MAX,
  type Wallboard,
  type WallboardAgent,
} from '../../../shared/index';
import { toIso, type Queryable } from '../../kernel/db/types';
import { presences } from '../routing/index';

const CHANNELS: readonly Channel[] = ['chat', 'phone', 'email', 'social'];
const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3'];
const LIVE: ReadonlyArray<'chat' | 'phone'> = ['chat', 'phone'];
/** how far an offline desktop's backlog is counted (a desktop away for a month shows "10,000+") */
export const BEHIND_CAP = 10_000;

interface AgentRow {
  id: string;
  display_name: string;
  role: Role;
}
interface HealthRow {
  agent_id: string;
  online: boolean;
  offline_since: unknown;
  last_seen_at: unknown;
  unsynced: number;
  cursor: string | number | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * A team's wallboard (issue 16) from the read model (the open cases' facts), the routing presence and the desktops'
 * sync health — current state only, never a scan of history. Names and subjects are for the lead's eyes: the
 * wallboard travels to leads' desktops only and is never logged.
 */
export async function buildWallboard(db: Queryable, teamId: string, now = Date.now()): Promise<Wallboard> {
  const { rows: team } = await db.query<{ name: string }>('select name from teams where id = $1', [teamId]);
  const { rows: openRows } = await db.query<{ data: CaseFacts }>(
    `select data from lead_case_facts where team_id = $1 and status not in ('resolved', 'closed')`,
    [teamId],
  );
  const open = openRows.map((r) => r.data);

  const cells = new Map<string, ChannelLoad>();
  let waiting = 0;
  let unassigned = 0;
  let atRisk = 0;
  let breached = 0;
  let oldest: CaseFacts | null = null;
  const loadBy = new Map<string, Record<string, number>>();
  for (const f of open) {
    const ch = f.channel ?? 'email';
    const key = `${ch}|${f.priority}`;
    const cell = cells.get(key) ?? { channel: ch, priority: f.priority, waiting: 0, open: 0 };
    cell.open++;
    const waits = f.awaitingSince !== null && f.status !== 'waiting_on_customer';
    if (waits) {
      cell.waiting++;
      waiting++;
      if (!oldest || f.awaitingSince! < oldest.awaitingSince!) oldest = f;
    }
    cells.set(key, cell);
    if (f.assigneeId === null) unassigned++;
    else {
      const l = loadBy.get(f.assigneeId) ?? {};
      l[ch] = (l[ch] ?? 0) + 1;
      loadBy.set(f.assigneeId, l);
    }
    const states = Object.values(f.sla);
    if (states.includes('breached')) breached++;
    else if (states.includes('warned')) atRisk++;
  }
  const byChannel = CHANNELS.flatMap((c) => PRIORITIES.flatMap((p) => cells.get(`${c}|${p}`) ?? []));

  const redLine = await redLines(db, teamId, now);
  const stuckFacts = [...open].sort((a, b) => a.stageSince - b.stageSince || a.openedAt - b.openedAt).slice(0, 10);
  const waitingFacts = open
    .filter((f) => f.awaitingSince !== null && f.status !== 'waiting_on_customer')
    .sort((a, b) => a.awaitingSince! - b.awaitingSince!)
    .slice(0, WAITING_LIST_MAX);
  const [agents, [stuck, waitingList], safety, flags, fastTracks] = await Promise.all([
    agentLines(db, teamId, loadBy, now),
    caseLines(db, [stuckFacts, waitingFacts]),
    safetyCases(db, teamId, now),
    helpRequests(db, teamId),
    fastTracksToReview(db, teamId),
  ]);
  return {
    teamId,
    teamName: team[0]?.name ?? '',
    generatedAt: new Date(now).toISOString(),
    totals: {
      waiting,
      open: open.length,
      unassigned,
      slaAtRisk: atRisk,
      slaBreached: breached,
      oldestWaitSince: iso(oldest?.awaitingSince ?? null),
      oldestWaitCaseId: oldest?.caseId ?? null,
    },
    byChannel,
    redLine,
    safety,
    flags,
    fastTracks,
    agents,
    stuck,
    waiting: waitingList,
  };
}

/**
 * The live channels' average response (DOMAIN.md red line) over the contacts that arrived in the last 15 minutes: the
 * time to their first response, or for those still unanswered their wait so far. A missed call from yesterday is no
 * live response time; it stays in the waiting count and the longest wait.
 */
async function redLines(db: Queryable, teamId: string, now: number): Promise<RedLine[]> {
  const since = now - RED_LINE_WINDOW_MS;
  const { rows } = await db.query<{ channel: 'chat' | 'phone'; opened_at: number; first_response_at: number | null }>(
    `select channel, opened_at::float8 as opened_at, first_response_at::float8 as first_response_at from lead_case_facts
      where team_id = $1 and opened_at >= $2 and channel in ('chat', 'phone')`,
    [teamId, since],
  );
  return LIVE.map((channel) => {
    const waits = rows.filter((r) => r.channel === channel).map((r) => Math.max(0, (r.first_response_at ?? now) - r.opened_at));
    const averageSec = waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length / 1000 : null;
    return { channel, averageSec, contacts: waits.length, crossed: averageSec !== null && averageSec > RED_LINE_SECONDS };
  });
}

async function agentLines(db: Queryable, teamId: string, loadBy: ReadonlyMap<string, Record<string, number>>, now: number): Promise<WallboardAgent[]> {
  const { rows: agents } = await db.query<AgentRow>(
    `select id, display_name, role from agents where team_ids @> jsonb_build_array($1::text) and role <> 'admin' order by display_name`,
    [teamId],
  );
  const ids = agents.map((a) => a.id);
  const [presence, health, handle] = await Promise.all([presences(db, ids), healthOf(db, ids), handleToday(db, teamId, now)]);
  const behind = await behindOf(db, teamId, [...health.values()].filter((h) => !h.online));
  return agents.map((a) => {
    const h = health.get(a.id);
    const p = presence.get(a.id);
    const load = loadBy.get(a.id) ?? {};
    return {
      id: a.id,
      name: a.display_name,
      role: a.role,
      presence: p?.presence ?? 'offline',
      presenceSince: p?.since ?? null,
      load: Object.values(load).reduce((s, n) => s + n, 0),
      loadByChannel: load,
      handleSec: handle.get(a.id) ?? null,
      desktop: {
        online: h?.online ?? false,
        offlineSince: h && !h.online && h.offline_since ? toIso(h.offline_since) : null,
        unsyncedOut: h?.unsynced ?? 0,
        behind: behind.get(a.id) ?? 0,
        lastSeenAt: h?.last_seen_at ? toIso(h.last_seen_at) : null,
      },
    };
  });
}

/** Per agent, over their desktops: online if any is; otherwise offline since the last one left. */
async function healthOf(db: Queryable, agentIds: readonly string[]): Promise<Map<string, HealthRow>> {
  if (agentIds.length === 0) return new Map();
  const { rows } = await db.query<HealthRow>(
    `select s.agent_id, bool_or(s.connected) as online, max(s.disconnected_at) as offline_since, max(s.last_seen_at) as last_seen_at,
            coalesce(sum(s.unsynced), 0)::int as unsynced, max(c.last_pull_cursor) as cursor
       from sync_clients s left join client_cursors c on c.client_id = s.client_id
      where s.agent_id = any($1::uuid[]) and s.last_seen_at is not null
      group by s.agent_id`,
    [agentIds],
  );
  return new Map(rows.map((r) => [r.agent_id, r]));
}

/** Events of the team an offline desktop has not pulled yet (capped). */
async function behindOf(db: Queryable, teamId: string, offline: readonly HealthRow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const h of offline) {
    if (h.cursor === null) continue;
    const { rows } = await db.query<{ n: string | number }>(
      `select count(*) as n from (select 1 from events where team_id = $1 and seq > $2 limit ${BEHIND_CAP}) x`,
      [teamId, h.cursor],
    );
    out.set(h.agent_id, Number(rows[0]?.n ?? 0));
  }
  return out;
}

/** Average handle time (s) per agent of the contacts resolved since midnight UTC. */
async function handleToday(db: Queryable, teamId: string, now: number): Promise<Map<string, number>> {
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  const { rows } = await db.query<{ data: CaseFacts }>('select data from lead_case_facts where team_id = $1 and resolved_at >= $2', [teamId, midnight.getTime()]);
  const sums = new Map<string, { sec: number; n: number }>();
  for (const { data: f } of rows) {
    if (!f.assigneeId) continue;
    const chat = f.chatFirstAt !== null && f.chatLastAt !== null ? 1 : 0;
    if (f.calls + chat === 0) continue;
    const s = sums.get(f.assigneeId) ?? { sec: 0, n: 0 };
    s.sec += f.callSec + (f.wrapSec ?? 0) + (chat ? (f.chatLastAt! - f.chatFirstAt!) / 1000 : 0);
    s.n += f.calls + chat;
    sums.set(f.assigneeId, s);
  }
  return new Map([...sums].map(([id, s]) => [id, s.sec / s.n]));
}

/** Lists of cases as the wallboard shows them, with the customer's name and the subject (one query for all). */
async function caseLines(db: Queryable, lists: readonly [readonly CaseFacts[], readonly CaseFacts[]]): Promise<[CaseLine[], CaseLine[]]> {
  const ids = [...new Set(lists.flatMap((l) => l.map((f) => f.caseId)))];
  if (ids.length === 0) return [[], []];
  const { rows } = await db.query<{ id: string; subject: string; name: string }>(
    `select k.id, k.data->>'subject' as subject, c.name from cases k join customers c on c.id = k.customer_id where k.id = any($1::uuid[])`,
    [ids],
  );
  const info = new Map(rows.map((r) => [r.id, r]));
  const line = (l: readonly CaseFacts[]): CaseLine[] =>
    l.map((f) => ({
      caseId: f.caseId,
      customerId: f.customerId,
      customerName: info.get(f.caseId)?.name ?? '',
      subject: info.get(f.caseId)?.subject ?? '',
      status: f.status,
      priority: f.priority,
      channel: f.channel,
      assigneeId: f.assigneeId,
      stage: f.stage,
      stageSince: new Date(f.stageSince).toISOString(),
      openedAt: new Date(f.openedAt).toISOString(),
      waitingSince: iso(f.awaitingSince),
    }));
  return [line(lists[0]), line(lists[1])];
}

/** Agents' flags still waiting for the lead (case.help_requested not yet answered), the oldest first. */
async function helpRequests(db: Queryable, teamId: string): Promise<HelpLine[]> {
  const { rows } = await db.query<{ data: Case; name: string }>(
    `select k.data, c.name from cases k join customers c on c.id = k.customer_id
      where k.team_id = $1 and jsonb_typeof(k.data->'help') = 'object'
      order by k.data->'help'->>'at' limit 200`,
    [teamId],
  );
  return rows.flatMap((r) => {
    const h = r.data.help;
    if (!h) return [];
    return [{ caseId: r.data.id, customerId: r.data.customerId, customerName: r.name, subject: r.data.subject, requestId: h.id, byId: h.byId, at: h.at, note: h.note }];
  });
}

/** Green-channel fast-tracks not yet reviewed, whatever the case's status now (the review comes afterwards). */
async function fastTracksToReview(db: Queryable, teamId: string): Promise<FastTrackLine[]> {
  const { rows } = await db.query<{ data: Case; name: string }>(
    `select k.data, c.name from cases k join customers c on c.id = k.customer_id
      where k.team_id = $1 and jsonb_typeof(k.data->'fastTrack') = 'object' and jsonb_typeof(k.data->'fastTrack'->'reviewedAt') = 'null'
      order by k.data->'fastTrack'->>'at' limit 200`,
    [teamId],
  );
  return rows.flatMap((r) => {
    const f = r.data.fastTrack;
    if (!f || f.reviewedAt !== null) return [];
    return [{ caseId: r.data.id, customerId: r.data.customerId, customerName: r.name, subject: r.data.subject, fastTrackId: f.id, byId: f.byId, at: f.at, reason: f.reason, status: r.data.status }];
  });
}

/** Open cases with a possible adverse event, the nearest regulatory deadline first. */
async function safetyCases(db: Queryable, teamId: string, now: number): Promise<SafetyCaseLine[]> {
  const { rows } = await db.query<{ data: Case; name: string }>(
    `select k.data, c.name from cases k join customers c on c.id = k.customer_id
      where k.team_id = $1 and k.status not in ('resolved', 'closed') and k.data ? 'safety'`,
    [teamId],
  );
  const lines: SafetyCaseLine[] = [];
  for (const r of rows) {
    const s = queueSafety(r.data, now);
    if (!s || s.standing === 'done') continue;
    lines.push({
      caseId: r.data.id,
      customerId: r.data.customerId,
      customerName: r.name,
      subject: r.data.subject,
      assigneeId: r.data.assigneeId,
      rule: s.next?.rule ?? null,
      dueAt: s.next?.dueAt ?? null,
    });
  }
  return lines.sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
}
