/** The central server as a real process (its CLI) on a given database and a fixed port, so it can be SIGKILLed and restarted. */
import { freePort, startTsx, waitForHttp, type Proc } from './processes';
import { tempDir } from './temp-dir';

export interface ServerProcess {
  url: string;
  port: number;
  proc(): Proc;
  /** output of the current process so far */
  output(): string;
  /** its stdout alone (the JSON log) */
  stdout(): string;
  start(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  dispose(): Promise<void>;
}

export const FAULT_JWT_SECRET = 'fault-test-secret-fault-test-secret-0123456789';

/**
 * `databaseUrl: ''` runs the embedded PGlite in a temp folder. `demo` (default true) sets OMNIDESK_DEMO=1:
 * the tests that sign in with the demo logins need the demo data on PostgreSQL too. `env` adds settings.
 */
export async function startServerProcess(opts: {
  databaseUrl: string;
  name?: string;
  demo?: boolean;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const data = tempDir('omnidesk-srv-');
  const dataDir = data.dir;
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    OMNIDESK_DATA_DIR: dataDir,
    OMNIDESK_JWT_SECRET: FAULT_JWT_SECRET,
    DATABASE_URL: opts.databaseUrl,
    LOG_LEVEL: 'info',
    OMNIDESK_DEMO: opts.demo === false ? '' : '1',
    ...opts.env,
  };
  let current: Proc | null = null;
  const s: ServerProcess = {
    url,
    port,
    proc: () => {
      if (!current) throw new Error('server not started');
      return current;
    },
    output: () => current?.output() ?? '',
    stdout: () => current?.stdout() ?? '',
    async start() {
      current = startTsx('src/server/cli.ts', env, opts.name ?? 'server');
      await waitForHttp(`${url}/api/health`, 120_000);
    },
    async stop(signal = 'SIGTERM') {
      await current?.stop(signal);
    },
    async dispose() {
      await current?.stop('SIGKILL');
      data.cleanup();
    },
  };
  await s.start();
  return s;
}
