import { describe, expect, it, vi } from 'vitest';
import { safeStorageBox, type SafeStorageLike } from '../../../src/main/electron/secret-box';
import { OfflineCredentials } from '../../../src/main/core/kernel/session/offline-credentials';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { scopedTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';
import { fakeServerCores, type MakeCoreOptions } from './helpers/core';
import { FakeServer, PASSWORD } from './helpers/fake-server';
import { captureLogger } from './helpers/util';

vi.setConfig({ testTimeout: 20_000 });

// registered before the fake server's hooks, so it runs after them: cores close before their directories go
const defer = cleanupAfterEach();
const fake = fakeServerCores();
const workstation = () => scopedTempDir(defer, 'omnidesk-offline-');
const core = (dataDir: string, opts: MakeCoreOptions = {}) => fake.core({ ...opts, dataDir });

// The full flow with a real server and real data (cached customers, a note that syncs after the outage) is
// tests/integration/desktop/offline-signin.test.ts; these need only sign-in and the sync handshake.
describe('DesktopCore offline sign-in', () => {
  it('after an online sign-in, a restart during an outage signs in offline; the sync client retries with the last token', async () => {
    const dir = workstation();
    const first = core(dir);
    expect(await first.login()).toMatchObject({ offline: false });
    await first.core.dispose();
    await fake.server.stop();

    const log = captureLogger();
    const second = core(dir, { logger: log });
    expect(await codeOf(second.call('session.login', { username: fake.server.agent.username, password: 'wrong' }))).toBe('UNAUTHENTICATED');
    await expect(second.call('session.login', { username: 'bob', password: PASSWORD })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/no offline sign-in/),
    });
    expect(await second.call('session.current', {})).toBeNull();
    const s = await second.login();
    expect(s).toMatchObject({ offline: true, agent: { id: fake.server.agent.id }, serverUrl: fake.server.url });
    expect(await second.call('session.current', {})).toMatchObject({ offline: true });
    expect(['offline', 'connecting']).toContain((await second.status()).state);
    // the cached directory serves while offline
    expect((await second.call('directory.get', {})).teams).toEqual([fake.server.team]);

    const handshakes = fake.server.handshakes.length;
    await fake.server.start(); // same port, same token
    await waitFor(() => (fake.server.handshakes.length > handshakes ? true : null), { what: 'a handshake with the remembered token' });
    for (const secret of [PASSWORD, fake.server.token, fake.server.agent.username]) expect(log.text()).not.toContain(secret);
  });

  it('a token the server refuses at the handshake puts sync in the reauth state', async () => {
    const desk = core(workstation());
    await desk.login();
    await fake.server.stop();
    // Another server (another token) on the same address: the old token is refused at the handshake.
    const other = new FakeServer();
    other.port = fake.server.port;
    await other.start();
    defer(() => other.stop());
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
    await creds.remember(fake.server.url, 'alice', PASSWORD, { token: fake.server.token, expiresAt: '2030-01-01T00:00:00.000Z', agent: fake.server.agent });
    expect(await creds.verify(fake.server.url, 'alice', PASSWORD)).toMatchObject({ token: fake.server.token });
  });
});
