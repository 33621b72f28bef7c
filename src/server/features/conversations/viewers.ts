import { canSeeTeam, VIEWERS_LIVE, Viewing, type Viewer, type Viewers } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { loadAgent } from '../../kernel/events/index';
import type { LiveHandler, SyncServer, SyncSocket } from '../../kernel/sync/socket';

const room = (customerId: string) => `viewing:${customerId}`;

interface Kept {
  viewing: Viewing;
  name: string;
}
const kept = (socket: SyncSocket): Kept | null => (socket.data.live?.viewing as Kept | undefined) ?? null;

/** Tells everyone viewing the customer who views it now (through the adapter: every instance's sockets). */
async function announce(io: SyncServer, customerId: string): Promise<void> {
  const sockets = await io.in(room(customerId)).fetchSockets();
  const viewers: Viewer[] = [];
  for (const s of sockets) {
    const k = (s.data.live?.viewing as Kept | undefined) ?? null;
    if (k?.viewing.customerId === customerId) viewers.push({ agentId: s.data.agentId, name: k.name, caseId: k.viewing.caseId, replying: k.viewing.replying });
  }
  const payload: Viewers = { customerId, viewers: viewers.slice(0, 100) };
  (io.to(room(customerId)) as unknown as { emit(e: string, p: unknown): void }).emit(VIEWERS_LIVE.viewers, payload);
}

/**
 * `live:viewing` (issue 16, the collision warning): the desktop says which customer its agent has open and whether they
 * are replying. The socket joins that customer's room — only a customer of the agent's teams — and everyone there gets
 * the list. Ids and agents' display names only; nothing is stored or logged.
 */
export function viewersLiveHandler(db: Queryable): LiveHandler {
  return {
    event: VIEWERS_LIVE.viewing,
    async handle(io, socket, payload) {
      const p = Viewing.safeParse(payload);
      if (!p.success) return;
      const before = kept(socket);
      const next = p.data;
      if (next.customerId) {
        const agent = await loadAgent(db, socket.data.agentId);
        const { rows } = await db.query<{ team_id: string }>('select team_id from customers where id = $1', [next.customerId]);
        if (!agent || !rows[0] || !canSeeTeam(agent, rows[0].team_id)) return;
        socket.data.live = { ...socket.data.live, viewing: { viewing: next, name: agent.displayName } satisfies Kept };
        await socket.join(room(next.customerId));
      } else {
        socket.data.live = { ...socket.data.live, viewing: undefined };
      }
      if (before?.viewing.customerId && before.viewing.customerId !== next.customerId) {
        await socket.leave(room(before.viewing.customerId));
        await announce(io, before.viewing.customerId);
      }
      if (next.customerId) await announce(io, next.customerId);
    },
    async disconnected(io, socket) {
      const before = kept(socket);
      if (before?.viewing.customerId) await announce(io, before.viewing.customerId);
    },
  };
}
