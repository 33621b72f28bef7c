import type { Queryable } from '../db/types';

/**
 * Each desktop's sync health (issue 16; table sync_clients, migration 120), for the lead console: connected or
 * since when not, and how many changes it said it had not pushed yet (in the handshake and with each push). The last
 * seq it pulled is `client_cursors.last_pull_cursor`.
 */
export async function desktopConnected(db: Queryable, clientId: string, unsynced: number | undefined): Promise<void> {
  await db.query(
    `update sync_clients set connected = true, disconnected_at = null, last_seen_at = now(), unsynced = coalesce($2, unsynced) where client_id = $1`,
    [clientId, unsynced ?? null],
  );
}

export async function desktopDisconnected(db: Queryable, clientId: string): Promise<void> {
  await db.query(`update sync_clients set connected = false, disconnected_at = now(), last_seen_at = now() where client_id = $1`, [clientId]);
}

/** The desktop's outbox after a push: `unsynced` changes still waiting there. */
export async function desktopReported(db: Queryable, clientId: string, unsynced: number): Promise<void> {
  await db.query(`update sync_clients set unsynced = $2, last_seen_at = now() where client_id = $1`, [clientId, unsynced]);
}
