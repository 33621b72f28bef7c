/**
 * Local timeline query on the desktop cache for a customer with 10,000 events (target p95 < 5 ms), beside
 * the raw better-sqlite3 query of the same rows.
 */
import { join } from 'node:path';
import { applyPulledPage, Store } from '../../src/main/core/kernel/store/index';
import { tempDir } from '../support/temp-dir';
import { makeHistory } from './fixtures';
import { record, time } from './lib';

export async function benchTimelineQuery(): Promise<void> {
  console.log('\nTimeline query (desktop cache, better-sqlite3, 10,000 events for one customer + 20,000 for 199 others)');
  const { dir, cleanup } = tempDir('omnidesk-bench-');
  const store = Store.open(join(dir, 'cache.sqlite'));
  try {
    const h = makeHistory({ customers: 200, longHistory: 10_000, perCustomer: 100 });
    for (let i = 0; i < h.events.length; i += 1000) {
      const page = h.events.slice(i, i + 1000);
      applyPulledPage(store, { events: page, cursor: page[page.length - 1]!.seq!, hasMore: true });
    }
    const raw = store.db.prepare<[string, number], { json: string }>(
      'SELECT json FROM events WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?',
    );
    for (const limit of [100, 10_000]) {
      const ours = await time(() => store.events.timelineDesc({ customerId: h.customerId, limit }), limit > 1000 ? 40 : 300);
      const base = await time(() => raw.all(h.customerId, limit).map((r) => JSON.parse(r.json)), limit > 1000 ? 40 : 300);
      const label = limit === 100 ? 'page' : 'all';
      const target = limit === 100 ? '< 5' : null;
      record({ id: `timeline.query.${label}.median_ms`, value: ours.median, unit: 'ms', target: null });
      record({ id: `timeline.query.${label}.p95_ms`, value: ours.p95, unit: 'ms', target });
      record({ id: `timeline.query.${label}.raw_p95_ms`, value: base.p95, unit: 'ms', target: null });
      record({ id: `timeline.query.${label}.ratio_to_raw`, value: ours.p95 / base.p95, unit: 'x', target: null });
    }
  } finally {
    store.close();
    cleanup();
  }
}
