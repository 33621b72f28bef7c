/** Deferred full-text indexing behind the `fts_rid` watermark (migration 003, store/fts-indexer.ts). */
import { describe, expect, it } from 'vitest';
import { commitLocalChange } from '../../../src/main/core/kernel/mutations';
import { MIGRATIONS, Store, applyPushResults, discardRejected, openCache, schemaVersion, type CacheDb } from '../../../src/main/core/kernel/store/index';
import { newId } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { openStore, pullEvents as pull, tempCachePath, type NewEvent } from '../../support/temp-store';
import { at, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from './helpers/fixtures';

const defer = cleanupAfterEach();

function open(path = tempCachePath(defer), quietMs?: number): Store {
  return openStore(defer, path, quietMs === undefined ? {} : { fts: { quietMs } });
}

function world(store: Store, bodies: string[] = []) {
  const teamId = newId();
  const agent = makeAgent({ teamIds: [teamId] });
  const customer = makeCustomer(teamId, { name: 'Jane Doe' });
  const c = makeCase(customer);
  const thread = makeThread(c, { channel: 'email' });
  pull(store, [customerCreated(customer), caseOpened(c), threadOpened(thread), ...bodies.map((b, i) => messageReceived(thread, b, at(10 + i)))]);
  return { agent, customer, case: c, thread };
}

/** Rows the index itself finds (not the search's LIKE scan above the watermark). */
const indexed = (db: CacheDb, term: string): number[] =>
  db.prepare<[string], number>('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(`"${term}"`);

/**
 * FTS5's own check (rank 0: the index is internally consistent), then the index against what it should hold: exactly
 * the bodies of the rows at or below the watermark. (The rank-1 content check cannot be used: rows without a body are
 * never indexed, and it counts them.)
 */
function integrityCheck(db: CacheDb): void {
  db.exec("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')");
  db.exec(`DROP TABLE IF EXISTS temp.fts_want; DROP TABLE IF EXISTS temp.vocab_have; DROP TABLE IF EXISTS temp.vocab_want;
    CREATE VIRTUAL TABLE temp.fts_want USING fts5 (body, tokenize = 'trigram');
    INSERT INTO temp.fts_want (rowid, body) SELECT rid, body FROM events
      WHERE body IS NOT NULL AND rid <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_rid');
    CREATE VIRTUAL TABLE temp.vocab_have USING fts5vocab (main, events_fts, instance);
    CREATE VIRTUAL TABLE temp.vocab_want USING fts5vocab (temp, fts_want, instance);`);
  const diff = db
    .prepare<[], number>(
      `SELECT count(*) FROM (SELECT * FROM (SELECT term, doc, col, offset FROM temp.vocab_have EXCEPT SELECT term, doc, col, offset FROM temp.vocab_want)
       UNION ALL SELECT * FROM (SELECT term, doc, col, offset FROM temp.vocab_want EXCEPT SELECT term, doc, col, offset FROM temp.vocab_have))`,
    )
    .pluck()
    .get();
  db.exec('DROP TABLE temp.vocab_have; DROP TABLE temp.vocab_want; DROP TABLE temp.fts_want;');
  expect(diff, 'index entries that differ from the rows at or below the watermark').toBe(0);
}

function rejectAndDiscard(store: Store, id: string): void {
  applyPushResults(store, store.outbox.pendingBatch(10), [{ id, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } }]);
  discardRejected(store, id);
}

describe('full-text index behind a watermark', () => {
  it('search finds a pulled body before it is indexed and after, once, in any letter case', () => {
    const store = open();
    const w = world(store, ['The sensor adhesive came off after two days', '血糖仪读数不准，我很担心']);
    expect(store.ftsBacklog()).toBeGreaterThan(0);
    expect(indexed(store.db, 'adhesive')).toEqual([]); // not indexed inside the page's transaction any more

    const before = store.search.search('ADHESIVE sensor', 10);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ customerId: w.customer.id, caseId: w.case.id });
    expect(store.search.search('血糖仪', 10)).toHaveLength(1);
    expect(store.search.search('adhesive 两天', 10)).toHaveLength(0);

    expect(store.fts.drain()).toBe(5);
    expect(store.ftsBacklog()).toBe(0);
    expect(store.meta.ftsRid()).toBe(store.events.maxRid());
    expect(indexed(store.db, 'adhesive')).toHaveLength(1);
    expect(store.search.search('ADHESIVE sensor', 10)).toEqual(before);
    expect(store.search.search('血糖仪', 10)).toHaveLength(1);
    expect(store.indexPending()).toBe(0);
    integrityCheck(store.db);
  });

  it('indexes in chunks of at most maxRows, advancing the watermark each time', () => {
    const store = open();
    world(store, Array.from({ length: 7 }, (_, i) => `message number ${i}`));
    const top = store.events.maxRid();
    expect(store.indexPending(4)).toBe(4);
    expect(store.meta.ftsRid()).toBe(4);
    expect(store.search.search('message number', 20)).toHaveLength(7); // index below, LIKE above: no gap, no double
    expect(store.indexPending(4)).toBe(4);
    expect(store.indexPending(4)).toBe(top - 8);
    expect(store.indexPending(4)).toBe(0);
    expect(store.meta.ftsRid()).toBe(top);
    expect(indexed(store.db, 'message number')).toHaveLength(7);
    integrityCheck(store.db);
  });

  it('the check used here sees an index that differs from the rows below the watermark', () => {
    const store = open();
    world(store, ['one body']);
    store.fts.drain();
    integrityCheck(store.db);
    store.db.exec("INSERT INTO events_fts (rowid, body) VALUES (999, 'ghost row')");
    expect(() => integrityCheck(store.db)).toThrow(/differ/);
  });

  it('the indexer catches up after pokes, and a search is right at every moment', async () => {
    const store = open(undefined, 5);
    const w = world(store);
    for (let i = 0; i < 5; i++) {
      pull(store, [messageReceived(w.thread, `catch-up page ${i} glucose`, at(20 + i))]);
      store.fts.poke();
      store.fts.poke();
      expect(store.search.search('glucose', 10)).toHaveLength(i + 1);
    }
    await store.fts.whenCaughtUp();
    expect(store.ftsBacklog()).toBe(0);
    expect(indexed(store.db, 'glucose')).toHaveLength(5);
    expect(store.search.search('glucose', 10)).toHaveLength(5);
    integrityCheck(store.db);
  });

  it('a local change is found at once and indexed soon after', async () => {
    const store = open(undefined, 5);
    const w = world(store);
    store.fts.drain();
    const e = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'callback promised tomorrow' } });
    expect(indexed(store.db, 'promised')).toEqual([]);
    expect(store.search.search('promised', 10)[0]).toMatchObject({ eventId: e.id });
    await store.fts.whenCaughtUp();
    expect(indexed(store.db, 'promised')).toHaveLength(1);
    expect(store.search.search('promised', 10)[0]).toMatchObject({ eventId: e.id });
  });

  it('deleting a local event that was never indexed leaves the index intact', () => {
    const store = open();
    const w = world(store, ['older message, indexed']);
    store.fts.drain();
    const e = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'never indexed note' } });
    const keep = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'kept note' } });
    applyPushResults(store, store.outbox.pendingBatch(10), [
      { id: e.id, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } },
      { id: keep.id, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' } },
    ]);
    discardRejected(store, e.id); // below the top row: its rid is not reused
    expect(store.search.search('never indexed', 10)).toEqual([]);
    store.fts.drain();
    integrityCheck(store.db);
    expect(store.search.search('kept note', 10)).toHaveLength(1);
    expect(store.search.search('older message', 10)).toHaveLength(1);
  });

  it('deleting an indexed top row lowers the watermark, so the rid reused by the next insert is indexed too', () => {
    const store = open();
    const w = world(store);
    const first = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'first draft' } });
    store.fts.drain();
    const rid = store.events.maxRid();
    expect(store.meta.ftsRid()).toBe(rid);
    rejectAndDiscard(store, first.id);
    expect(store.meta.ftsRid()).toBe(rid - 1);
    expect(indexed(store.db, 'first draft')).toEqual([]);

    const second = commitLocalChange(store, w.agent, { name: 'note.add', args: { customerId: w.customer.id, caseId: null, threadId: null, body: 'second draft' } });
    expect(store.events.maxRid()).toBe(rid); // the same row key again
    expect(store.search.search('second draft', 10)[0]).toMatchObject({ eventId: second.id });
    expect(store.fts.drain()).toBe(1);
    rejectAndDiscard(store, second.id);
    integrityCheck(store.db);
    expect(store.search.search('draft', 10)).toEqual([]);
  });

  it('a body changed by the server copy is re-indexed only when it was indexed', () => {
    const store = open();
    const w = world(store);
    const agent = w.agent;
    const note = (body: string) => ({ name: 'note.add' as const, args: { customerId: w.customer.id, caseId: null, threadId: null, body } });
    const a = commitLocalChange(store, agent, note('draft alpha'));
    store.fts.drain();
    const b = commitLocalChange(store, agent, note('draft beta'));
    // both come back from the server with other wording: a is indexed (trigger re-indexes), b is not (trigger skips)
    const back = (id: string, body: string) => ({ ...store.events.get(id)!.event, body }) as NewEvent;
    pull(store, [back(a.id, 'final alpha'), back(b.id, 'final beta')]);
    expect(store.search.search('draft', 10)).toEqual([]);
    expect(store.search.search('final', 10)).toHaveLength(2);
    expect(indexed(store.db, 'final')).toHaveLength(1);
    store.fts.drain();
    integrityCheck(store.db);
    expect(store.search.search('final', 10)).toHaveLength(2);
  });

  it('the watermark survives a reopen and the indexer resumes by itself', async () => {
    const path = tempCachePath(defer);
    const first = Store.open(path);
    world(first, ['resume me please', 'and me too please']);
    first.indexPending(2);
    const mark = first.meta.ftsRid();
    const top = first.events.maxRid();
    first.close();

    const store = open(path, 5);
    expect(store.meta.ftsRid()).toBe(mark);
    expect(store.search.search('please', 10)).toHaveLength(2);
    await store.fts.whenCaughtUp();
    expect(store.meta.ftsRid()).toBe(top);
    expect(indexed(store.db, 'please')).toHaveLength(2);
    integrityCheck(store.db);
  });

  it('close stops the indexer: nothing runs on a closed cache', async () => {
    const store = open(undefined, 0);
    world(store, ['closing soon']);
    store.fts.poke();
    store.close();
    await new Promise((r) => setTimeout(r, 20)); // would throw "database connection is not open" if a chunk ran
    expect(store.isOpen).toBe(false);
  });
});

