/**
 * In-process desktop cores for tests, called through the real bridge dispatcher as the IPC and web-host
 * transports call them. Each has a private temp data directory, unless the test shares one between cores
 * (a workstation several sign-ins use); then the test owns that directory.
 */
import { createDispatcher } from '../../src/main/core/kernel/bridge/dispatch';
import { DesktopCore, type DesktopCoreOptions } from '../../src/main/core/desktop-core';
import { OmnideskError, type BridgeInput, type BridgeMethod, type BridgeOutput, type SyncStatus } from '../../src/shared';
import { tempDir } from './temp-dir';
import { waitFor } from './wait-for';

export type TestCoreOptions = Omit<DesktopCoreOptions, 'dataDir'> & { dataDir?: string; tempPrefix?: string };

export interface TestCore {
  /** the running core (a new one after `restart`) */
  readonly core: DesktopCore;
  readonly dataDir: string;
  call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>>;
  status(): Promise<SyncStatus>;
  /** until the core is online with nothing waiting and its cursor has reached `top()` (the server's last seq) */
  synced(top: () => number | Promise<number>, opts?: { timeoutMs?: number; what?: string }): Promise<SyncStatus>;
  /** until sync is in state `want` */
  state(want: SyncStatus['state'], opts?: { timeoutMs?: number; what?: string }): Promise<true>;
  /** the app quits and starts again on the same data directory (signed out: the token lives in memory only) */
  restart(): Promise<void>;
  /** disposes the core and removes its data directory when the helper made it */
  close(): Promise<void>;
}

export function openTestCore(options: TestCoreOptions): TestCore {
  const { dataDir: given, tempPrefix, ...rest } = options;
  const t = given === undefined ? tempDir(tempPrefix ?? 'omnidesk-core-') : null;
  const dataDir = given ?? t!.dir;
  const make = () => {
    const core = new DesktopCore({ ...rest, dataDir });
    return { core, dispatch: createDispatcher(core.handlers) };
  };
  let current = make();
  async function call<M extends BridgeMethod>(method: M, input: BridgeInput<M>): Promise<BridgeOutput<M>> {
    const r = await current.dispatch(method, input);
    if (!r.ok) throw new OmnideskError(r.error.code, r.error.message);
    return r.value as BridgeOutput<M>;
  }
  const status = () => call('sync.status', {});
  return {
    get core() {
      return current.core;
    },
    dataDir,
    call,
    status,
    synced: (top, opts = {}) =>
      waitFor(
        async () => {
          const s = await status();
          // the top is read after the status, so a change the server took meanwhile is waited for too
          return s.state === 'online' && s.pending === 0 && s.cursor >= (await top()) ? s : null;
        },
        { timeoutMs: opts.timeoutMs, what: opts.what ?? 'desktop synced' },
      ),
    state: (want, opts = {}) =>
      waitFor(async () => ((await status()).state === want ? true : null), { timeoutMs: opts.timeoutMs, what: opts.what ?? `sync state ${want}` }),
    async restart() {
      await current.core.dispose();
      current = make();
    },
    async close() {
      await current.core.dispose();
      t?.cleanup();
    },
  };
}
