import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeStorageBox, type SafeStorageLike } from '../../../src/main/electron/secret-box';
import { OfflineCredentials } from '../../../src/main/core/kernel/session/offline-credentials';
import { OmnideskError } from '../../../src/shared';
import { makeCore } from './helpers/core';
import { FakeServer, PASSWORD, startFakeServer } from './helpers/fake-server';
import { captureLogger, tempDir, waitFor } from './helpers/util';

vi.setConfig({ testTimeout: 20_000 });

let server: FakeServer;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server.stop();
});
function workstation() {
  const t = tempDir('omnidesk-offline-');
  cleanups.push(() => t.cleanup());
  return t.dir;
}
function core(dataDir: string, opts: Parameters<typeof makeCore>[1] = {}) {
  const c = makeCore(server, { ...opts, dataDir });
  cleanups.push(() => c.close());
  return c;
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

// The full flow with a real server and real data (cached customers, a note that syncs after the outage) is
// tests/integration/desktop/offline-signin.test.ts; these need only sign-in and the sync handshake.
describe('DesktopCore offline sign-in', () => {
  it('after an online sign-in, a restart during an outage signs in offline; the sync client retries with the last token', async () => {
    const dir = workstation();
    const first = core(dir);
    expect(await first.login()).toMatchObject({ offline: false });
    await first.core.dispose();
    await server.stop();

    const log = captureLogger();
    const second = core(dir, { logger: log });
    expect(await code(second.call('session.login', { username: server.agent.username, password: 'wrong' }))).toBe('UNAUTHENTICATED');
    await expect(second.call('session.login', { username: 'bob', password: PASSWORD })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/no offline sign-in/),
    });
    expect(await second.call('session.current', {})).toBeNull();
    const s = await second.login();
    expect(s).toMatchObject({ offline: true, agent: { id: server.agent.id }, serverUrl: server.url });
    expect(await second.call('session.current', {})).toMatchObject({ offline: true });
    expect(['offline', 'connecting']).toContain((await second.status()).state);
    // the cached directory serves while offline
    expect((await second.call('directory.get', {})).teams).toEqual([server.team]);

    const handshakes = server.handshakes.length;
    await server.start(); // same port, same token
    await waitFor(() => (server.handshakes.length > handshakes ? true : null), { what: 'a handshake with the remembered token' });
    for (const secret of [PASSWORD, server.token, server.agent.username]) expect(log.text()).not.toContain(secret);
  });

  it('a token the server refuses at the handshake puts sync in the reauth state', async () => {
    const desk = core(workstation());
    await desk.login();
    await server.stop();
    // Another server (another token) on the same address: the old token is refused at the handshake.
    const other = new FakeServer();
    other.port = server.port;
    await other.start();
    cleanups.push(() => other.stop());
    await waitFor(async () => ((await desk.status()).state === 'reauth' ? true : null), { what: 'reauth state' });
  });
});

describe('Electron safeStorage secret box', () => {
  const fakeSafeStorage = (available: boolean): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`SEALED:${Buffer.from(s).toString('hex').split('').reverse().join('')}`),
    decryptString: (b) => {
      const t = b.toString();
      if (!t.startsWith('SEALED:')) throw new Error('not sealed');
      return Buffer.from(t.slice(7).split('').reverse().join(''), 'hex').toString();
    },
  });

  it('is undefined when the OS offers no encryption', () => {
    expect(safeStorageBox(fakeSafeStorage(false))).toBeUndefined();
  });

  it('seals the offline sign-in file through safeStorage and opens it again', async () => {
    const box = safeStorageBox(fakeSafeStorage(true))!;
    expect(box.decrypt(box.encrypt('héllo 你好'))).toBe('héllo 你好');
    const creds = new OfflineCredentials(workstation(), { secretBox: box });
    await creds.remember(server.url, 'alice', PASSWORD, { token: server.token, expiresAt: '2030-01-01T00:00:00.000Z', agent: server.agent });
    expect(await creds.verify(server.url, 'alice', PASSWORD)).toMatchObject({ token: server.token });
  });
});
