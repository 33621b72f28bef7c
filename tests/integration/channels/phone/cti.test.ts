import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createCustomer, eventsOf, TEAM_A } from '../helpers';

const TOKEN = 'cti-token-for-tests';

forEachDatabase('phone (generic CTI)', (ctx) => {
  let t: TestServer;
  let agentName = '';
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4, server: { channels: { ctiToken: TOKEN } } });
    agentName = t.data.agents.find((a) => a.agent.role === 'agent' && a.agent.teamIds.includes(TEAM_A))!.agent.username;
  });
  afterAll(async () => {
    await t?.close();
  });

  const cti = (body: Record<string, unknown>, token = TOKEN, form = false) =>
    fetch(`${t.baseUrl}/cti/events?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
    });

  it('refuses a wrong token (401), an unknown event or direction (400) with a clear message', async () => {
    const call = { event: 'newCall', from: '+14155550100', to: '+18005550000', direction: 'in', callId: 'c-bad' };
    expect((await cti(call, 'wrong')).status).toBe(401);
    const r1 = await cti({ ...call, event: 'ringing' });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { error: { message: string } }).error.message).toContain('event must be one of newCall, answer, hangup');
    const r2 = await cti({ ...call, direction: 'sideways' });
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { error: { message: string } }).error.message).toContain('direction must be in or out');
    expect(await eventsOf(ctx.db, "kind like 'call.%' and meta->>'callId' = 'c-bad'")).toHaveLength(0);
  });

  it('newCall → answer → hangup: the known caller, a live pop on the answering agent, call.ended with duration and recording', async () => {
    const c = await createCustomer(ctx.db, { name: 'Caller Known', phones: ['+14155557342'] });
    const socket = await t.connect(await t.token(agentName));
    const popped = new Promise<Record<string, unknown>>((resolve) => socket.once('live:call', resolve));
    const base = { from: '4155557342', to: '+18005550000', direction: 'in', callId: 'call-1' };
    expect((await cti({ ...base, event: 'newCall' })).status).toBe(200);
    expect((await cti({ ...base, event: 'newCall' })).status).toBe(200); // replay: nothing new
    expect((await cti({ ...base, event: 'answer', 'user[]': agentName, answeringNumber: '201' }, TOKEN, true)).status).toBe(200);
    expect(await popped).toEqual({ callId: 'call-1', customerId: c.id, newCaller: false, from: '4155557342', direction: 'in' });
    const res = await cti({ ...base, event: 'hangup', cause: 'normalClearing', recordingUrl: 'https://pbx.example.com/rec/call-1.mp3' });
    expect(res.status).toBe(200);
    const evs = await eventsOf(ctx.db, 'customer_id = $1', [c.id]);
    expect(evs.map((e) => e.kind)).toEqual(['customer.created', 'call.started', 'call.answered', 'case.opened', 'thread.opened', 'call.ended']);
    const ended = evs.at(-1)!;
    expect(ended.meta).toMatchObject({ callId: 'call-1', outcome: 'normalClearing', recordingUrl: 'https://pbx.example.com/rec/call-1.mp3', direction: 'in' });
    expect(ended.meta.durationSec).toEqual(expect.any(Number));
    expect(ended.meta.answeredBy).toBe(t.data.agents.find((a) => a.agent.username === agentName)!.agent.id);
    expect(t.logs()).not.toContain('4155557342');
  });

  it('a missed inbound call from an unknown number creates the caller and a Callback case (P2) in the queue', async () => {
    const base = { from: '+442079460958', to: '+18005550000', direction: 'in', callId: 'call-missed' };
    await cti({ ...base, event: 'newCall' });
    await cti({ ...base, event: 'hangup', cause: 'noAnswer' });
    const started = await eventsOf(ctx.db, "kind = 'call.started' and meta->>'callId' = 'call-missed'");
    const evs = await eventsOf(ctx.db, 'customer_id = $1', [started[0]!.customer_id]);
    expect(evs.map((e) => e.kind)).toEqual(['customer.created', 'call.started', 'case.opened', 'thread.opened', 'call.ended']);
    expect((evs[0]!.meta.customer as { phones: string[] }).phones).toEqual(['+442079460958']);
    expect(evs[2]!.meta.case).toMatchObject({ subject: 'Callback', priority: 'P2', status: 'open' });
    expect(evs[4]!.meta).toMatchObject({ outcome: 'noAnswer', durationSec: 0, answeredBy: null });
  });

  it('an outbound call not answered is no callback task', async () => {
    const base = { from: '+18005550000', to: '+14155550199', direction: 'out', callId: 'call-out' };
    await cti({ ...base, event: 'newCall' });
    await cti({ ...base, event: 'hangup', cause: 'busy' });
    const ended = await eventsOf(ctx.db, "kind = 'call.ended' and meta->>'callId' = 'call-out'");
    expect(ended[0]?.case_id).toBeNull();
  });
});
