import { createAdapter } from '@socket.io/postgres-adapter';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import { safeError } from '../logger';

/**
 * The socket.io Postgres adapter (issue 17): every instance LISTENs on the database it already shares, and a room's
 * emit on one instance is NOTIFYed to the others (payloads over 8 kB go through `socket_io_attachments`, migration
 * 170). `fetchSockets` then answers for the whole cluster, so "is an agent online" is too. A library, not our own bus.
 */
export function clusterAdapter(pool: Pool, logger: Logger): ServerOptions['adapter'] {
  return createAdapter(pool, {
    errorHandler: (err) => logger.warn({ err: safeError(err) }, 'cluster adapter error'),
    // a peer that stopped heart-beating is dropped after this; requests (fetchSockets) wait at most this long
    heartbeatInterval: 5_000,
    heartbeatTimeout: 10_000,
  }) as unknown as ServerOptions['adapter'];
}
