import { HTTP_PATHS, type DirectoryResponse } from '../../../shared/contracts/http';
import type { Agent } from '../../../shared/kernel/agent';
import { directoryVisibleTo } from '../../../shared/features/directory';
import type { Db } from '../../kernel/db/types';
import { listAgents, listTeams } from '../../kernel/events/store';
import type { FeatureRoutes } from '../../kernel/http/routes';

/** The agents and teams `viewer` may see: teams they belong to (all for admins), and the agents of those teams. */
export async function directoryFor(db: Db, viewer: Agent): Promise<DirectoryResponse> {
  const [teams, agents] = await Promise.all([listTeams(db), listAgents(db)]);
  return directoryVisibleTo(viewer, teams, agents);
}

/** GET /api/directory (the desktop also has it as reference data, see kernel/reference). */
export const directoryRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.get(HTTP_PATHS.directory, async (req): Promise<DirectoryResponse> => directoryFor(db, await caller(req)));
};
