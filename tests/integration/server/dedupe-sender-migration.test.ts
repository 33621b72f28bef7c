/**
 * Migration 070 on a database with inbound provider ids from before it: the rows keep their ids with sender ''
 * (so a redelivery of an old message is still a duplicate, whoever sends it), new rows carry their sender, and
 * two senders may then hold one Message-ID while the same (id, sender) is still refused twice.
 */
import { expect, it } from 'vitest';
import { newId } from '../../../src/shared/kernel/ids';
import { migrate } from '../../../src/server/kernel/db/migrate';
import { forEachDatabase } from '../helpers/databases';
import { migrateBefore } from '../helpers/migrations';

forEachDatabase(
  'migration 070_inbound_dedupe_sender',
  (ctx) => {
    it('keeps old rows (sender \'\'), then keys on (channel, id, sender)', async () => {
      await migrateBefore(ctx.db, 70);
      await ctx.db.query(`insert into inbound_provider_ids (channel, provider_message_id, event_id) values ('email', '<old@x>', $1)`, [newId()]);

      expect(await migrate(ctx.db)).toContain('070_inbound_dedupe_sender.sql');

      const { rows } = await ctx.db.query<{ sender: string }>(`select sender from inbound_provider_ids where provider_message_id = '<old@x>'`);
      expect(rows).toEqual([{ sender: '' }]);
      const insert = (pid: string, sender: string) =>
        ctx.db.query(`insert into inbound_provider_ids (channel, provider_message_id, sender, event_id) values ('email', $1, $2, $3)`, [pid, sender, newId()]);
      await insert('<new@x>', 'a@example.org');
      await insert('<new@x>', 'b@example.org');
      await expect(insert('<new@x>', 'a@example.org')).rejects.toThrow();
      // the other channels' writers (phone, delivery markers) name no sender: the default keeps them unique per id
      await ctx.db.query(`insert into inbound_provider_ids (channel, provider_message_id, event_id) values ('phone', 'call-1:hangup', $1)`, [newId()]);
      await expect(ctx.db.query(`insert into inbound_provider_ids (channel, provider_message_id, event_id) values ('phone', 'call-1:hangup', $1)`, [newId()])).rejects.toThrow();
    });
  },
  { migrate: false },
);
