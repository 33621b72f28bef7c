import { afterEach, beforeEach } from 'vitest';
import type { Logger } from '../../../../src/main/core/kernel/logger';
import type { SecretBox } from '../../../../src/main/core/kernel/session/offline-credentials';
import { openTestCore } from '../../../support/desktop-cores';
import { PASSWORD, startFakeServer, type FakeServer } from './fake-server';

export type MakeCoreOptions = { logger?: Logger; pullLimit?: number; dataDir?: string; secretBox?: SecretBox };

/** A DesktopCore of the fake server on a temp dataDir with fast reconnection, plus a typed `call` through the real dispatcher. */
export function makeCore(server: FakeServer, opts: MakeCoreOptions = {}) {
  const c = openTestCore({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    defaultServerUrl: server.url,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.secretBox ? { secretBox: opts.secretBox } : {}),
    sync: { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000, ...(opts.pullLimit ? { pullLimit: opts.pullLimit } : {}) },
  });
  return {
    get core() {
      return c.core;
    },
    call: c.call,
    dataDir: c.dataDir,
    status: c.status,
    login: () => c.call('session.login', { username: server.agent.username, password: PASSWORD }),
    /** until the core is online with nothing waiting and has seen the server's whole log */
    synced: (what = 'synced') => c.synced(() => server.seq, { what }),
    close: c.close,
  };
}

export type FakeServerCore = ReturnType<typeof makeCore>;

/**
 * A fake server started before each test and the cores made on it, all closed after it: `env.server` is the
 * current test's server, `env.core(opts)` a core on it.
 */
export function fakeServerCores() {
  let server: FakeServer | null = null;
  let cores: FakeServerCore[] = [];
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await Promise.all(cores.map((c) => c.close()));
    cores = [];
    await server?.stop();
    server = null;
  });
  const env = {
    get server(): FakeServer {
      if (!server) throw new Error('no fake server outside a test');
      return server;
    },
    core(opts: MakeCoreOptions = {}): FakeServerCore {
      const c = makeCore(env.server, opts);
      cores.push(c);
      return c;
    },
  };
  return env;
}
