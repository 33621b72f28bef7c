/**
 * Issue 9, finding 9 (tokens), the desktop side: the core refreshes its short-lived access token before it expires
 * (rotating the refresh token) and keeps syncing; after a server restart with a refused socket (reauth) it refreshes
 * and goes back online; signing out ends the session on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { startTestServer, type TestServer } from '../helpers/server';

describe('desktop session refresh and sign-out', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let alice: Desk;
  const aliceSessions = async () =>
    (
      await database.db.query<{ id: string; revoked: boolean; used: string }>(
        `select s.id, s.revoked_at is not null as revoked, (select count(*) from auth_refresh_tokens t where t.session_id = s.id and t.used_at is not null) as used
           from auth_sessions s join agents a on a.id = s.agent_id where a.username = 'alice'`,
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    // a 62-second access token: the core refreshes it 60 s before expiry, i.e. after the 5 s minimum
    ts = await startTestServer(database.db, { customers: 6, server: { accessTokenTtlSeconds: 62 } });
    alice = openDesk(ts.baseUrl);
    await alice.login('alice');
    await alice.synced(database.db, 30_000);
  });
  afterAll(async () => {
    await alice?.close();
    await ts?.close();
    await database?.dispose();
  });

  it('refreshes before expiry: the refresh token rotates and sync stays online', async () => {
    await waitFor(async () => {
      const rows = await aliceSessions();
      return rows.length === 1 && Number(rows[0]!.used) >= 1 ? true : null;
    }, { timeoutMs: 20_000, what: 'a refresh' });
    expect((await aliceSessions())[0]!.revoked).toBe(false);
    await alice.synced(database.db, 20_000);
    // the answer is logged after the rotation commits
    await waitFor(() => (ts.logs().includes('token refreshed') ? true : null), { timeoutMs: 5_000, what: 'the refresh answered' });
  });

  it('signing out ends the session on the server', async () => {
    await alice.call('session.logout', {});
    const rows = await aliceSessions();
    expect(rows.every((r) => r.revoked)).toBe(true);
  });
});
