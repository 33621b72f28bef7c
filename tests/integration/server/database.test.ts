import { beforeAll, describe, expect, it } from 'vitest';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import type { Case } from '../../../src/shared/kernel/case';
import type { Customer } from '../../../src/shared/kernel/customer';
import { Event } from '../../../src/shared/kernel/event';
import { newId } from '../../../src/shared/kernel/ids';
import { migrate } from '../../../src/server/kernel/db/migrate';
import { appendEvents } from '../../../src/server/kernel/events/append';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from '../../../src/server/kernel/events/rows';
import { generateDemoData, projectInMemory, seedDatabase, seedDemoIfEmpty, SHOWCASE_CUSTOMER_ID, type DemoData } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { TEST_NOW } from '../helpers/server';

forEachDatabase('database: migrations, event log, seeded demo world', (ctx) => {
  let data: DemoData;
  let seedMs = 0;

  beforeAll(async () => {
    data = generateDemoData({ now: TEST_NOW });
    const started = Date.now();
    const report = await seedDatabase(ctx.db, data);
    seedMs = Date.now() - started;
    expect(report?.counts.events).toBe(data.events.length);
    console.log(`[${ctx.kind}] seeded ${data.events.length} events in ${seedMs} ms`);
  });

  it('migrations are recorded and applying them again does nothing', async () => {
    expect(await migrate(ctx.db)).toEqual([]);
    const { rows } = await ctx.db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version');
    expect(rows[0]).toMatchObject({ version: 1, name: '001_init.sql' });
  });

  it('seeding is fast and refuses a database that already has data', async () => {
    expect(seedMs).toBeLessThan(30_000);
    expect(await seedDemoIfEmpty(ctx.db)).toBeNull();
  });

  it('the seeded database has the demo counts: ≥200 customers, ≥5000 events, all four channels', async () => {
    const { rows } = await ctx.db.query<{ customers: unknown; events: unknown; maxseq: unknown; agents: unknown; teams: unknown }>(
      `select (select count(*) from customers) as customers, (select count(*) from events) as events,
              (select max(seq) from events) as maxseq, (select count(*) from agents) as agents, (select count(*) from teams) as teams`,
    );
    const r = rows[0];
    expect(Number(r?.customers)).toBeGreaterThanOrEqual(200);
    expect(Number(r?.events)).toBeGreaterThanOrEqual(5000);
    expect(Number(r?.maxseq)).toBe(Number(r?.events)); // seq is 1..N without gaps
    expect(Number(r?.agents)).toBe(8);
    expect(Number(r?.teams)).toBe(2);
    const channels = await ctx.db.query<{ channel: string }>('select distinct channel from threads order by channel');
    expect(channels.rows.map((x) => x.channel)).toEqual(['chat', 'email', 'phone', 'social']);
    const evChannels = await ctx.db.query<{ channel: string }>('select distinct channel from events order by channel');
    expect(evChannels.rows.map((x) => x.channel)).toEqual(['chat', 'email', 'internal', 'phone', 'social']);
  });

  it('the showcase customer has one open case with threads on all four channels, ending with an inbound message', async () => {
    const cases = await ctx.db.query<{ status: string; id: string }>('select id, status from cases where customer_id = $1', [SHOWCASE_CUSTOMER_ID]);
    expect(cases.rows).toHaveLength(1);
    expect(cases.rows[0]?.status).toBe('open');
    const threads = await ctx.db.query<{ channel: string }>('select channel from threads where customer_id = $1 order by channel', [SHOWCASE_CUSTOMER_ID]);
    expect(threads.rows.map((x) => x.channel)).toEqual(['chat', 'email', 'phone', 'social']);
    const { rows } = await ctx.db.query<EventRow>(`select ${EVENT_COLUMNS} from events where customer_id = $1 order by seq`, [SHOWCASE_CUSTOMER_ID]);
    const events = rows.map(rowToEvent);
    expect(events.at(-1)).toMatchObject({ kind: 'message.received', author: { type: 'customer' } });
    const customer = await ctx.db.query<{ name: string; data: Customer }>('select name, data from customers where id = $1', [SHOWCASE_CUSTOMER_ID]);
    expect(customer.rows[0]).toMatchObject({ name: 'Margaret Chen', data: { segment: 'elderly' } });
  });

  it('stored events read back as the shared Event shape, identical to what was appended', async () => {
    const { rows } = await ctx.db.query<EventRow>(`select ${EVENT_COLUMNS} from events order by seq`);
    const stored = rows.map(rowToEvent);
    expect(stored).toHaveLength(data.events.length);
    for (const [i, e] of stored.entries()) {
      expect(Event.safeParse(e).success, `event ${e.id}`).toBe(true);
      expect(e).toEqual({ ...data.events[i], seq: i + 1 });
    }
  });

  it('the database projections equal the in-memory projection of the same events (shared apply functions)', async () => {
    const world = projectInMemory(data.events);
    const cases = await ctx.db.query<{ id: string; status: string; priority: string; data: Case }>('select id, status, priority, data from cases');
    expect(cases.rows).toHaveLength(world.cases.size);
    for (const row of cases.rows) {
      expect(row.data).toEqual(world.cases.get(row.id));
      expect(row.status).toBe(row.data.status);
      expect(row.priority).toBe(row.data.priority);
    }
    const customers = await ctx.db.query<{ id: string; data: Customer }>('select id, data from customers');
    for (const row of customers.rows) expect(row.data).toEqual(world.customers.get(row.id));
    const p0 = await ctx.db.query<{ n: unknown }>("select count(*) as n from cases where priority = 'P0'");
    expect(Number(p0.rows[0]?.n)).toBe(1);
  });

  describe('appendEvents', () => {
    const noteOn = (customerId: string, body = 'note'): Event => ({
      id: newId(),
      seq: null,
      customerId,
      caseId: null,
      threadId: null,
      channel: 'internal',
      kind: 'note.added',
      author: { type: 'system', id: null, name: 'test' },
      body,
      meta: {},
      occurredAt: new Date().toISOString(),
    });
    const count = async () => Number((await ctx.db.query<{ n: unknown }>('select count(*) as n from events')).rows[0]?.n);

    it('refuses an inconsistent batch as a whole (nothing written), with a clear code', async () => {
      const before = await count();
      const good = noteOn(SHOWCASE_CUSTOMER_ID);
      const orphan = noteOn(newId());
      const err = await ctx.db.transaction((tx) => appendEvents(tx, [good, orphan])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OmnideskError);
      expect((err as OmnideskError).code).toBe('NOT_FOUND');
      const nul = await ctx.db.transaction((tx) => appendEvents(tx, [noteOn(SHOWCASE_CUSTOMER_ID, 'a\u0000b')])).catch((e: unknown) => e);
      expect((nul as OmnideskError).code).toBe('INVALID_ARGUMENT');
      const dup = data.events.find((e) => e.kind === 'customer.created') as Event;
      const again = await ctx.db.transaction((tx) => appendEvents(tx, [{ ...dup, id: newId() }])).catch((e: unknown) => e);
      expect((again as OmnideskError).code).toBe('CONFLICT');
      expect(await count()).toBe(before);
    });

    it('concurrent appends get unique, consecutive seqs in commit order', async () => {
      const before = await count();
      const results = await Promise.all(
        Array.from({ length: 16 }, () => ctx.db.transaction((tx) => appendEvents(tx, [noteOn(SHOWCASE_CUSTOMER_ID), noteOn(SHOWCASE_CUSTOMER_ID)]))),
      );
      const seqs = results.flatMap((r) => r.events.map((e) => e.seq as number)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 32 }, (_, i) => before + 1 + i));
      for (const r of results) {
        expect(r.events[1]?.seq).toBe((r.events[0]?.seq ?? 0) + 1); // one batch is contiguous
      }
    });
  });
});
