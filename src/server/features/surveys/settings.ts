import { TeamSurveySettings } from '../../../shared/features/surveys';
import type { Queryable } from '../../kernel/db/types';

/** A team's own survey rules, or null where the defaults apply (a stored value that no longer parses counts as none). */
export async function teamSurveySettings(q: Queryable, teamId: string): Promise<TeamSurveySettings | null> {
  const { rows } = await q.query<{ settings: unknown }>('select settings from survey_team_settings where team_id = $1', [teamId]);
  const p = rows[0] ? TeamSurveySettings.safeParse(rows[0].settings) : null;
  return p?.success ? p.data : null;
}

export async function allTeamSurveySettings(q: Queryable, teamIds: readonly string[]): Promise<Array<{ teamId: string; settings: TeamSurveySettings }>> {
  const { rows } = await q.query<{ team_id: string; settings: unknown }>('select team_id, settings from survey_team_settings where team_id = any($1::uuid[])', [teamIds]);
  return rows.flatMap((r) => {
    const p = TeamSurveySettings.safeParse(r.settings);
    return p.success ? [{ teamId: r.team_id, settings: p.data }] : [];
  });
}

export async function saveTeamSurveySettings(q: Queryable, teamId: string, settings: TeamSurveySettings, by: string, now = Date.now()): Promise<void> {
  await q.query(
    `insert into survey_team_settings (team_id, settings, updated_at, updated_by) values ($1, $2::jsonb, $3, $4)
     on conflict (team_id) do update set settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [teamId, JSON.stringify(settings), new Date(now).toISOString(), by],
  );
}
