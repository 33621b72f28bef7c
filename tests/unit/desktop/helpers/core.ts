import { DesktopCore } from '../../../../src/main/core/desktop-core';
import { createDispatcher } from '../../../../src/main/core/kernel/bridge/dispatch';
import type { Logger } from '../../../../src/main/core/kernel/logger';
import type { SecretBox } from '../../../../src/main/core/kernel/session/offline-credentials';
import { OmnideskError, type BridgeMethod, type BridgeOutput, type BridgeInput, type SyncStatus } from '../../../../src/shared';
import { PASSWORD, type FakeServer } from './fake-server';
import { tempDir, waitFor } from './util';

/** A DesktopCore on a temp dataDir with fast reconnection, plus a typed `call` through the real dispatcher. */
export function makeCore(server: FakeServer, opts: { logger?: Logger; pullLimit?: number; dataDir?: string; secretBox?: SecretBox } = {}) {
  const t = opts.dataDir ? null : tempDir('omnidesk-core-');
  const dataDir = opts.dataDir ?? t!.dir;
  const core = new DesktopCore({
    dataDir,
    defaultServerUrl: server.url,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.secretBox ? { secretBox: opts.secretBox } : {}),
    sync: { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000, ...(opts.pullLimit ? { pullLimit: opts.pullLimit } : {}) },
  });
  const dispatch = createDispatcher(core.handlers);
  async function call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
    const r = await dispatch(method, input);
    if (!r.ok) throw new OmnideskError(r.error.code, r.error.message);
    return r.value as BridgeOutput<M>;
  }
  const status = () => call('sync.status', {});
  return {
    core,
    call,
    dataDir,
    status,
    login: () => call('session.login', { username: server.agent.username, password: PASSWORD }),
    /** until the core is online with nothing waiting and has seen the server's whole log */
    synced: (what = 'synced') =>
      waitFor(async () => {
        const s: SyncStatus = await status();
        return s.state === 'online' && s.pending === 0 && s.cursor >= server.seq ? s : null;
      }, { what }),
    async close() {
      await core.dispose();
      t?.cleanup();
    },
  };
}
