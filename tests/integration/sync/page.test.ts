/**
 * Pull pages encoded by the database (issue 17): the JSON the server sends without building objects is the
 * shared Event shape, field for field what rowToEvent gives, for every kind the demo holds; pages keep their
 * row limit and byte budget; the packed bytes decode and validate on the desktop like an object page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../src/shared/contracts/sync';
import { PackedPullResponse, PullAnswer } from '../../../src/main/core/kernel/sync/packed';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../../../src/server/kernel/events/rows';
import { deflateSync } from 'node:zlib';
import { answerFor, answerJson, COMPRESS_MIN_BYTES, packAnswer, selectPage } from '../../../src/server/kernel/sync/page';
import { PageCache, pageKey, scopeSubject, teamsSubject } from '../../../src/server/kernel/sync/page-cache';
import { generateDemoData, seedDatabase } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { TEST_NOW } from '../helpers/server';

forEachDatabase('sync pages encoded by the database', (ctx) => {
  let top = 0;

  beforeAll(async () => {
    await seedDatabase(ctx.db, generateDemoData({ now: TEST_NOW }));
    const { rows } = await ctx.db.query<{ m: unknown }>('select max(seq) as m from events');
    top = Number(rows[0]!.m);
  });

  it('every event the demo holds comes out as rowToEvent gives it, in seq order, and validates as an Event', async () => {
    const { rows } = await ctx.db.query<EventRow>(`select ${EVENT_COLUMNS} from events order by seq`);
    const expected = rows.map(rowToEvent);
    const got: unknown[] = [];
    for (let cursor = 0; ; ) {
      const page = await selectPage(ctx.db, { where: 'e.seq > $1', params: [cursor], limit: 1000, maxBytes: 1 << 30 });
      const events = JSON.parse(`[${page.json}]`) as Array<{ seq: number }>;
      got.push(...events);
      if (!page.full) break;
      cursor = page.last!;
    }
    expect(got.length).toBe(expected.length);
    expect(got).toEqual(expected);
    expect(new Set(expected.map((e) => e.kind)).size).toBeGreaterThan(10);
    // the desktop's schema accepts them all
    expect(PullResponse.safeParse({ events: got, cursor: top, hasMore: false }).success).toBe(true);
  });

  it('the JSON is written with the row and rewritten with it; a row from before migration 180 is built as it is read', async () => {
    // every stored doc is what event_doc (the one definition) gives for its row
    const { rows: stale } = await ctx.db.query<{ n: unknown }>('select count(*) as n from events where doc is distinct from event_doc(events)');
    expect(Number(stale[0]!.n)).toBe(0);
    const { rows: picked } = await ctx.db.query<EventRow>(
      `select ${EVENT_COLUMNS} from events where kind = 'message.received' and body is not null order by seq desc limit 1`,
    );
    const row = picked[0]!;
    const pageOf = async () => JSON.parse((await selectPage(ctx.db, { where: 'e.id = $1', params: [row.id], limit: 10, maxBytes: 1 << 30 })).json);
    const current = async () => rowToEvent((await ctx.db.query<EventRow>(`select ${EVENT_COLUMNS} from events where id = $1`, [row.id])).rows[0]!);
    try {
      // rewritten in place, as an erasure does: the page carries the new body, not the one written first
      await ctx.db.query(`update events set body = '[erased]', author = jsonb_set(author, '{name}', '"erased"') where id = $1`, [row.id]);
      expect(await pageOf()).toEqual(await current());
      expect((await pageOf()).body).toBe('[erased]');
      // a row written before the column existed (doc null) is built by the page query, the same JSON
      await ctx.db.query('alter table events disable trigger events_doc');
      await ctx.db.query('update events set doc = null where id = $1', [row.id]);
      await ctx.db.query('alter table events enable trigger events_doc');
      expect(await pageOf()).toEqual(await current());
    } finally {
      await ctx.db.query('alter table events enable trigger events_doc');
      await ctx.db.query('update events set body = $2, author = $3::jsonb where id = $1', [row.id, row.body, JSON.stringify(row.author)]);
    }
    expect(await pageOf()).toEqual(rowToEvent(row));
  });

  it('a page keeps its row limit, its byte budget (at least one event), and says when it was cut', async () => {
    const byRows = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 7, maxBytes: 1 << 30 });
    expect(byRows.n).toBe(7);
    expect(byRows.full).toBe(true);
    expect(JSON.parse(`[${byRows.json}]`).map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(byRows.last).toBe(7);

    const oneEvent = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 1000, maxBytes: 1 });
    expect(oneEvent.n).toBe(1);
    expect(oneEvent.full).toBe(true);

    const budget = Buffer.byteLength(byRows.json) - 6 - 1; // the 7 events' bytes (no commas) but one: six fit, at most
    const byBytes = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 1000, maxBytes: budget });
    expect(byBytes.n).toBeLessThan(7);
    expect(byBytes.full).toBe(true);
    expect(Buffer.byteLength(byBytes.json)).toBeLessThanOrEqual(budget);

    const tail = await selectPage(ctx.db, { where: 'e.seq > $1', params: [top - 3], limit: 1000, maxBytes: 1 << 30 });
    expect(tail).toMatchObject({ n: 3, last: top, full: false });
    const none = await selectPage(ctx.db, { where: 'e.seq > $1', params: [top], limit: 1000, maxBytes: 1 << 30 });
    expect(none).toEqual({ json: '', n: 0, last: null, full: false });
  });

  it('the cursor rule: a full page ends at its last event; a read window ends at its end, with more below the top', async () => {
    const full = await selectPage(ctx.db, { where: 'e.seq > $1 and e.seq <= $2', params: [10, 100], limit: 5, maxBytes: 1 << 30 });
    expect(answerFor(full, 10, 100, top)).toMatchObject({ cursor: 15, hasMore: true });
    const whole = await selectPage(ctx.db, { where: 'e.seq > $1 and e.seq <= $2', params: [10, 20], limit: 50, maxBytes: 1 << 30 });
    expect(answerFor(whole, 10, 20, top)).toMatchObject({ cursor: 20, hasMore: true });
    expect(answerFor(whole, 10, 20, 20)).toMatchObject({ cursor: 20, hasMore: false });
  });

  it('packed bytes decode and validate on the desktop as the same page; bytes that are not a page are refused', async () => {
    const page = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 20, maxBytes: 1 << 30 });
    const json = answerJson(answerFor(page, 0, top, top));
    const bytes = Buffer.from(json, 'utf8');
    const decoded = PullAnswer.parse(bytes);
    expect(decoded).toEqual(PullResponse.parse(JSON.parse(json)));
    expect(decoded.events).toHaveLength(20);
    // an ArrayBuffer (what a browser's socket.io hands over) too
    expect(PackedPullResponse.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).cursor).toBe(20);
    expect(PackedPullResponse.safeParse(Buffer.from('{"events":[', 'utf8')).success).toBe(false);
    expect(PackedPullResponse.safeParse(Buffer.from([0xff, 0xfe, 0x00])).success).toBe(false);
    // valid JSON but not a page: the Event schema still guards the cache
    expect(PackedPullResponse.safeParse(Buffer.from('{"events":[{"id":"x"}],"cursor":1,"hasMore":false}')).success).toBe(false);
  });

  it('a large page is sent zlib-compressed, once per page and answer, and inflates to the same page; a small one goes as JSON', async () => {
    const big = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 1000, maxBytes: 1 << 30 });
    expect(big.json.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    const answer = answerFor(big, 0, top, top);
    const packed = await packAnswer(answer);
    expect(packed[0]).toBe(0x78);
    expect(packed.length).toBeLessThan(Buffer.byteLength(answerJson(answer)) / 2);
    expect(PullAnswer.parse(packed)).toEqual(PullResponse.parse(JSON.parse(answerJson(answer))));
    // the same page and answer: the same bytes, compressed once (every desktop asking gets them)
    expect(packAnswer(answer)).toBe(packAnswer({ ...answer }));
    const small = await selectPage(ctx.db, { where: 'e.seq > $1', params: [0], limit: 1, maxBytes: 1 << 30 });
    const plain = await packAnswer(answerFor(small, 0, top, top));
    expect(plain[0]).toBe('{'.charCodeAt(0));
    expect(PullAnswer.parse(plain).events).toHaveLength(1);
    // zlib bytes that are not a page, or not zlib at all behind the 0x78, are refused
    expect(PackedPullResponse.safeParse(deflateSync(Buffer.from('not json'))).success).toBe(false);
    expect(PackedPullResponse.safeParse(Buffer.from([0x78, 0x9c, 0x01, 0x02, 0x03])).success).toBe(false);
  });
});

describe('page cache', () => {
  it('builds a page once however many ask at the same time, and keys team sets in any order alike', async () => {
    const cache = new PageCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { json: '{"seq":1}', n: 1, last: 1, full: false };
    };
    const key = pageKey(teamsSubject(['b', 'a']), 0, 8000, 1000);
    const pages = await Promise.all(Array.from({ length: 50 }, () => cache.get(key, build)));
    expect(builds).toBe(1);
    expect(pages.every((p) => p.n === 1)).toBe(true);
    expect(pageKey(teamsSubject(['a', 'b']), 0, 8000, 1000)).toBe(key);
    expect(pageKey(teamsSubject(null), 0, 8000, 1000)).not.toBe(key);
    expect(pageKey(teamsSubject(['a', 'b']), 0, 8001, 1000)).not.toBe(key);
    // a desktop's bootstrap pages are its own: never another desktop's, nor another checkpoint's
    const scoped = pageKey(scopeSubject('c1', 9, ['a']), 0, 8000, 1000);
    expect(scoped).not.toBe(pageKey(scopeSubject('c2', 9, ['a']), 0, 8000, 1000));
    expect(scoped).not.toBe(pageKey(scopeSubject('c1', 10, ['a']), 0, 8000, 1000));
    // ...nor after its agent lost a team
    expect(pageKey(scopeSubject('c1', 9, ['a', 'b']), 0, 8000, 1000)).not.toBe(scoped);
    await cache.get(key, build);
    expect(builds).toBe(1);
  });

  it('a failed build is not kept: the next asker builds again', async () => {
    const cache = new PageCache();
    let builds = 0;
    await expect(cache.get('k', async () => (builds++, Promise.reject(new Error('db down'))))).rejects.toThrow('db down');
    const page = await cache.get('k', async () => (builds++, { json: '', n: 0, last: null, full: false }));
    expect(page.n).toBe(0);
    expect(builds).toBe(2);
  });

  it('expires pages after its TTL and stays within its byte budget', async () => {
    const cache = new PageCache({ ttlMs: 30, maxBytes: 1000 });
    let builds = 0;
    const build = async () => (builds++, { json: 'x'.repeat(100), n: 1, last: 1, full: false });
    await cache.get('a', build);
    await new Promise((r) => setTimeout(r, 60));
    await cache.get('a', build);
    expect(builds).toBe(2);
    for (let i = 0; i < 20; i++) await cache.get(`p${i}`, build);
    expect(cache.size).toBeLessThanOrEqual(4); // 264 bytes each against 1000
  });
});
