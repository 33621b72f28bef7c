import type { DirectoryResponse } from '../../contracts/http';
import { canSeeTeam, type Agent, type Team } from '../../kernel/agent';

/**
 * The part of the directory `viewer` is shown: the teams they belong to (all for admins), themselves, and the
 * agents who share a team with them. One rule for the server's GET /api/directory and the desktop's cache.
 */
export function directoryVisibleTo(viewer: Pick<Agent, 'id' | 'role' | 'teamIds'>, teams: readonly Team[], agents: readonly Agent[]): DirectoryResponse {
  return {
    teams: teams.filter((t) => canSeeTeam(viewer, t.id)),
    agents: agents.filter((a) => a.id === viewer.id || viewer.role === 'admin' || a.teamIds.some((t) => canSeeTeam(viewer, t))),
  };
}
