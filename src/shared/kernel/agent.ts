import { z } from 'zod';
import { Id, Language } from './primitives';

export const Role = z.enum(['agent', 'lead', 'specialist', 'admin']);
export type Role = z.infer<typeof Role>;

export const Presence = z.enum(['online', 'away', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const Team = z.object({ id: Id, name: z.string().min(1) });
export type Team = z.infer<typeof Team>;

export const Agent = z.object({
  id: Id,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1),
  role: Role,
  teamIds: z.array(Id),
  languages: z.array(Language).min(1),
  presence: Presence,
});
export type Agent = z.infer<typeof Agent>;

/** Who may see a team's customers, cases and events: its members, and admins everywhere. */
export function canSeeTeam(agent: Pick<Agent, 'role' | 'teamIds'>, teamId: string): boolean {
  return agent.role === 'admin' || agent.teamIds.includes(teamId);
}
