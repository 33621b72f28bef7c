/**
 * The desktop cache encrypted at rest (DESIGN.md "Local store"): its key sealed by the OS keychain
 * (SecretBox), nothing readable in the files, an older plain cache encrypted in place with nothing lost,
 * and a cache whose key is gone set aside for a new one.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/main/core/kernel/session/cache-key';
import { Store, recordLocalChange } from '../../../src/main/core/kernel/store/index';
import { authorOf, newId, type Event, type Mutation } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { aesBox } from '../../support/secret-box';
import { scopedTempDir } from '../../support/temp-dir';
import { makeCore } from './helpers/core';
import { startFakeServer, type FakeServer } from './helpers/fake-server';
import { makeAgent } from './helpers/fixtures';

const defer = cleanupAfterEach();
const dir = () => scopedTempDir(defer, 'omnidesk-enc-');

const SECRET = 'SECRET-GLUCOSE-READING-7.2-mmol';
const KEY = randomBytes(32).toString('hex');

/** A pending note with a body only this test writes. */
function addNote(store: Store): string {
  const id = newId();
  recordLocalChange(store, (clientSeq) => {
    const mutation: Mutation = { id, clientSeq, occurredAt: new Date().toISOString(), name: 'note.add', args: { customerId: newId(), caseId: null, threadId: null, body: SECRET } };
    const event = { id, seq: null, kind: 'note.added', customerId: mutation.args.customerId, caseId: null, threadId: null, channel: 'internal', author: authorOf(makeAgent()), body: SECRET, occurredAt: mutation.occurredAt, meta: {} } as Event;
    return { mutation, event };
  });
  return id;
}

/** Every byte of the cache's files: the database, its WAL and shared memory. */
function filesContain(file: string, text: string): boolean {
  return ['', '-wal', '-shm'].some((s) => existsSync(file + s) && readFileSync(file + s).includes(text));
}

describe('Store.open with a key', () => {
  it('writes nothing readable: not the data, not even the SQLite header; the key reopens it', () => {
    const file = join(dir(), 'cache.sqlite');
    const store = Store.open(file, { key: KEY });
    const id = addNote(store);
    store.fts.drain();
    expect(filesContain(file, SECRET)).toBe(false);
    store.close();
    expect(filesContain(file, SECRET)).toBe(false);
    expect(readFileSync(file).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(() => new Database(file, { readonly: true }).prepare('SELECT * FROM events').all()).toThrow(/not a database/);
    expect(() => Store.open(file, { key: randomBytes(32).toString('hex') })).toThrow();
    const again = Store.open(file, { key: KEY });
    defer(() => again.close());
    expect(again.events.get(id)?.event.body).toBe(SECRET);
    expect(again.search.search('GLUCOSE-READING', 10).length).toBe(1);
  });

  it('encrypts an older plain cache in place: the waiting change is still there, the file no longer plain', () => {
    const file = join(dir(), 'cache.sqlite');
    const plain = Store.open(file);
    const id = addNote(plain);
    plain.close();
    expect(filesContain(file, SECRET)).toBe(true);

    const store = Store.open(file, { key: KEY });
    defer(() => store.close());
    expect(store.outbox.pendingBatch(10).map((m) => m.id)).toEqual([id]);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(filesContain(file, SECRET)).toBe(false);
  });

  it('refuses a key that is not 64 hex digits (it goes into a PRAGMA)', () => {
    expect(() => Store.open(join(dir(), 'c.sqlite'), { key: "00'; DROP TABLE x; --" })).toThrow(/64 hex digits/);
  });
});

describe('cacheKey: the key, sealed beside the cache', () => {
  it('no SecretBox → no key; with one → a random key made once, sealed in a 0600 file, the same on every call', () => {
    const file = join(dir(), 'cache.sqlite');
    expect(cacheKey(file, null)).toBeNull();
    const box = aesBox();
    const key = cacheKey(file, box)!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(file, box)).toBe(key);
    expect(readFileSync(`${file}.key`, 'utf8')).not.toContain(key);
    expect(statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    expect(cacheKey(join(dir(), 'other.sqlite'), box)).not.toBe(key);
    // another keychain cannot open it
    expect(() => cacheKey(file, aesBox())).toThrow();
  });
});

describe('DesktopCore with the OS keychain', () => {
  let server: FakeServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('keeps its cache encrypted; a cache whose key is lost is set aside and a new one syncs', async () => {
    server = await startFakeServer();
    server.seed(SECRET);
    const dataDir = dir();
    const box = aesBox();
    let c = makeCore(server, { dataDir, secretBox: box });
    await c.login();
    await c.synced();
    await c.core.dispose();
    const file = join(dataDir, readdirSync(dataDir).find((f) => /^cache-.*\.sqlite$/.test(f))!);
    expect(existsSync(`${file}.key`)).toBe(true);
    expect(filesContain(file, SECRET)).toBe(false);

    // the keychain was reset: the old key file cannot be opened any more
    writeFileSync(`${file}.key`, Buffer.from('garbage').toString('base64'));
    c = makeCore(server, { dataDir, secretBox: box });
    defer(() => c.core.dispose());
    await c.login();
    await c.synced();
    expect(readdirSync(dataDir).some((f) => f.includes('.unreadable-'))).toBe(true);
    const queue = await c.call('queue.list', {});
    expect(queue.length).toBe(1);
    expect(filesContain(file, SECRET)).toBe(false);
  });
});
