import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { Queryable } from '../db/types';
import { toNumber } from '../db/types';

/**
 * A page of the event log as PostgreSQL encodes it: the events' JSON (stored with each row, `events.doc`), joined by
 * commas by the database in one row (`string_agg`). The server never turns rows into objects and back into JSON, so
 * a page costs it a string concatenation, and the same text can be sent to every desktop that asks for it
 * (issue 17: a catch-up was bound by the pull path).
 *
 * The JSON is the shared `Event` shape, field for field what `rowToEvent` returns (tests/integration/sync/page.test.ts
 * compares them for every kind the demo holds); `occurredAt` in JavaScript's ISO form (milliseconds, `Z`).
 */
export interface EncodedPage {
  /** the events' JSON objects joined by `,` ('' when none) */
  json: string;
  /** events in the page */
  n: number;
  /** seq of its last event (null when empty) */
  last: number | null;
  /** cut by the row limit or the byte budget: more events may follow within the window */
  full: boolean;
  /** packed answers made of this page, by cursor and hasMore: a cached page is compressed once for every desktop */
  packed?: Map<string, Promise<Buffer>>;
}

/**
 * One event row as the shared Event JSON (keys as rowToEvent writes them): written once with the row (migration 180,
 * `event_doc`), built here only for a row written before that.
 */
const EVENT_JSON = `coalesce(e.doc, event_doc(e))`;

export interface PageQuery {
  /** conditions on `events e` (SQL, `$n` placeholders numbered within `params`) */
  where: string;
  params: unknown[];
  /** at most this many events */
  limit: number;
  /** ...and at most about this many bytes of JSON: a page always holds at least one event */
  maxBytes: number;
}

/** The events matching `where`, ascending by seq, encoded by the database (see EncodedPage). */
export async function selectPage(q: Queryable, page: PageQuery): Promise<EncodedPage> {
  const params = [...page.params];
  const limit = `$${params.push(page.limit)}`;
  const maxBytes = `$${params.push(page.maxBytes)}`;
  // The window is read and sorted as seqs alone, then the rows the limit keeps are fetched by seq: sorting the window's
  // whole rows (doc, body, meta) took a 1,000-event page 32 ms of database time on average in a 100,000-event catch-up,
  // seqs alone 16.5 ms (PostgreSQL's statement log). JSON only for the rows the limit keeps; rows beyond the limit or
  // the byte budget only say the page is full; the kept rows are a prefix by seq.
  const { rows } = await q.query<{ n: unknown; last: unknown; full: boolean | null; json: string | null }>(
    `with s as (
       select e.seq from events e where ${page.where} order by e.seq limit ${limit}::int + 1
     ), r as (
       select seq, j, row_number() over (order by seq) as rn, sum(octet_length(j)) over (order by seq) as bytes
       from (select e.seq, ${EVENT_JSON} as j from s join events e on e.seq = s.seq) x
     ), k as (
       select seq, j, rn <= ${limit}::int and (rn = 1 or bytes <= ${maxBytes}::bigint) as keep from r
     )
     select count(*) filter (where keep) as n, max(seq) filter (where keep) as last, bool_or(not keep) as full,
       string_agg(j, ',' order by seq) filter (where keep) as json
     from k`,
    params,
  );
  const row = rows[0];
  const n = toNumber(row?.n ?? 0);
  return { json: row?.json ?? '', n, last: n > 0 ? toNumber(row!.last) : null, full: row?.full === true };
}

/** A page's answer before encoding: where the client's cursor goes next. */
export interface PageAnswer {
  page: EncodedPage;
  cursor: number;
  hasMore: boolean;
}

/**
 * The cursor rule of a windowed pull: a full page moves the cursor to its last event (more follow); otherwise the
 * whole window (from, end] was read, so the cursor moves to `end`, with more while `end` is below `top`.
 */
export function answerFor(page: EncodedPage, from: number, end: number, top: number): PageAnswer {
  if (page.full) return { page, cursor: page.last ?? from, hasMore: true };
  return { page, cursor: end, hasMore: end < top };
}

/** The answer as the JSON text of a PullResponse. */
export function answerJson(a: PageAnswer): string {
  return `{"events":[${a.page.json}],"cursor":${a.cursor},"hasMore":${a.hasMore}}`;
}

const deflateAsync = promisify(deflate);

/**
 * Pages at least this large are sent compressed (zlib, RFC 1950): JSON event pages shrink several times, the
 * compression runs once per page on libuv's thread pool (a cached page's bytes serve every desktop), and the
 * desktop inflates in a millisecond or two what would otherwise cross the network whole.
 */
export const COMPRESS_MIN_BYTES = 16 * 1024;

/**
 * The answer as a `packed` client takes it: UTF-8 JSON, or that JSON zlib-compressed when large. A zlib stream's
 * first byte is 0x78 and JSON's is `{`, so the desktop tells them apart without a flag (src/main/core/kernel/sync/packed.ts).
 */
export function packAnswer(a: PageAnswer): Promise<Buffer> {
  // small pages (the shared empty page among them) go as they are, and are not remembered
  if (a.page.json.length < COMPRESS_MIN_BYTES) return Promise.resolve(Buffer.from(answerJson(a), 'utf8'));
  const key = `${a.cursor}|${a.hasMore}`;
  const memo = (a.page.packed ??= new Map());
  let bytes = memo.get(key);
  if (!bytes) {
    bytes = deflateAsync(Buffer.from(answerJson(a), 'utf8'), { level: 3 });
    memo.set(key, bytes);
    bytes.catch(() => memo.delete(key));
  }
  return bytes;
}
