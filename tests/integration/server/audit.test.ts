import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditListResponse, AuditVerifyResponse, type AuditEntry } from '../../../src/shared/features/audit';
import { ErrorBody } from '../../../src/shared/kernel/errors';
import { demoAgent } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

/** The audit trail (issue 9) on a running server: reports, reads, hashes of searches, the chain and tampering. */
forEachDatabase('audit trail', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = async (method: string, path: string, who: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await t.token(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const list = async (query = '') => {
    const res = await api('GET', `/api/audit${query}`, 'admin');
    expect(res.status).toBe(200);
    return AuditListResponse.parse(await res.json()).entries;
  };
  const verify = async () => {
    const res = await api('GET', '/api/audit/verify', 'admin');
    expect(res.status).toBe(200);
    return AuditVerifyResponse.parse(await res.json());
  };
  const SECRET_SEARCH = 'Margaret Chen glucose 7.9';
  /** unmerged customers of a team, from the database */
  const customersOf = async (teamId: string) =>
    (await ctx.db.query<{ id: string }>(`select id from customers where team_id = $1 and data->>'mergedInto' is null order by id`, [teamId])).rows;

  it('a desktop reports opened customers and searches in one batch: one entry lists the customers, searches keep only a keyed hash', async () => {
    const [c1, c2] = await customersOf(demoAgent('alice').teamIds[0]!);
    const at = new Date().toISOString();
    const res = await api('POST', '/api/audit/access', 'alice', {
      opened: [{ customerId: c1!.id, at }, { customerId: c2!.id, at }, { customerId: c1!.id, at }],
      searches: [{ text: SECRET_SEARCH, at, scope: 'cache' }, { text: '  margaret   CHEN glucose 7.9 ', at, scope: 'cache' }],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: 3 });
    const entries = await list(`?actorId=${demoAgent('alice').id}`);
    const opened = entries.find((e) => e.action === 'customer.opened')!;
    expect(opened).toMatchObject({ actorRole: 'agent', customerIds: [c1!.id, c2!.id], detail: { opens: 3 } });
    const searches = entries.filter((e) => e.action === 'customer.searched');
    expect(searches).toHaveLength(2);
    expect(searches[0]!.detail.queryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(searches[0]!.detail.queryHash, 'the same normalised text, the same hash').toBe(searches[1]!.detail.queryHash);
    // never the text: not in the table, not in the log
    const { rows } = await ctx.db.query<{ t: string }>('select string_agg(audit_log::text, \' \') as t from audit_log');
    expect(rows[0]!.t.toLowerCase()).not.toContain('margaret');
    expect(t.logs().toLowerCase()).not.toContain('margaret chen glucose');
    // filtered by customer
    expect((await list(`?customerId=${c2!.id}`)).map((e) => e.action)).toContain('customer.opened');
  });

  it('a search of the server directory is audited by the server itself, hashed', async () => {
    const res = await api('GET', '/api/customers?q=zzqqxx-no-such-name', 'alice');
    expect(res.status).toBe(200);
    const [last] = await list('?action=customer.searched&limit=1');
    expect(last).toMatchObject({ actorId: demoAgent('alice').id, detail: { scope: 'server', found: 0 } });
    expect(JSON.stringify(last)).not.toContain('zzqqxx');
  });

  it('a merge is audited in the transaction that appends it', async () => {
    const [a, b] = (await customersOf(demoAgent('lena').teamIds[0]!)).slice(-2);
    const socket = await t.connect(await t.token('lena'));
    const m = mutation('customer.merge', { sourceId: a!.id, targetId: b!.id });
    const { results } = await push(socket, [m]);
    expect(results[0]!.status).toBe('applied');
    const [entry] = await list('?action=customer.merged');
    expect(entry).toMatchObject({ actorId: demoAgent('lena').id, actorRole: 'lead', customerIds: [a!.id, b!.id], detail: { mergeId: m.id } });
  });

  it('only admins read it; an agent gets 403', async () => {
    for (const who of ['alice', 'lena', 'dr.wang']) {
      for (const path of ['/api/audit', '/api/audit/verify', '/api/audit/export']) {
        const res = await api('GET', path, who);
        expect(res.status, `${who} ${path}`).toBe(403);
        expect(ErrorBody.parse(((await res.json()) as { error: unknown }).error).code).toBe('FORBIDDEN');
      }
    }
  });

  it('exports as JSON and CSV, and the export is itself audited', async () => {
    const json = await api('GET', '/api/audit/export?format=json', 'admin');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="omnidesk-audit-.*\.json"/);
    const { entries } = (await json.json()) as { entries: AuditEntry[] };
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((x, y) => x - y));
    const csv = await api('GET', '/api/audit/export?format=csv', 'admin');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,id,at,actorId,actorRole,action,customerIds,detail,prevHash,hash');
    expect(lines.length).toBe(entries.length + 2); // + the JSON export's own entry
    const [last] = await list('?action=audit.exported&limit=1');
    expect(last).toMatchObject({ actorId: demoAgent('admin').id, detail: { format: 'csv' } });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await expect(ctx.db.query("update audit_log set detail = '{}'::jsonb where seq = 1")).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('delete from audit_log where seq = 1')).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('delete from audit_head')).rejects.toThrow(/only moves forward/);
  });

  it('verify: the chain is intact; an edited row and a removed row are found at their position', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, problem: null });
    expect(before.checked).toBeGreaterThanOrEqual(6);
    const tamper = async (sql: string) => {
      // what an intruder with the owner's rights does: switch the trigger off, change, switch it back on
      await ctx.db.exec(`alter table audit_log disable trigger user; alter table audit_head disable trigger user; ${sql}; alter table audit_log enable trigger user; alter table audit_head enable trigger user;`);
    };
    const { rows } = await ctx.db.query<{ detail: unknown; actor_id: string | null }>('select detail, actor_id from audit_log where seq = 2');
    await tamper(`update audit_log set actor_id = null where seq = 2`);
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 2, kind: 'edited' } });
    await tamper(`update audit_log set actor_id = ${rows[0]!.actor_id ? `'${rows[0]!.actor_id}'` : 'null'} where seq = 2`);
    expect((await verify()).ok, 'restored').toBe(true);

    await tamper('delete from audit_log where seq = 3');
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 3, kind: 'removed' } });

  });
});
