import type { Agent, Team } from '../../../shared/kernel/agent';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { toNumber, type Queryable } from '../db/types';

/** Readers of the projections. Every one takes a Queryable so it can run inside a transaction. */

export async function loadCustomer(q: Queryable, id: string): Promise<Customer | null> {
  const { rows } = await q.query<{ data: Customer }>('select data from customers where id = $1', [id]);
  return rows[0]?.data ?? null;
}

export async function loadCase(q: Queryable, id: string): Promise<Case | null> {
  const { rows } = await q.query<{ data: Case }>('select data from cases where id = $1', [id]);
  return rows[0]?.data ?? null;
}

export async function loadThread(q: Queryable, id: string): Promise<Thread | null> {
  const { rows } = await q.query<{ data: Thread }>('select data from threads where id = $1', [id]);
  return rows[0]?.data ?? null;
}

export interface AgentRow {
  id: string;
  username: string;
  display_name: string;
  role: Agent['role'];
  team_ids: string[];
  languages: Agent['languages'];
  presence: Agent['presence'];
}
export const AGENT_COLUMNS = 'id, username, display_name, role, team_ids, languages, presence';

export function rowToAgent(r: AgentRow): Agent {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    teamIds: r.team_ids,
    languages: r.languages,
    presence: r.presence,
  };
}

export async function loadAgent(q: Queryable, id: string): Promise<Agent | null> {
  const { rows } = await q.query<AgentRow>(`select ${AGENT_COLUMNS} from agents where id = $1`, [id]);
  return rows[0] ? rowToAgent(rows[0]) : null;
}

/** Several agents in one query (those that exist). */
export async function loadAgents(q: Queryable, ids: readonly string[]): Promise<Agent[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<AgentRow>(`select ${AGENT_COLUMNS} from agents where id = any($1::uuid[])`, [ids]);
  return rows.map(rowToAgent);
}

export async function loadAgentWithHash(q: Queryable, username: string): Promise<{ agent: Agent; passwordHash: string } | null> {
  const { rows } = await q.query<AgentRow & { password_hash: string }>(
    `select ${AGENT_COLUMNS}, password_hash from agents where username = $1 and active`,
    [username],
  );
  const r = rows[0];
  return r ? { agent: rowToAgent(r), passwordHash: r.password_hash } : null;
}

export async function listAgents(q: Queryable): Promise<Agent[]> {
  const { rows } = await q.query<AgentRow>(`select ${AGENT_COLUMNS} from agents order by username`);
  return rows.map(rowToAgent);
}

export async function listTeams(q: Queryable): Promise<Team[]> {
  const { rows } = await q.query<Team>('select id, name from teams order by name');
  return rows;
}

/** The highest committed seq (0 when the log is empty). */
export async function maxSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events');
  return toNumber(rows[0]?.m);
}
