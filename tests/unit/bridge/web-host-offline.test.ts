import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { createWsBridge, type WsBridge } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { OmnideskError } from '../../../src/shared';
import { PASSWORD, startFakeServer, type FakeServer } from '../desktop/helpers/fake-server';
import { tempDir, waitFor } from '../desktop/helpers/util';
import { browserLikeWebSocket, memorySessionStore, writeStaticDir } from './ws-helpers';

vi.setConfig({ testTimeout: 20_000 });

const LAUNCH = 'test-launch-token-offline-0123456789';
let server: FakeServer | null = null;
let host: WebHost | null = null;
let dir: ReturnType<typeof tempDir> | null = null;
const bridges: WsBridge[] = [];

afterEach(async () => {
  for (const b of bridges.splice(0)) b.close();
  await host?.close();
  await server?.stop();
  dir?.cleanup();
  host = server = dir = null;
});

async function startHost(port = 0): Promise<WebHost> {
  host = await startWebHost({
    port,
    staticDir: join(dir!.dir, 'static'),
    dataDir: join(dir!.dir, 'desktop'),
    defaultServerUrl: server!.url,
    launchToken: LAUNCH,
    core: { sync: { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000 }, httpTimeoutMs: 2_000 },
  });
  return host;
}
function open(): WsBridge {
  const b = createWsBridge({
    url: `${host!.url.replace('http:', 'ws:')}/bridge`,
    launchToken: LAUNCH,
    sessionStore: memorySessionStore(),
    WebSocketImpl: browserLikeWebSocket(host!.url),
    reconnectDelayMs: 20,
    reconnectDelayMaxMs: 100,
  });
  bridges.push(b);
  return b;
}
async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof OmnideskError) return e.code;
    throw e;
  }
}

describe('web-host offline sign-in', () => {
  it('after a host restart during a server outage, finds the agent (and her core) from the remembered sign-in', async () => {
    server = await startFakeServer();
    dir = tempDir();
    writeStaticDir(join(dir.dir, 'static'));
    await startHost();
    const online = await open().call('session.login', { username: 'alice', password: PASSWORD });
    expect(online).toMatchObject({ offline: false });
    // one host-wide store, beside the per-agent cache directories
    expect(readdirSync(join(dir.dir, 'desktop')).sort()).toEqual([online.agent.id, 'offline-signin', 'workstation.json'].sort());

    await host!.close();
    await server.stop();
    await startHost();
    const b = open();
    expect(await code(b.call('session.login', { username: 'alice', password: 'wrong' }))).toBe('UNAUTHENTICATED');
    expect(await code(b.call('session.login', { username: 'bob', password: PASSWORD }))).toBe('UNAVAILABLE');
    const offline = await b.call('session.login', { username: 'alice', password: PASSWORD });
    expect(offline).toMatchObject({ offline: true, agent: { id: online.agent.id } });
    expect(await b.call('session.current', {})).toMatchObject({ offline: true, agent: { id: online.agent.id } });
    expect(await b.call('queue.list', {})).toBeInstanceOf(Array);

    // the server comes back: the core's sync client connects with the remembered token
    const before = server.handshakes.length;
    await server.start();
    await waitFor(() => (server!.handshakes.length > before ? true : null), { what: 'handshake with the remembered token' });
  });
});
