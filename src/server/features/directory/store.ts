import type { Agent, Team } from '../../../shared/kernel/agent';
import { agentReference, DIRECTORY_AGENT, DIRECTORY_TEAM, teamReference } from '../../../shared/features/directory/reference';
import { OmnideskError } from '../../../shared/kernel/errors';
import { bulkInsert } from '../../kernel/db/bulk';
import type { Queryable } from '../../kernel/db/types';
import { putReference } from '../../kernel/reference';

/**
 * The directory's writers: the teams and agents tables (agents are also who signs in: kernel/auth reads them)
 * and, in the same transaction, their reference items, which is how every desktop gets the directory.
 * `q` must be a transaction (putReference holds its lock to commit).
 */

export async function insertTeams(q: Queryable, teams: readonly Team[]): Promise<void> {
  if (teams.length === 0) return;
  await bulkInsert(q, 'teams', { id: 'uuid', name: 'text' }, teams.map((t) => ({ id: t.id, name: t.name })));
  await putReference(q, DIRECTORY_TEAM, teams.map(teamReference));
}

/** A team's new name, and its directory item; NOT_FOUND when there is no such team. */
export async function renameTeam(q: Queryable, id: string, name: string): Promise<Team> {
  const { rows } = await q.query<Team>('update teams set name = $2 where id = $1 returning id, name', [id, name]);
  const team = rows[0];
  if (!team) throw new OmnideskError('NOT_FOUND', 'no such team');
  await putReference(q, DIRECTORY_TEAM, [teamReference(team)]);
  return team;
}

export async function insertAgents(q: Queryable, agents: ReadonlyArray<{ agent: Agent; passwordHash: string }>): Promise<void> {
  if (agents.length === 0) return;
  const rows = agents.map(({ agent: a, passwordHash }) => ({
    id: a.id,
    username: a.username,
    display_name: a.displayName,
    password_hash: passwordHash,
    role: a.role,
    team_ids: a.teamIds,
    languages: a.languages,
    presence: a.presence,
  }));
  await bulkInsert(
    q,
    'agents',
    { id: 'uuid', username: 'text', display_name: 'text', password_hash: 'text', role: 'text', team_ids: 'jsonb', languages: 'jsonb', presence: 'text' },
    rows,
  );
  await putReference(q, DIRECTORY_AGENT, agents.map(({ agent }) => agentReference(agent)));
}
