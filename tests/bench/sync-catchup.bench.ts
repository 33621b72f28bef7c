/**
 * Catch-up of 100,000 events into an empty desktop cache (target ≥ 50,000 events/s, issue 17): the real server on
 * PostgreSQL, the sync client pulling packed pages of 1000 over socket.io into better-sqlite3 (FTS, projections and
 * all). Beside it: the same pages applied to the cache without the network, and a raw better-sqlite3 insert
 * loop of the same rows (one prepared INSERT per event, one transaction per page).
 *
 * The seeded history holds overdue SLA deadlines that fire when the server starts (a few hundred jobs): the catch-up
 * starts once the server has worked them off, timed apart as `server_start_backlog_ms`.
 *
 * Full-text indexing runs after the pages (store/fts-indexer.ts, behind a watermark; search scans the rows above
 * it meanwhile), so the deferred work is reported too: `search_ready_ms` is the time from the start until the
 * index covers the last event, and the apply-only figure includes draining the indexer (without it: `_unindexed`).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { applyPulledPage, Store } from '../../src/main/core/kernel/store/index';
import { SyncClient } from '../../src/main/core/kernel/sync/sync-client';
import { appendEvents } from '../../src/server/kernel/events/append';
import { SHOWCASE_CUSTOMER_ID } from '../../src/server/seed';
import type { Event } from '../../src/shared';
import { tempDir } from '../support/temp-dir';
import { makeHistory, onTeam } from './fixtures';
import { record } from './lib';
import { jobsDrained, startBenchServer, until } from './sync-common';

const EVENTS = 100_000;

export async function benchSyncCatchup(): Promise<void> {
  console.log(`\nSync catch-up: ${EVENTS.toLocaleString('en')} events into an empty cache (server → socket.io → better-sqlite3)`);
  const h = makeHistory({ customers: 100, longHistory: 1000, perCustomer: Math.ceil((EVENTS - 1000) / 99) });
  let history: Event[] = [];
  const s = await startBenchServer(async (db) => {
    const { rows } = await db.query<{ team_id: string }>('select team_id from customers where id = $1', [SHOWCASE_CUSTOMER_ID]);
    const team = rows[0]!.team_id;
    history = h.events.slice(0, EVENTS).map((e) => onTeam(e, team));
    for (let i = 0; i < history.length; i += 5000) {
      await db.transaction((tx) => appendEvents(tx, history.slice(i, i + 5000).map((e) => ({ ...e, seq: null }))));
    }
  });
  const { dir, cleanup } = tempDir('omnidesk-bench-catchup-');
  try {
    // the seeded history's overdue SLA deadlines fire when the server starts: measured apart, then the catch-up alone
    const backlogMs = await jobsDrained(s.db);
    console.log(`  the server worked off the seeded history's overdue jobs in ${Math.round(backlogMs)} ms before the catch-up started`);
    record({ id: 'sync.catchup.server_start_backlog_ms', value: backlogMs, unit: 'ms', target: null });
    const { rows: m } = await s.db.query<{ m: unknown; n: unknown }>('select max(seq) as m, count(*) as n from events');
    const top = Number(m[0]!.m);
    const total = Number(m[0]!.n);
    console.log(`  server log: ${total.toLocaleString('en')} events on ${s.kind}; server in ${s.server ? 'this process' : 'its own process'}`);

    // end to end: empty cache, sync client, pages of 1000 — a plain cache (web-host) and an encrypted one
    // (the Electron app with the OS keychain, CACHE_CIPHER)
    const login = await s.login('alice');
    const e2e = async (file: string, key: string | null) => {
      const store = Store.open(join(dir, file), { key });
      const t0 = performance.now();
      const client = new SyncClient({ serverUrl: s.serverUrl, token: login.token, store, pullLimit: 1000 });
      client.start();
      await until('catch-up', () => store.meta.cursor() >= top && !client.busy);
      const ms = performance.now() - t0;
      await until('search ready', () => store.ftsBacklog() === 0);
      const searchReadyMs = performance.now() - t0;
      const pulled = Number((store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
      client.stop();
      store.close();
      return { ms, searchReadyMs, rate: pulled / (ms / 1000) };
    };
    const plain = await e2e('e2e.sqlite', null);
    const e2eMs = plain.ms;
    record({ id: 'sync.catchup.e2e.events_per_s', value: plain.rate, unit: 'events/s', target: '>= 50000' });
    record({ id: 'sync.catchup.search_ready_ms', value: plain.searchReadyMs, unit: 'ms', target: null });
    const encrypted = await e2e('e2e-encrypted.sqlite', randomBytes(32).toString('hex'));
    record({ id: 'sync.catchup.e2e_encrypted.events_per_s', value: encrypted.rate, unit: 'events/s', target: '>= 50000' });

    // the same events applied to an empty cache without the network, and the raw insert loop
    const events = history;
    const local = Store.open(join(dir, 'local.sqlite'));
    const t1 = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      const page = events.slice(i, i + 1000);
      applyPulledPage(local, { events: page, cursor: page[page.length - 1]!.seq!, hasMore: true });
    }
    const pagesMs = performance.now() - t1;
    local.fts.drain();
    const applyMs = performance.now() - t1;
    local.close();
    // the same into a cache encrypted at rest (what the Electron app writes when the OS keychain is there)
    const sealed = Store.open(join(dir, 'encrypted.sqlite'), { key: randomBytes(32).toString('hex') });
    const t3 = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      const page = events.slice(i, i + 1000);
      applyPulledPage(sealed, { events: page, cursor: page[page.length - 1]!.seq!, hasMore: true });
    }
    const sealedPagesMs = performance.now() - t3;
    sealed.close();
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec(`CREATE TABLE events (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER UNIQUE, customer_id TEXT NOT NULL,
      case_id TEXT, thread_id TEXT, channel TEXT NOT NULL, kind TEXT NOT NULL, occurred_at TEXT NOT NULL, body TEXT, json TEXT NOT NULL)`);
    const ins = raw.prepare('INSERT INTO events (id, seq, customer_id, case_id, thread_id, channel, kind, occurred_at, body, json) VALUES (?,?,?,?,?,?,?,?,?,?)');
    const t2 = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      raw.transaction(() => {
        for (const e of events.slice(i, i + 1000)) ins.run(e.id, e.seq, e.customerId, e.caseId, e.threadId, e.channel, e.kind, e.occurredAt, e.body, JSON.stringify(e));
      })();
    }
    const rawMs = performance.now() - t2;
    raw.close();
    record({ id: 'sync.catchup.apply_only.events_per_s', value: events.length / (applyMs / 1000), unit: 'events/s', target: null });
    record({ id: 'sync.catchup.apply_only_unindexed.events_per_s', value: events.length / (pagesMs / 1000), unit: 'events/s', target: null });
    record({ id: 'sync.catchup.apply_only_unindexed_encrypted.events_per_s', value: events.length / (sealedPagesMs / 1000), unit: 'events/s', target: null });
    record({ id: 'sync.catchup.raw_sqlite_insert.events_per_s', value: events.length / (rawMs / 1000), unit: 'events/s', target: null });
    record({ id: 'sync.catchup.e2e.ratio_to_raw', value: e2eMs / rawMs, unit: 'x', target: null });
  } finally {
    await s.close();
    cleanup();
  }
}

