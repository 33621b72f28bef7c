/**
 * Push of 10,000 queued mutations end to end against PostgreSQL (target ≥ 5,000/s): notes recorded offline in
 * the desktop cache (outbox + optimistic event), then the sync client connects and pushes them in batches of
 * 500; timed until the outbox is empty (every mutation applied on the server and acknowledged).
 * Beside it: a raw pg insert loop of the same rows (one INSERT per row, in one transaction).
 */
import { join } from 'node:path';
import { commitLocalChange } from '../../src/main/core/kernel/mutations';
import { Store } from '../../src/main/core/kernel/store/index';
import { SyncClient } from '../../src/main/core/kernel/sync/sync-client';
import { SHOWCASE_CUSTOMER_ID } from '../../src/server/seed';
import { tempDir } from '../support/temp-dir';
import { record } from './lib';
import { timeRawInserts } from './raw-insert';
import { startBenchServer, until } from './sync-common';

const MUTATIONS = 10_000;

export async function benchSyncPush(): Promise<void> {
  console.log(`\nSync push: ${MUTATIONS.toLocaleString('en')} queued mutations, desktop outbox → server (PostgreSQL), end to end`);
  const s = await startBenchServer();
  const dir = tempDir('omnidesk-bench-push-');
  try {
    const login = await s.login('alice');
    const store = Store.open(join(dir.dir, 'cache.sqlite'));
    // catch up first (the cache needs the customer and case to record changes on)
    const warm = new SyncClient({ serverUrl: s.serverUrl, token: login.token, store, pullLimit: 1000 });
    warm.start();
    const { rows } = await s.db.query<{ m: unknown }>('select max(seq) as m from events');
    await until('warm-up catch-up', () => store.meta.cursor() >= Number(rows[0]!.m) && !warm.busy);
    warm.stop();
    const caseId = (store.cases.byCustomer(SHOWCASE_CUSTOMER_ID)[0] ?? null)?.id ?? null;

    for (let i = 0; i < MUTATIONS; i++) {
      commitLocalChange(store, login.agent, {
        name: 'note.add',
        args: { customerId: SHOWCASE_CUSTOMER_ID, caseId, threadId: null, body: `Bench note ${i}: called the customer back about the sensor.` },
      });
    }
    const queued = store.outbox.counts().pending;
    const t0 = performance.now();
    const client = new SyncClient({ serverUrl: s.serverUrl, token: login.token, store, pullLimit: 1000 });
    client.start();
    await until('outbox drained', () => store.outbox.counts().pending === 0);
    const pushMs = performance.now() - t0;
    client.stop();
    store.close();
    const { rows: n } = await s.db.query<{ n: unknown }>("select count(*) as n from events where kind = 'note.added' and body like 'Bench note %'");
    if (Number(n[0]!.n) !== MUTATIONS) throw new Error(`bench: expected ${MUTATIONS} notes on the server, found ${String(n[0]!.n)}`);
    record({ id: `sync.push.e2e_${s.kind}.mutations_per_s`, value: queued / (pushMs / 1000), unit: 'mut/s', target: '>= 5000' });

    if (s.url) {
      const raw = await timeRawInserts(s.url, {
        createTable: 'create table raw_notes (id uuid primary key, seq bigint, customer_id uuid, case_id uuid, kind text, body text, meta jsonb)',
        insert: 'insert into raw_notes values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)',
        count: MUTATIONS,
        row: (i) => [i + 1, SHOWCASE_CUSTOMER_ID, caseId, 'note.added', `Bench note ${i}: called the customer back about the sensor.`, '{}'],
      });
      record({ id: 'sync.push.raw_pg_insert_loop.rows_per_s', value: raw.perS, unit: 'rows/s', target: null });
      record({ id: 'sync.push.e2e.ratio_to_raw', value: pushMs / raw.ms, unit: 'x', target: null });
    }
  } finally {
    await s.close();
    dir.cleanup();
  }
}