describe('migration 003 on an existing cache', () => {
  const v2 = MIGRATIONS.filter((m) => m.version <= 2);

  /** A cache as version 2 left it: every row indexed in its writing transaction (EventsRepo.indexSince then). */
  function v2Cache(path: string, bodies: string[]): void {
    const db = openCache(path, v2);
    const ins = db.prepare(
      `INSERT INTO events (id, seq, customer_id, channel, kind, occurred_at, body, json, local_state)
       VALUES (?, ?, 'c1', 'email', 'message.received', ?, ?, '{}', ?)`,
    );
    db.transaction(() => {
      bodies.forEach((b, i) => ins.run(newId(), i === bodies.length - 1 ? null : i + 1, at(i), b, i === bodies.length - 1 ? 'pending' : 'synced'));
      db.exec('INSERT INTO events_fts (rowid, body) SELECT rid, body FROM events WHERE body IS NOT NULL');
    })();
    expect(schemaVersion(db)).toBe(2);
    db.close();
  }

  it('starts the watermark at the highest row, keeps search working, and guards deletes', () => {
    const path = tempCachePath(defer);
    v2Cache(path, ['sensor adhesive peeled', 'battery drains fast', 'pending local reply']);
    const store = open(path);
    expect(schemaVersion(store.db)).toBeGreaterThanOrEqual(3);
    expect(store.meta.ftsRid()).toBe(3);
    expect(store.ftsBacklog()).toBe(0);
    expect(indexed(store.db, 'adhesive')).toEqual([1]);
    expect(store.search.search('adhesive', 10)).toHaveLength(1);
    expect(store.search.search('battery fast', 10)).toHaveLength(1);
    integrityCheck(store.db);

    // an indexed row leaves the index with its row; new rows are found and indexed later
    store.db.prepare("DELETE FROM events WHERE local_state = 'pending'").run();
    expect(store.search.search('pending local', 10)).toEqual([]);
    expect(store.meta.ftsRid()).toBe(2);
    integrityCheck(store.db);
    store.meta.setCursor(10); // past the rows made above
    pull(store, [{ ...messageReceived(makeThread(makeCase(makeCustomer(newId()))), 'new after upgrade', at(9)) }]);
    expect(store.search.search('after upgrade', 10)).toHaveLength(1);
    store.fts.drain();
    integrityCheck(store.db);
    expect(indexed(store.db, 'after upgrade')).toHaveLength(1);
  });

  it('(why) with version 2 triggers, deleting a never-indexed row corrupts the index', () => {
    const path = tempCachePath(defer);
    v2Cache(path, ['indexed row']);
    const db = openCache(path, v2);
    defer(() => db.close());
    db.exec(`INSERT INTO events (id, customer_id, channel, kind, occurred_at, body, json, local_state)
      VALUES ('x', 'c1', 'internal', 'note.added', '${at(5)}', 'never indexed', '{}', 'pending')`);
    // the 'delete' of a row the index never had: SQLite refuses it (older versions silently damaged the index)
    expect(() => db.prepare("DELETE FROM events WHERE id = 'x'").run()).toThrow(/malformed/);
  });
});

