import { defaultTeamRouting, ROUTING_TEAM, TeamRouting } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';

/** Every team's routing as saved (reference items `routing.team`), read again only when the reference stream moved. */
let cached: { version: string; teams: Map<string, TeamRouting> } | null = null;

export async function loadTeamRoutings(db: Queryable): Promise<Map<string, TeamRouting>> {
  const { rows: v } = await db.query<{ v: string | null }>(`select max(version)::text as v from reference_items where kind = $1`, [ROUTING_TEAM.kind]);
  const version = v[0]?.v ?? '0';
  if (cached?.version === version) return cached.teams;
  const { rows } = await db.query<{ data: unknown }>(`select data from reference_items where kind = $1 and not deleted`, [ROUTING_TEAM.kind]);
  const teams = new Map<string, TeamRouting>();
  for (const r of rows) {
    // written through the kind's schema, so a failure here is a newer shape: that team keeps the defaults
    const p = TeamRouting.safeParse(r.data);
    if (p.success) teams.set(p.data.teamId, p.data);
  }
  cached = { version, teams };
  return teams;
}

/** One team's routing: as saved, else the defaults (live chat, phone and social offered; 30 s to accept). */
export async function teamRouting(db: Queryable, teamId: string): Promise<TeamRouting> {
  return (await loadTeamRoutings(db)).get(teamId) ?? defaultTeamRouting(teamId);
}
