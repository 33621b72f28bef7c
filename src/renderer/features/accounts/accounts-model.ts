import { CreateAgentRequest, TeamNameRequest, type LockoutsResponse, type ManagedAgent } from '../../../shared/contracts/http';
import type { Role, Team } from '../../../shared/kernel/agent';
import type { ErrorCode } from '../../../shared/kernel/errors';
import type { Language } from '../../../shared/kernel/primitives';

/** The create-agent form's values (what agents.create receives). */
export interface AgentDraft {
  username: string;
  displayName: string;
  role: Role;
  teamIds: string[];
  languages: Language[];
}

export const EMPTY_DRAFT: AgentDraft = { username: '', displayName: '', role: 'agent', teamIds: [], languages: ['en'] };

export type DraftField = 'username' | 'displayName' | 'teamIds' | 'languages';
const FIELD_ORDER: readonly DraftField[] = ['username', 'displayName', 'teamIds', 'languages'];

/** The fields the server would refuse, by the same schema, in form order (empty: the draft may be sent). */
export function draftProblems(draft: AgentDraft): DraftField[] {
  const parsed = CreateAgentRequest.safeParse(draft);
  if (parsed.success) return [];
  const bad = new Set(parsed.error.issues.map((i) => i.path[0]));
  return FIELD_ORDER.filter((f) => bad.has(f));
}

/** A team name the server accepts (trimmed, 1–80 characters), or null. */
export function validTeamName(name: string): string | null {
  const parsed = TeamNameRequest.safeParse({ name });
  return parsed.success ? parsed.data.name : null;
}

/** `list` with `value` added, or removed when it was there (a checkbox's toggle), keeping the order. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** agent id → when their sign-in lock ends. */
export function lockedAgents(lockouts: LockoutsResponse['lockouts']): Map<string, string> {
  return new Map(lockouts.map((l) => [l.agentId, l.lockedUntil]));
}

/** The list with `agent` replaced (or added), sorted by username as the server lists them. */
export function withAgent(agents: readonly ManagedAgent[], agent: ManagedAgent): ManagedAgent[] {
  return [...agents.filter((a) => a.id !== agent.id), agent].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** The list with `team` replaced (or added), sorted by name. */
export function withTeam(teams: readonly Team[], team: Team): Team[] {
  return [...teams.filter((t) => t.id !== team.id), team].sort((a, b) => a.name.localeCompare(b.name));
}

/** The names of `teamIds`, in the order of `teams` (an id no team has is left out). */
export function teamNames(teamIds: readonly string[], teams: readonly Team[]): string[] {
  return teams.filter((t) => teamIds.includes(t.id)).map((t) => t.name);
}

/** What an admin changes on an agent in place (agents.update without the id). */
export type AgentPatch = { role?: Role; teamIds?: string[]; active?: boolean };

/** What the view was doing when a call failed: some refusals mean something particular there. */
export type AccountAction = 'load' | 'create' | 'update' | 'reset' | 'lift' | 'team';

export type AccountProblemKey =
  | 'accounts.unavailable'
  | 'accounts.conflict.username'
  | 'accounts.conflict.team'
  | 'accounts.conflict.self'
  | 'accounts.invalid.create'
  | 'accounts.invalid.team'
  | 'accounts.notLocked'
  | `errors.${ErrorCode}`;

/** The message for a failed call: offline / unreachable says the view needs the server; a refusal says why, where it can. */
export function problemKey(code: ErrorCode, action: AccountAction): AccountProblemKey {
  if (code === 'UNAVAILABLE') return 'accounts.unavailable';
  if (code === 'CONFLICT' && action === 'create') return 'accounts.conflict.username';
  if (code === 'CONFLICT' && action === 'team') return 'accounts.conflict.team';
  if (code === 'CONFLICT' && action === 'update') return 'accounts.conflict.self';
  if (code === 'INVALID_ARGUMENT' && action === 'create') return 'accounts.invalid.create';
  if (code === 'INVALID_ARGUMENT' && action === 'team') return 'accounts.invalid.team';
  if (code === 'NOT_FOUND' && action === 'lift') return 'accounts.notLocked';
  return `errors.${code}`;
}
