import { Agent, Team } from '../../kernel/agent';
import { referenceKind } from '../../kernel/reference';

/**
 * The directory as reference data (src/shared/kernel/reference.ts): every team and every agent is an item.
 * A team replicates to its members; an agent to the members of its teams, and an agent in no team (an admin) to
 * the whole organisation. Admins receive everything. What the directory shows is narrower (visible.ts).
 */
export const DIRECTORY_TEAM = referenceKind<Team>('directory.team', Team);
export const DIRECTORY_AGENT = referenceKind<Agent>('directory.agent', Agent);

/** What the server writes for a team and an agent: id, scope and data. */
export const teamReference = (team: Team) => ({ id: team.id, teamIds: [team.id], data: team });
export const agentReference = (agent: Agent) => ({ id: agent.id, teamIds: [...agent.teamIds], data: agent });
