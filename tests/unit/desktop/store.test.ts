import { describe, expect, it } from 'vitest';
import { authorOf, newId, type Event, type Mutation } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents as pull, tempCachePath, type NewEvent } from '../../support/temp-store';
import { MIGRATIONS, Store, openCache, recordLocalChange, schemaVersion } from '../../../src/main/core/kernel/store/index';
import { at, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from './helpers/fixtures';

const defer = cleanupAfterEach();

function fileStore(): { store: Store; path: string } {
  const path = tempCachePath(defer);
  return { store: openStore(defer, path), path };
}

function seed(store: Store, bodies: string[] = []) {
  const teamId = newId();
  const customer = makeCustomer(teamId, { name: 'Jane Doe', emails: ['jane.doe@example.com'], phones: ['+14155550100'] });
  const c = makeCase(customer);
  const thread = makeThread(c, { channel: 'email' });
  pull(store, [customerCreated(customer), caseOpened(c), threadOpened(thread), ...bodies.map((b, i) => messageReceived(thread, b, at(10 + i)))]);
  return { customer, case: c, thread };
}

describe('desktop cache: openCache and migrations', () => {
  it('uses WAL and foreign keys, and records the schema version', () => {
    const { store } = fileStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
  });

  it('reopening applies nothing twice and keeps the data and the clientId', () => {
    const { store, path } = fileStore();
    const clientId = store.meta.clientId();
    seed(store, ['hello there']);
    store.close();

    const again = Store.open(path); // would throw "table meta already exists" if 001 ran again
    defer(() => again.close());
    expect(schemaVersion(again.db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    expect(again.meta.clientId()).toBe(clientId);
    expect(again.meta.cursor()).toBe(4);
    expect(again.search.search('hello', 10)).toHaveLength(1);
  });

  it('refuses a cache made by a newer app version', () => {
    const path = tempCachePath(defer, 'c.sqlite');
    const db = openCache(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openCache(path)).toThrow(/newer/);
  });

  it('a failing migration leaves the previous version intact', () => {
    const path = tempCachePath(defer, 'c.sqlite');
    openCache(path).close();
    const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    const broken = [...MIGRATIONS, { version: latest + 1, name: 'broken', up: 'CREATE TABLE extra (x); SELECT * FROM no_such_table;' }];
    expect(() => openCache(path, broken)).toThrow();
    const db = openCache(path);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('desktop cache: local changes', () => {
  function noteChange(customerId: string, id: string, clientSeq: number): { mutation: Mutation; event: Event } {
    const agent = makeAgent();
    const occurredAt = at(30);
    return {
      mutation: { id, clientSeq, occurredAt, name: 'note.add', args: { customerId, caseId: null, threadId: null, body: 'call back tomorrow' } },
      event: { id, seq: null, kind: 'note.added', customerId, caseId: null, threadId: null, channel: 'internal', author: authorOf(agent), body: 'call back tomorrow', occurredAt, meta: {} },
    };
  }

  it('writes the outbox mutation, the pending event and the clientSeq together', () => {
    const { store } = fileStore();
    const { customer } = seed(store);
    const id = newId();
    recordLocalChange(store, (seq) => noteChange(customer.id, id, seq));
    expect(store.outbox.pendingBatch(10).map((m) => m.id)).toEqual([id]);
    expect(store.events.get(id)?.localState).toBe('pending');
    expect(store.events.get(id)?.event.seq).toBeNull();
    expect(store.meta.takeClientSeq()).toBe(2);
  });

  it('when the event insert fails, the outbox write is rolled back too (one transaction)', () => {
    const { store } = fileStore();
    const { customer } = seed(store);
    const id = newId();
    // An event with this id already exists, so the second statement (event insert) fails.
    pull(store, [{ ...customerCreated(customer), id, kind: 'note.added', body: 'x', meta: {} } as NewEvent]);
    const before = store.meta.cursor();

    expect(() => recordLocalChange(store, (seq) => noteChange(customer.id, id, seq))).toThrow(/UNIQUE/);
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
    expect(store.events.get(id)?.localState).toBe('synced');
    expect(store.meta.takeClientSeq()).toBe(1); // the clientSeq taken inside the failed transaction is not used up
    expect(store.meta.cursor()).toBe(before);
  });
});

describe('desktop cache: full-text search', () => {
  it('finds English words, a 3+ character Chinese phrase and a 2-character Chinese word', () => {
    const { store } = fileStore();
    const { customer } = seed(store, [
      'The sensor adhesive came off after two days',
      '血糖仪读数不准，我很担心',
      '贴片过敏了，皮肤发红',
    ]);

    const english = store.search.search('adhesive', 10);
    expect(english).toHaveLength(1);
    expect(english[0]).toMatchObject({ customerId: customer.id, customerName: 'Jane Doe' });
    expect(english[0]!.snippet).toContain('adhesive');

    expect(store.search.search('Sensor ADHESIVE', 10)).toHaveLength(1); // case-insensitive, terms ANDed
    expect(store.search.search('sensor battery', 10)).toHaveLength(0);

    const phrase = store.search.search('血糖仪', 10);
    expect(phrase.map((h) => h.snippet)).toEqual(['血糖仪读数不准，我很担心']);

    const word = store.search.search('过敏', 10); // 2 characters: below the trigram size, LIKE fallback
    expect(word).toHaveLength(1);
    expect(word[0]!.snippet).toContain('过敏');
    expect(word[0]!.eventId).not.toBeNull();
  });

  it('finds customers by name, email and phone, with LIKE wildcards taken literally', () => {
    const { store } = fileStore();
    const { customer } = seed(store, ['100% sure it is broken']);
    expect(store.search.search('Jane', 10)[0]).toMatchObject({ customerId: customer.id, eventId: null, snippet: 'Jane Doe' });
    expect(store.search.search('jane.doe@', 10)[0]?.snippet).toBe('jane.doe@example.com');
    expect(store.search.search('5550100', 10)[0]?.snippet).toBe('+14155550100');
    expect(store.search.search('0%', 10)).toHaveLength(1);
    expect(store.search.search('_%', 10)).toHaveLength(0);
  });

  it('keeps the index in step when a pending event is replaced by the server copy', () => {
    const { store } = fileStore();
    const { customer } = seed(store);
    const id = newId();
    const agent = makeAgent();
    recordLocalChange(store, (clientSeq) => ({
      mutation: { id, clientSeq, occurredAt: at(40), name: 'note.add', args: { customerId: customer.id, caseId: null, threadId: null, body: 'draft wording' } },
      event: { id, seq: null, kind: 'note.added', customerId: customer.id, caseId: null, threadId: null, channel: 'internal', author: authorOf(agent), body: 'draft wording', occurredAt: at(40), meta: {} },
    }));
    expect(store.search.search('draft', 10)).toHaveLength(1);
    pull(store, [{ id, kind: 'note.added', customerId: customer.id, caseId: null, threadId: null, channel: 'internal', author: authorOf(agent), body: 'final wording', occurredAt: at(40), meta: {} }]);
    expect(store.search.search('draft', 10)).toHaveLength(0);
    expect(store.search.search('final', 10)).toHaveLength(1);
    expect(store.events.get(id)?.localState).toBe('synced');
    expect(store.outbox.counts().pending).toBe(0);
  });
});
