/** The whole stack as separate processes: central server (PGlite in a temp dir, seeded) + web-host. */
import { join } from 'node:path';
import { freePort, startTsx, waitForHttp, type Proc } from './processes';
import { tempDir } from './temp-dir';

export interface Stack {
  serverUrl: string;
  launchUrl: string;
  webHostUrl: string;
  dataDir: string;
  server: Proc;
  webHost: Proc;
  restartServer(): Promise<void>;
  stopServer(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

/** The token the stack's server expects on POST /cti/events. */
export const E2E_CTI_TOKEN = 'e2e-cti-token-0123456789';

export async function startStack(opts: { staticDir?: string; webHostEnv?: Record<string, string>; serverEnv?: Record<string, string> } = {}): Promise<Stack> {
  const data = tempDir('omnidesk-e2e-');
  const dataDir = data.dir;
  const serverPort = await freePort();
  const webPort = await freePort();
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const serverEnv = {
    PORT: String(serverPort),
    HOST: '127.0.0.1',
    OMNIDESK_DATA_DIR: join(dataDir, 'server'),
    OMNIDESK_JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    DATABASE_URL: '',
    // channels (issue 4): the CTI endpoint's token, and the team new chat/social/phone contacts go to
    OMNIDESK_CTI_TOKEN: E2E_CTI_TOKEN,
    OMNIDESK_DEFAULT_TEAM: 'Glucose & Metabolic',
    ...opts.serverEnv,
  };
  const startServer = () => startTsx('src/server/cli.ts', serverEnv, 'server');
  let server = startServer();
  await waitForHttp(`${serverUrl}/api/health`, 120_000);
  const host = await startWebHost({ serverUrl, port: webPort, dataDir: join(dataDir, 'desktop'), staticDir: opts.staticDir, env: opts.webHostEnv });
  const webHost = host.proc;
  const stack: Stack = {
    serverUrl,
    launchUrl: host.launchUrl,
    webHostUrl: host.webHostUrl,
    dataDir,
    get server() {
      return server;
    },
    webHost,
    async stopServer(signal = 'SIGTERM') {
      await server.stop(signal);
    },
    async restartServer() {
      await server.stop();
      server = startServer();
      await waitForHttp(`${serverUrl}/api/health`, 120_000);
    },
    async close() {
      await webHost.stop();
      await server.stop();
      data.cleanup();
    },
  };
  return stack;
}

export interface WebHost {
  proc: Proc;
  launchUrl: string;
  webHostUrl: string;
}

/** A web-host (the desktop core behind a browser) on `port`, talking to `serverUrl`: another workstation. */
export async function startWebHost(o: { serverUrl: string; port?: number; dataDir: string; staticDir?: string; env?: Record<string, string> }): Promise<WebHost> {
  const proc = startTsx(
    'src/main/web-host/cli.ts',
    {
      OMNIDESK_SERVER_URL: o.serverUrl,
      WEB_HOST_PORT: String(o.port ?? (await freePort())),
      OMNIDESK_DESKTOP_DATA_DIR: o.dataDir,
      ...(o.staticDir ? { OMNIDESK_STATIC_DIR: o.staticDir } : {}),
      ...o.env,
    },
    'web-host',
  );
  const m = await proc.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/\?launch=[A-Za-z0-9_-]+/);
  return { proc, launchUrl: m[0], webHostUrl: m[1]! };
}
