/**
 * The cost of audit logging on the timeline path (issue 9, target ≤ 5 %): a desktop core opening customers'
 * timelines (the first page, as the customer view does) with the audit trail on, against one with it off. With it
 * on, each open is one push to an in-memory buffer and the buffer goes to the server in one POST per flush (every
 * 250 ms here, 5 s by default), where ONE chained entry lists the customers of the batch. Rounds alternate on/off
 * on ONE core switched between rounds; the medians of the rounds' mean open times are compared, so drift and warm-up hit
 * both alike.
 */
import { openTestCore, type TestCore } from '../support/desktop-cores';
import { DEMO_LOGINS } from '../../src/server/seed';
import { record, summarize } from './lib';
import { startBenchServer } from './sync-common';

const ROUNDS = 40;
const OPENS_PER_ROUND = 100;

export async function benchAuditTimeline(): Promise<void> {
  console.log('\nAudit trail on the timeline path (opening customers with access logging on vs off)');
  const bs = await startBenchServer();
  const suffix = bs.kind === 'pglite' ? '_pglite' : '';
  const cores: TestCore[] = [];
  try {
    const top = async () => Number((await bs.db.query<{ m: unknown }>('select coalesce(max(seq), 0) as m from events')).rows[0]!.m);
    const password = DEMO_LOGINS.find((l) => l.username === 'lena')!.password;
    // ONE core, switched on and off between rounds (the same cache, the same connections): what differs is the audit
    const audit = { flushMs: 250, enabled: true };
    const core = openTestCore({ defaultServerUrl: bs.serverUrl, audit, tempPrefix: 'omnidesk-bench-audit-' });
    cores.push(core);
    await core.call('session.login', { serverUrl: bs.serverUrl, username: 'lena', password });
    await core.synced(top, { timeoutMs: 300_000 });
    const ids = [...new Set((await core.call('queue.list', {})).map((r) => r.customerId))];
    if (ids.length === 0) throw new Error('no customers in the queue');
    const before = Number((await bs.db.query<{ n: unknown }>("select count(*) as n from audit_log where action = 'customer.opened'")).rows[0]!.n);

    const round = async (enabled: boolean, offset: number): Promise<number> => {
      audit.enabled = enabled && !process.env.BENCH_AUDIT_AA; // BENCH_AUDIT_AA=1: both "off" (the noise floor)
      const t0 = performance.now();
      for (let i = 0; i < OPENS_PER_ROUND; i++) {
        await core.call('timeline.get', { customerId: ids[(offset + i) % ids.length]!, limit: 100 });
        // each open arrives as its own IPC / WebSocket message in the app: yield to the event loop as they do (the
        // flush timer and its POST run in between, as in the app)
        await new Promise((r) => setImmediate(r));
      }
      const ms = (performance.now() - t0) / OPENS_PER_ROUND;
      // a round with audit on ends with its batch in flight: wait for it, outside the measurement, so it does not
      // land in the next (off) round
      await core.core.flushAudit();
      return ms;
    };
    await round(true, 0); // warm-up (cache pages, JIT, the HTTP connection)
    await round(false, 0);
    const onMeans: number[] = [];
    const offMeans: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order: Array<[boolean, number[]]> = r % 2 ? [[false, offMeans], [true, onMeans]] : [[true, onMeans], [false, offMeans]];
      for (const [enabled, out] of order) out.push(await round(enabled, r * OPENS_PER_ROUND));
    }
    const onMs = summarize(onMeans).median;
    const offMs = summarize(offMeans).median;
    const overhead = ((onMs - offMs) / offMs) * 100;
    const entries = Number((await bs.db.query<{ n: unknown }>("select count(*) as n from audit_log where action = 'customer.opened'")).rows[0]!.n) - before;
    const opens = (ROUNDS / 2 + 1) * OPENS_PER_ROUND;
    console.log(`  ${opens} audited opens → ${entries} chained entries; mean open ${onMs.toFixed(3)} ms on, ${offMs.toFixed(3)} ms off (${bs.kind})`);
    record({ id: `audit.timeline_overhead_pct${suffix}`, value: overhead, unit: '%', target: '<= 5' });
    record({ id: `audit.timeline_open_on_ms${suffix}`, value: onMs, unit: 'ms', target: null });
    record({ id: `audit.timeline_open_off_ms${suffix}`, value: offMs, unit: 'ms', target: null });
    record({ id: `audit.timeline_entries_per_1000_opens${suffix}`, value: (entries / opens) * 1000, unit: 'entries', target: null });
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    await bs.close();
  }
}