describe('search and merged customers (issue 10)', () => {
  it('a customer merged into another is not a hit of its own; its messages are found under the customer it joined', () => {
    const store = open();
    const w = world(store);
    const gone = makeCustomer(w.customer.teamId, { name: 'Jane D. Duplicate', emails: ['jane.dup@example.com'], mergedInto: w.customer.id });
    const c = makeCase(gone);
    const t = makeThread(c, { channel: 'chat' });
    pull(store, [customerCreated(gone), caseOpened(c), threadOpened(t), messageReceived(t, 'my sensor fell off after a shower', at(30))]);
    expect(store.search.search('Duplicate', 10)).toEqual([]);
    expect(store.search.search('jane.dup', 10)).toEqual([]);
    const hits = store.search.search('sensor', 10);
    expect(hits.map((h) => [h.customerId, h.customerName])).toEqual([[w.customer.id, 'Jane Doe']]);
    // the customer it joined is still found by its own name
    expect(store.search.search('Jane', 10).map((h) => h.customerId)).toContain(w.customer.id);
  });
});

describe('case subjects in search (issue 15)', () => {
  it('finds a case by its subject (trigram, and a two-character Chinese word by LIKE), opening that case; a body search is unchanged', () => {
    const store = open();
    const w = world(store, ['the sensor came off']);
    const other = makeCase(w.customer, { subject: '退款申请 for order 7781', openedAt: at(20) });
    pull(store, [caseOpened(other)]);
    const hits = store.search.search('退款', 10);
    expect(hits).toEqual([expect.objectContaining({ customerId: w.customer.id, caseId: other.id, eventId: null, snippet: other.subject })]);
    expect(store.search.search('ORDER 7781', 10).map((h) => h.caseId)).toEqual([other.id]);
    expect(store.search.search('order 9999', 10)).toEqual([]);
    expect(store.search.search('sensor came', 10)).toEqual([expect.objectContaining({ eventId: expect.any(String), caseId: w.case.id })]);
  });

  it('follows a changed subject, and forgets a pruned case', () => {
    const store = open();
    const w = world(store);
    const renamed = { ...w.case, subject: 'Warranty replacement' };
    store.db.prepare('UPDATE cases SET json = ? WHERE id = ?').run(JSON.stringify(renamed), w.case.id);
    expect(store.search.search('warranty', 10).map((h) => h.caseId)).toEqual([w.case.id]);
    expect(store.search.search(w.case.subject, 10).filter((h) => h.caseId === w.case.id && h.eventId === null)).toEqual([]);
    store.db.prepare('DELETE FROM cases WHERE id = ?').run(w.case.id);
    expect(store.search.search('warranty', 10)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM cases_fts').pluck().get()).toBe(0);
  });
});
