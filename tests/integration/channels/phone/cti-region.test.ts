import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createCustomer, eventsOf, TEAM_A } from '../helpers';

const TOKEN = 'cti-token-cn';
/** the desk's hotline and its WhatsApp business number */
const DESK = ['021 6000 0000', '+86 400 800 1234'];

/** A Shanghai desk (OMNIDESK_PHONE_REGION=CN): the PBX sends numbers as it dialled them. */
forEachDatabase('phone in region CN (issue 10)', (ctx) => {
  let t: TestServer;
  let agentName = '';
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 2, server: { channels: { ctiToken: TOKEN, phoneRegion: 'CN', deskNumbers: DESK } } });
    agentName = t.data.agents.find((a) => a.agent.role === 'agent' && a.agent.teamIds.includes(TEAM_A))!.agent.username;
  });
  afterAll(async () => {
    await t?.close();
  });

  const cti = async (body: Record<string, unknown>) => {
    const res = await fetch(`${t.baseUrl}/cti/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-cti-token': TOKEN },
      body: new URLSearchParams(body as Record<string, string>).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const started = async (callId: string) => (await eventsOf(ctx.db, "kind = 'call.started' and meta->>'callId' = $1", [callId]))[0];
  const customerOf = async (id: string) => (await ctx.db.query<{ data: { name: string; phones: string[] } }>('select data from customers where id = $1', [id])).rows[0]!.data;

  it('a mobile dialled with 86 and no plus pops the customer saved as +86 139 …', async () => {
    const c = await createCustomer(ctx.db, { name: 'Wang Fang', phones: ['+8613912345678'] });
    const socket = await t.connect(await t.token(agentName));
    const popped = new Promise<Record<string, unknown>>((resolve) => socket.once('live:call', resolve));
    const base = { from: '8613912345678', to: '02160000000', direction: 'in', callId: 'cn-1' };
    expect((await cti({ ...base, event: 'newCall' })).status).toBe(200);
    expect((await cti({ ...base, event: 'answer', user: agentName })).status).toBe(200);
    expect(await popped).toMatchObject({ callId: 'cn-1', customerId: c.id, newCaller: false });
    socket.disconnect();
  });

  it('a Shanghai landline written 021… is one customer with +86 21 …, and calling again from +86 21 … is the same customer', async () => {
    await cti({ event: 'newCall', from: '021 6234 5678', to: '4008001234', direction: 'in', callId: 'cn-2' });
    await cti({ event: 'newCall', from: '+86 21 6234 5678', to: '4008001234', direction: 'in', callId: 'cn-3' });
    const [a, b] = [await started('cn-2'), await started('cn-3')];
    expect(a!.customer_id).toBe(b!.customer_id);
    expect(await customerOf(a!.customer_id)).toMatchObject({ name: '+862162345678', phones: ['+862162345678'] });
  });

  it('an 11-digit mobile without a country code is Chinese, and a missed call from it is a Callback case with a number to call', async () => {
    await cti({ event: 'newCall', from: '13800138000', to: '02160000000', direction: 'in', callId: 'cn-4' });
    const res = await cti({ event: 'hangup', from: '13800138000', to: '02160000000', direction: 'in', callId: 'cn-4', cause: 'cancel' });
    expect(res.body).toEqual({ ok: true, status: 'appended' });
    const s = await started('cn-4');
    expect((await customerOf(s!.customer_id)).phones).toEqual(['+8613800138000']);
    const opened = await eventsOf(ctx.db, "kind = 'case.opened' and customer_id = $1", [s!.customer_id]);
    expect(opened.map((e) => (e.meta.case as { subject: string }).subject)).toEqual(['Callback']);
  });

  it("the desk's own numbers never become customers: a call between two desk lines is ignored", async () => {
    const before = Number((await ctx.db.query<{ n: string }>('select count(*) n from customers')).rows[0]!.n);
    expect((await cti({ event: 'newCall', from: '+862160000000', to: '4008001234', direction: 'in', callId: 'cn-5' })).body).toEqual({ ok: true, status: 'ignored' });
    expect((await cti({ event: 'hangup', from: '+862160000000', to: '4008001234', direction: 'in', callId: 'cn-5', cause: 'noAnswer' })).body.status).toBe('ignored');
    expect((await cti({ event: 'newCall', from: '4008001234', to: '201', direction: 'out', callId: 'cn-6' })).body.status).toBe('ignored');
    expect(await eventsOf(ctx.db, "meta->>'callId' in ('cn-5', 'cn-6')")).toHaveLength(0);
    expect(Number((await ctx.db.query<{ n: string }>('select count(*) n from customers')).rows[0]!.n)).toBe(before);
  });

  it('a missed call from a withheld number is recorded, with nothing to call back: no customer, no case', async () => {
    const before = Number((await ctx.db.query<{ n: string }>('select count(*) n from customers')).rows[0]!.n);
    const base = { from: 'anonymous', to: '02160000000', direction: 'in', callId: 'cn-7' };
    expect((await cti({ ...base, event: 'newCall' })).body).toEqual({ ok: true, status: 'recorded' });
    expect((await cti({ ...base, event: 'hangup', cause: 'noAnswer' })).body).toEqual({ ok: true, status: 'recorded' });
    expect((await cti({ ...base, event: 'hangup', cause: 'noAnswer' })).body).toEqual({ ok: true, status: 'duplicate' });
    expect(await eventsOf(ctx.db, "meta->>'callId' = 'cn-7'")).toHaveLength(0);
    const { rows } = await ctx.db.query<{ customer_id: string | null; outcome: string; ended_at: unknown }>("select customer_id, outcome, ended_at from calls where call_id = 'cn-7'");
    expect(rows[0]).toMatchObject({ customer_id: null, outcome: 'noAnswer' });
    expect(rows[0]!.ended_at).not.toBeNull();
    expect(Number((await ctx.db.query<{ n: string }>('select count(*) n from customers')).rows[0]!.n)).toBe(before);
  });

  it('a withheld caller who is answered becomes an "Unknown caller" for the agent to fill in; the call is a Phone call case', async () => {
    const socket = await t.connect(await t.token(agentName));
    const popped = new Promise<Record<string, unknown>>((resolve) => socket.once('live:call', resolve));
    const base = { from: '', to: '02160000000', direction: 'in', callId: 'cn-8' };
    await cti({ ...base, from: 'Restricted', event: 'newCall' });
    expect((await cti({ ...base, from: 'Restricted', event: 'answer', user: agentName })).body).toEqual({ ok: true, status: 'appended' });
    const pop = await popped;
    expect(pop).toMatchObject({ callId: 'cn-8', newCaller: true });
    expect(await customerOf(pop.customerId as string)).toMatchObject({ name: 'Unknown caller', phones: [] });
    await cti({ ...base, from: 'Restricted', event: 'hangup', cause: 'normalClearing' });
    const evs = await eventsOf(ctx.db, 'customer_id = $1', [pop.customerId]);
    expect(evs.map((e) => e.kind)).toEqual(['customer.created', 'call.started', 'call.answered', 'case.opened', 'thread.opened', 'call.ended']);
    socket.disconnect();
  });

  it('an invalid event is 400 and the body names each field and why', async () => {
    const res = await cti({ event: 'newCall', to: '02160000000', direction: 'in', callId: 'cn-9', cause: 'hungUp' });
    expect(res.status).toBe(400);
    const err = res.body.error as { code: string; message: string; fields: Array<{ field: string; reason: string }> };
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.fields).toEqual([
      { field: 'from', reason: 'is required' },
      { field: 'cause', reason: expect.stringContaining('noAnswer') },
    ]);
    expect(err.message).toContain('from: is required');
    expect(t.logs()).not.toContain('hungUp');
  });
});
