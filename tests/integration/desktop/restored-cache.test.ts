/**
 * A desktop cache restored from a backup (or copied from an older state) numbers its next changes with
 * clientSeqs the server already processed for that client. Nothing may be lost or applied twice: the
 * server stops the push at the first such change, the desktop renumbers its outbox and pushes again.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { cacheFileIn, eventCounts } from '../sync/convergence';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { openDesk } from '../helpers/desk';

describe('a desktop cache restored from a backup', () => {
  let database: TestDatabase;
  let ts: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12 });
  });
  afterAll(async () => {
    await ts.close();
    await database.dispose();
  });

  it('renumbers its outbox after the server’s last clientSeq: every change lands once, none is rejected', async () => {
    const d = openDesk(ts.baseUrl);
    const note = async (body: string) => (await d.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body })).eventId;
    const files = () => ['', '-wal', '-shm'].map((suffix) => cacheFileIn(d.dir) + suffix);
    try {
      // 1. a first change syncs; the cache is backed up while the app is closed (the files are whole)
      await d.login('alice');
      await d.synced(database.db);
      const first = await note('before the backup');
      await d.synced(database.db);
      await d.core.dispose();
      for (const f of files()) if (existsSync(f)) copyFileSync(f, `${f}.bak`);

      // 2. more changes sync after the backup: the server's last clientSeq for this client moves on
      await d.restart();
      const second = await note('after the backup');
      const third = await note('after the backup, again');
      await d.synced(database.db);
      await d.core.dispose();

      // 3. the backup comes back: its counter is behind the server's, so new changes reuse old numbers
      for (const f of files()) {
        rmSync(f, { force: true });
        if (existsSync(`${f}.bak`)) copyFileSync(`${f}.bak`, f);
      }
      await d.restart();
      const fourth = await note('written in the restored cache');
      const fifth = await note('and another');
      await d.synced(database.db);

      const counts = await eventCounts(database.db, [first, second, third, fourth, fifth]);
      expect([...counts.values()]).toEqual([1, 1, 1, 1, 1]);
      expect(await d.call('sync.rejected', {})).toEqual([]);
      // the restored cache also catches up with what happened after its backup
      const ids = (await d.call('timeline.get', { customerId: SHOWCASE_CUSTOMER_ID })).items.map((i) => i.event.id);
      for (const id of [first, second, third, fourth, fifth]) expect(ids).toContain(id);
      expect(ts.logs()).toContain('client will renumber');
    } finally {
      await d.close();
    }
  });
});
