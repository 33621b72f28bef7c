/**
 * One instance at a time (issue 17): of two contenders for the same lead, one takes it; when its session ends (the
 * instance stopped or died) the other takes it at its next try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadWhenPossible, type Leadership } from '../../../src/server/kernel/db/leader';
import { createLogger } from '../../../src/server/kernel/logger';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, POSTGRES_PROBLEM, REQUIRE_SERVICES, type TestDatabase } from '../helpers/databases';

const skip = POSTGRES_PROBLEM !== null && !REQUIRE_SERVICES;

describe.skipIf(skip)(skip ? `SKIPPED: no PostgreSQL (${POSTGRES_PROBLEM})` : 'leading across instances (an advisory lock per session)', () => {
  let database: TestDatabase;
  const all: Leadership[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const l of all) await l.stop();
    await database?.dispose();
  });

  it('one leads; when it stops, the other takes over; a different lead is independent', async () => {
    const events: string[] = [];
    const contender = (who: string, name = 'imap:INBOX') => {
      const l = leadWhenPossible({ connectionString: database.url!, name, retryMs: 100, logger: createLogger({ level: 'silent' }), onLead: () => events.push(`${who} leads`), onLost: () => events.push(`${who} lost`) });
      all.push(l);
      return l;
    };
    const a = contender('a');
    await waitFor(() => a.held(), { what: 'a leads' });
    const b = contender('b');
    await new Promise((r) => setTimeout(r, 400));
    expect(b.held()).toBe(false);
    const other = contender('c', 'imap:Support');
    await waitFor(() => other.held(), { what: 'another mailbox has its own lead' });

    await a.stop();
    await waitFor(() => b.held(), { what: 'b takes over' });
    expect(events.filter((e) => !e.startsWith('c'))).toEqual(['a leads', 'a lost', 'b leads']);
  });

  it('an instance stopped while it is still connecting leaves no session behind holding the lock', async () => {
    const quiet = { retryMs: 100, logger: createLogger({ level: 'silent' }), onLost: () => undefined };
    const name = 'imap:Stopped';
    const early = leadWhenPossible({ connectionString: database.url!, name, ...quiet, onLead: () => undefined });
    await early.stop(); // its first attempt is still connecting
    await new Promise((r) => setTimeout(r, 500)); // that attempt would have connected and taken the lock by now
    expect(early.held()).toBe(false);
    const next = leadWhenPossible({ connectionString: database.url!, name, ...quiet, onLead: () => undefined });
    all.push(next);
    await waitFor(() => next.held(), { what: 'the next instance leads', timeoutMs: 5_000 });
  });
});
