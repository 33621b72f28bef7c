import { z } from 'zod';
import { Role, Team } from '../../kernel/agent';
import { Id } from '../../kernel/primitives';
import { CreateAgentRequest, LockoutParams, LockoutsResponse, ManagedAgent, OneTimePasswordResponse, TeamNameRequest } from '../../contracts/http';

const Empty = z.object({}).strict();

/**
 * The admin's bridge methods (issue 9): managing agents, teams and sign-in lockouts. Online only: the desktop core
 * calls the server's routes with the session's token (src/main/core/features/accounts) and answers UNAVAILABLE when
 * it cannot; the server decides who may (agents.manage, lockouts.lift). Spread into `bridgeMethods`.
 */
export const accountsBridgeMethods = {
  /** every agent as an admin manages it, and every team (for the team pickers), fresh from the server */
  'agents.list': { input: Empty, output: z.object({ agents: z.array(ManagedAgent), teams: z.array(Team) }) },
  /** a new agent; the answer carries the one-time password, to be shown once */
  'agents.create': { input: CreateAgentRequest.strict(), output: OneTimePasswordResponse },
  /** role, teams, active */
  'agents.update': {
    input: z
      .object({ agentId: Id, role: Role.optional(), teamIds: z.array(Id).max(50).optional(), active: z.boolean().optional() })
      .strict()
      .refine((v) => v.role !== undefined || v.teamIds !== undefined || v.active !== undefined, 'nothing to change'),
    output: ManagedAgent,
  },
  /** a new one-time password (shown once); the agent's sessions end */
  'agents.resetPassword': { input: z.object({ agentId: Id }).strict(), output: OneTimePasswordResponse },
  'teams.create': { input: TeamNameRequest, output: Team },
  'teams.rename': { input: z.object({ teamId: Id }).extend(TeamNameRequest.shape).strict(), output: Team },
  /** usernames locked by failed sign-ins (leads: their teams'; admins: all) */
  'lockouts.list': { input: Empty, output: LockoutsResponse },
  'lockouts.lift': { input: LockoutParams.strict(), output: Empty },
} as const;
