import { beforeAll, expect, it } from 'vitest';
import { bulkInsert } from '../../../src/server/kernel/db/bulk';
import { forEachDatabase } from '../helpers/databases';

// The one bulk-insert helper every writer uses (events, customers, deliveries, provider ids, teams, agents,
// client mutations): the same statement on PGlite and PostgreSQL.
forEachDatabase('db: bulkInsert', (ctx) => {
  const cols = { id: 'integer', name: 'text', tags: 'jsonb' } as const;

  beforeAll(async () => {
    await ctx.db.query('create table bulk_probe (id integer primary key, name text not null, tags jsonb)');
  });

  it('inserts every row in chunks, jsonb as jsonb', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: i, name: `n${i}`, tags: [i, 'x'] }));
    await bulkInsert(ctx.db, 'bulk_probe', cols, rows, { chunk: 10 });
    const { rows: got } = await ctx.db.query<{ n: string; t: unknown }>(
      `select count(*)::text as n, (select tags from bulk_probe where id = 7) as t from bulk_probe`,
    );
    expect(got[0]).toEqual({ n: '25', t: [7, 'x'] });
  });

  it("'ignore' skips conflicts and returns only the rows it inserted", async () => {
    const created = await bulkInsert<{ id: number }>(
      ctx.db,
      'bulk_probe',
      cols,
      [
        { id: 3, name: 'again', tags: null },
        { id: 100, name: 'new', tags: null },
      ],
      { conflict: 'ignore', returning: ['id'] },
    );
    expect(created).toEqual([{ id: 100 }]);
    const { rows } = await ctx.db.query<{ name: string }>('select name from bulk_probe where id = 3');
    expect(rows[0]?.name).toBe('n3');
  });

  it('an upsert updates the named columns only', async () => {
    await bulkInsert(ctx.db, 'bulk_probe', cols, [{ id: 4, name: 'renamed', tags: ['new'] }], { conflict: { on: ['id'], update: ['name'] } });
    const { rows } = await ctx.db.query<{ name: string; tags: unknown }>('select name, tags from bulk_probe where id = 4');
    expect(rows[0]).toEqual({ name: 'renamed', tags: [4, 'x'] });
  });

  it('no rows: no statement, nothing returned', async () => {
    expect(await bulkInsert(ctx.db, 'no_such_table', cols, [], { returning: ['id'] })).toEqual([]);
  });
});
