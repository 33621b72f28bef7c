/**
 * Migration 006 on a database that has deliveries pending from before the jobs kernel: each queued or
 * in-flight delivery becomes its delivery job (attempts carried over), finished ones do not.
 */
import { expect, it } from 'vitest';
import { newId } from '../../../src/shared/kernel/ids';
import { migrate } from '../../../src/server/kernel/db/migrate';
import { forEachDatabase } from '../helpers/databases';
import { migrateBefore } from '../helpers/migrations';

forEachDatabase(
  'migration 006_jobs',
  (ctx) => {
    it('turns pending deliveries into delivery jobs', async () => {
      await migrateBefore(ctx.db, 6);
      const ids = { queued: newId(), sending: newId(), sent: newId() };
      let seq = 0;
      for (const [status, id] of Object.entries(ids)) {
        await ctx.db.query(
          `insert into events (id, seq, team_id, customer_id, kind, channel, occurred_at, author, meta)
           values ($1, $2, $3, $4, 'message.sent', 'email', now(), '{}'::jsonb, '{}'::jsonb)`,
          [id, ++seq, newId(), newId()],
        );
        await ctx.db.query(`insert into deliveries (event_id, channel, status, attempts) values ($1, 'email', $2, 2)`, [id, status]);
      }

      expect(await migrate(ctx.db)).toContain('006_jobs.sql');

      const { rows } = await ctx.db.query<{ kind: string; key: string; payload: unknown; attempts: number; status: string }>(
        'select kind, key, payload, attempts, status from jobs order by key',
      );
      expect(rows).toEqual(
        [ids.queued, ids.sending]
          .sort()
          .map((id) => ({ kind: 'delivery.email', key: id, payload: { eventId: id }, attempts: 2, status: 'queued' })),
      );
      const { rows: d } = await ctx.db.query<{ event_id: string; status: string }>('select event_id, status from deliveries');
      expect(new Map(d.map((r) => [r.event_id, r.status]))).toEqual(
        new Map([
          [ids.queued, 'queued'],
          [ids.sending, 'queued'],
          [ids.sent, 'sent'],
        ]),
      );
    });
  },
  { migrate: false },
);
