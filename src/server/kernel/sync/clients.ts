import { OmnideskError } from '../../../shared/kernel/errors';
import type { Queryable } from '../db/types';

/**
 * A client id (one desktop cache) belongs to the agent who first used it (table sync_clients, migration
 * 008): the first handshake binds it, and a handshake or push under another agent's client id is refused
 * FORBIDDEN — otherwise one agent could push under a colleague's id, move its clientSeq cursor and stall
 * the colleague's sync (issue 9, finding 6). Answers nothing about who holds the id.
 */
export async function bindClient(db: Queryable, clientId: string, agentId: string): Promise<void> {
  await db.query('insert into sync_clients (client_id, agent_id) values ($1, $2) on conflict (client_id) do nothing', [clientId, agentId]);
  const { rows } = await db.query<{ agent_id: string }>('select agent_id from sync_clients where client_id = $1', [clientId]);
  if (rows[0]?.agent_id !== agentId) throw new OmnideskError('FORBIDDEN', 'this client id belongs to another agent');
}
