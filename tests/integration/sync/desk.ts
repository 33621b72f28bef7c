/** An in-process desktop core for sync integration tests, called through the real bridge dispatcher. */
import { createDispatcher } from '../../../src/main/core/kernel/bridge/dispatch';
import { DesktopCore, type DesktopCoreOptions } from '../../../src/main/core/desktop-core';
import { OmnideskError, type BridgeInput, type BridgeMethod, type BridgeOutput, type SyncStatus } from '../../../src/shared';
import type { Queryable } from '../../../src/server/kernel/db/types';
import { tempDir, waitFor } from '../../unit/desktop/helpers/util';
import { passwordOf } from '../helpers/server';

export type Desk = Awaited<ReturnType<typeof openDesk>>;

export async function maxServerSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events');
  return Number(rows[0]?.m ?? 0);
}

export function openDesk(serverUrl: string, sync: DesktopCoreOptions['sync'] = {}) {
  const dir = tempDir('omnidesk-desk-');
  const make = () =>
    new DesktopCore({
      dataDir: dir.dir,
      defaultServerUrl: serverUrl,
      httpTimeoutMs: 5000,
      sync: { reconnectionDelay: 50, reconnectionDelayMax: 400, ackTimeoutMs: 5000, ...sync },
    });
  let core = make();
  let dispatch = createDispatcher(core.handlers);
  let user: string | null = null;
  async function call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
    const r = await dispatch(method, input);
    if (!r.ok) throw new OmnideskError(r.error.code, r.error.message);
    return r.value as BridgeOutput<M>;
  }
  const login = (username: string) => {
    user = username;
    return call('session.login', { username, password: passwordOf(username) });
  };
  return {
    dir: dir.dir,
    get core() {
      return core;
    },
    call,
    login,
    /** the app quits and starts again on the same cache (sign-in again: the token lives in memory only) */
    async restart() {
      await core.dispose();
      core = make();
      dispatch = createDispatcher(core.handlers);
      if (user) await login(user).catch(() => undefined);
    },
    status: () => call('sync.status', {}),
    /** online, nothing waiting, caught up with the server's log */
    synced: (q: Queryable, timeoutMs = 60_000): Promise<SyncStatus> =>
      waitFor(
        async () => {
          const [s, seq] = await Promise.all([call('sync.status', {}), maxServerSeq(q)]);
          return s.state === 'online' && s.pending === 0 && s.cursor >= seq ? s : null;
        },
        { timeoutMs, what: 'desktop synced' },
      ),
    offline: (timeoutMs = 15_000) =>
      waitFor(async () => ((await call('sync.status', {})).state === 'offline' ? true : null), { timeoutMs, what: 'desktop offline' }),
    async close() {
      await core.dispose();
      dir.cleanup();
    },
  };
}
