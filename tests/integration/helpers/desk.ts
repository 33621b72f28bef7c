/** An in-process desktop core against the real central server, called through the real bridge dispatcher. */
import type { DesktopCoreOptions } from '../../../src/main/core/desktop-core';
import type { SyncStatus } from '../../../src/shared';
import type { Queryable } from '../../../src/server/kernel/db/types';
import { openTestCore } from '../../support/desktop-cores';
import { passwordOf } from './server';

export type Desk = ReturnType<typeof openDesk>;

export async function maxServerSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events');
  return Number(rows[0]?.m ?? 0);
}

/**
 * A desk on its own temp cache directory, or on `opts.dataDir` (a workstation several desks share, in turn;
 * the test removes it). `sync` tunes the sync client beside fast test reconnection.
 */
export function openDesk(serverUrl: string, sync: DesktopCoreOptions['sync'] = {}, opts: { dataDir?: string; httpTimeoutMs?: number } = {}) {
  const c = openTestCore({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    tempPrefix: 'omnidesk-desk-',
    defaultServerUrl: serverUrl,
    httpTimeoutMs: opts.httpTimeoutMs ?? 5000,
    sync: { reconnectionDelay: 50, reconnectionDelayMax: 400, ackTimeoutMs: 5000, ...sync },
  });
  let user: string | null = null;
  const login = (username: string, password = passwordOf(username)) => {
    user = username;
    return c.call('session.login', { username, password });
  };
  return {
    dir: c.dataDir,
    get core() {
      return c.core;
    },
    call: c.call,
    login,
    /** the app quits and starts again on the same cache (sign-in again: the token lives in memory only) */
    async restart() {
      await c.restart();
      if (user) await login(user).catch(() => undefined);
    },
    status: c.status,
    /** online, nothing waiting, caught up with the server's log */
    synced: (q: Queryable, timeoutMs = 60_000): Promise<SyncStatus> => c.synced(() => maxServerSeq(q), { timeoutMs, what: 'desktop synced' }),
    /** until sync is in state `want` */
    state: (want: SyncStatus['state'], timeoutMs = 15_000) => c.state(want, { timeoutMs, what: `desktop ${want}` }),
    offline: (timeoutMs = 15_000) => c.state('offline', { timeoutMs, what: 'desktop offline' }),
    close: c.close,
  };
}
