/**
 * A server instance shutting down (issue 17): readiness turns 503 at once so a load balancer sends nobody new, a
 * desktop that tries to connect is turned away with UNAVAILABLE (it retries, elsewhere), and the push a connected
 * desktop has in flight is answered in full before the sockets are let go.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { newId } from '../../../src/shared/kernel/ids';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

describe('graceful shutdown', () => {
  let database: TestDatabase;
  let ts: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12, server: { drainGraceMs: 1500 } });
  }, 120_000);
  afterAll(async () => {
    await ts?.close();
    await database?.dispose();
  });

  it('ready until it drains; a new desktop is turned away; the push in flight is answered in full', async () => {
    expect((await fetch(`${ts.baseUrl}/api/ready`)).status).toBe(200);
    const token = await ts.token('lena');
    const socket = await ts.connect(token);
    const { rows } = await database.db.query<{ id: string }>("select id from cases where customer_id = $1 and status <> 'closed' limit 1", [SHOWCASE_CUSTOMER_ID]);
    const notes = Array.from({ length: 500 }, (_, i) => mutation('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: rows[0]!.id, threadId: null, body: `drain ${i}` }));
    const pushed = push(socket, notes);
    // the push is on its way; the instance is told to stop
    await new Promise((r) => setTimeout(r, 20));
    const closed = ts.server.close();

    const ready = await fetch(`${ts.baseUrl}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const late = connect(ts.baseUrl, { auth: { token, clientId: newId() }, transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<{ data?: { code?: string } }>((resolve) => late.once('connect_error', (e) => resolve(e as { data?: { code?: string } })));
    expect(refused.data?.code).toBe('UNAVAILABLE');
    late.close();

    const r = await pushed;
    expect(r.results).toHaveLength(500);
    expect(r.results.every((x) => x.status === 'applied')).toBe(true);
    await closed;
  });
});
