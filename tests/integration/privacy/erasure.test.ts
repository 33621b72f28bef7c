/**
 * Export and erasure per customer (issue 9): an admin exports everything about a customer; erasure removes the
 * personal data on the server and, through sync (`customer.erased`), from a desktop cache that holds it — the
 * erased text is no longer anywhere in the cache's files (the test cache is plain, so its bytes can be read) —
 * while the erasures table keeps that it happened. Non-admins are refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CustomerExport, EraseResponse, HTTP_PATHS, customerPath } from '../../../src/shared/contracts/http';
import { ERASED } from '../../../src/shared/features/privacy';
import { SHOWCASE_CUSTOMER_ID } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { openDesk } from '../helpers/desk';
import { startTestServer, type TestServer } from '../helpers/server';

const NOTE = 'erase-sentinel: glucose 312 mg/dL after breakfast';

forEachDatabase('customer export and erasure', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 12 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async (method: 'GET' | 'POST', path: string, username: string) =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${await t.token(username)}` } });

  it('admin only: agents, leads and specialists get 403 on export and erase; an unknown customer is 404', async () => {
    for (const u of ['alice', 'lena', 'dr.wang']) {
      expect((await call('GET', customerPath(HTTP_PATHS.customerExport, SHOWCASE_CUSTOMER_ID), u)).status, u).toBe(403);
      expect((await call('POST', customerPath(HTTP_PATHS.customerErase, SHOWCASE_CUSTOMER_ID), u)).status, u).toBe(403);
    }
    expect((await call('GET', customerPath(HTTP_PATHS.customerExport, '01939a3c-0000-7000-8000-000000000000'), 'admin')).status).toBe(404);
    expect((await fetch(`${t.baseUrl}${customerPath(HTTP_PATHS.customerExport, SHOWCASE_CUSTOMER_ID)}`)).status).toBe(401);
  });

  it('the export holds the customer, identities, cases, threads and events; erasure scrubs the server and, through sync, the desktop cache file', async () => {
    const desk = openDesk(t.baseUrl);
    try {
      const { agent } = await desk.login('alice');
      await desk.synced(ctx.db);
      await desk.call('note.add', { customerId: SHOWCASE_CUSTOMER_ID, caseId: null, threadId: null, body: NOTE });
      await desk.synced(ctx.db);
      const before = await desk.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID });
      const name = before.customer.name;
      const email = before.customer.emails[0]!;
      expect(name).toBe('Margaret Chen');

      // the export
      const res = await call('GET', customerPath(HTTP_PATHS.customerExport, SHOWCASE_CUSTOMER_ID), 'admin');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const exp = CustomerExport.parse(await res.json());
      expect(exp.customer.name).toBe(name);
      expect(exp.identities).toContainEqual({ kind: 'email', value: email.toLowerCase() });
      expect(exp.cases.length).toBeGreaterThan(0);
      expect(exp.threads.length).toBeGreaterThan(0);
      expect(exp.events.some((e) => e.body === NOTE)).toBe(true);

      // the erasure
      const er = await call('POST', customerPath(HTTP_PATHS.customerErase, SHOWCASE_CUSTOMER_ID), 'admin');
      expect(er.status).toBe(200);
      const erased = EraseResponse.parse(await er.json());
      expect(erased.customerId).toBe(SHOWCASE_CUSTOMER_ID);

      // server: nothing personal left about her; the erasure is recorded without PII
      const server = JSON.stringify([
        (await ctx.db.query('select * from customers where id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
        (await ctx.db.query('select * from customer_identities where customer_id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
        (await ctx.db.query('select * from identity_email_keys where customer_id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
        (await ctx.db.query('select * from cases where customer_id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
        (await ctx.db.query('select * from threads where customer_id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
        (await ctx.db.query('select * from events where customer_id = $1', [SHOWCASE_CUSTOMER_ID])).rows,
      ]);
      for (const text of [name, email, NOTE, 'glucose 312']) expect(server.includes(text), `server still holds "${text}"`).toBe(false);
      expect(server).toContain(ERASED);
      const { rows: log } = await ctx.db.query<{ customer_id: string; erased_by: string }>('select * from erasures where customer_id = $1', [SHOWCASE_CUSTOMER_ID]);
      expect(log).toHaveLength(1);
      expect(log[0]!.erased_by).toBe((await t.login('admin')).agent.id);
      expect(JSON.stringify(log)).not.toContain(name);
      // the audit trail keeps the export and the erasure (ids only)
      const { rows: audited } = await ctx.db.query<{ action: string; customer_ids: string[] }>(
        `select action, customer_ids from audit_log where action in ('customer.exported', 'customer.erased') order by seq`,
      );
      expect(audited.map((a) => a.action)).toEqual(['customer.exported', 'customer.erased']);
      expect(audited.every((a) => a.customer_ids.includes(SHOWCASE_CUSTOMER_ID))).toBe(true);
      const again = await call('GET', customerPath(HTTP_PATHS.customerExport, SHOWCASE_CUSTOMER_ID), 'admin');
      expect(JSON.stringify(await again.json())).not.toContain(NOTE);

      // the desktop: scrubbed after sync, and the bytes are gone from the cache files
      await desk.synced(ctx.db);
      const after = await desk.call('customer.get', { customerId: SHOWCASE_CUSTOMER_ID });
      expect(after.customer.name).toBe(ERASED);
      await desk.core.dispose();
      const files = readdirSync(desk.dir).filter((f) => f.startsWith(`cache-${agent.id}`));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = readFileSync(join(desk.dir, f));
        for (const text of [name, email, NOTE, 'glucose 312']) {
          expect(bytes.includes(Buffer.from(text, 'utf8')), `${f} still holds "${text}"`).toBe(false);
        }
      }
    } finally {
      await desk.close();
    }
  });
});
