import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebHost } from '../../../src/main/web-host/server';
import type { WsBridge } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { codeOf } from '../../support/error-code';
import type { TempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { PASSWORD, startFakeServer, type FakeServer } from '../desktop/helpers/fake-server';
import { openWsBridge, startTestHost, webHostDir } from './ws-helpers';

vi.setConfig({ testTimeout: 20_000 });

const LAUNCH = 'test-launch-token-offline-0123456789';
let server: FakeServer | null = null;
let host: WebHost | null = null;
let dir: TempDir | null = null;
const bridges: WsBridge[] = [];

afterEach(async () => {
  for (const b of bridges.splice(0)) b.close();
  await host?.close();
  await server?.stop();
  dir?.cleanup();
  host = server = dir = null;
});

async function startHost(port = 0): Promise<WebHost> {
  host = await startTestHost(dir!.dir, {
    port,
    defaultServerUrl: server!.url,
    launchToken: LAUNCH,
    core: { sync: { reconnectionDelay: 20, reconnectionDelayMax: 150, ackTimeoutMs: 2_000 }, httpTimeoutMs: 2_000 },
  });
  return host;
}
function open(): WsBridge {
  const b = openWsBridge(host!, LAUNCH);
  bridges.push(b);
  return b;
}

describe('web-host offline sign-in', () => {
  it('after a host restart during a server outage, finds the agent (and her core) from the remembered sign-in', async () => {
    server = await startFakeServer();
    dir = webHostDir();
    await startHost();
    const online = await open().call('session.login', { username: 'alice', password: PASSWORD });
    expect(online).toMatchObject({ offline: false });
    // one host-wide store, beside the per-agent cache directories
    expect(readdirSync(join(dir.dir, 'desktop')).sort()).toEqual([online.agent.id, 'offline-signin', 'workstation.json'].sort());

    await host!.close();
    await server.stop();
    await startHost();
    const b = open();
    expect(await codeOf(b.call('session.login', { username: 'alice', password: 'wrong' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(b.call('session.login', { username: 'bob', password: PASSWORD }))).toBe('UNAVAILABLE');
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
