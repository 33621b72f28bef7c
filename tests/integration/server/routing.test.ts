import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTeamRouting, ROUTING_LIVE, type Offer, type OfferEnded, type TeamRoutingPut } from '../../../src/shared/index';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { until } from '../helpers/until';
import { httpCall, startTestServer, type TestServer } from '../helpers/server';

/**
 * Routing on the server (issue 15), through the real server, sockets and jobs runner: live work is offered to one
 * available agent with the language, longest idle first; accept, decline, expiry, presence and disconnects move it on;
 * a lead's settings change where the next conversation goes and how email is given out.
 */
const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;

/** Collects one socket's live offers as they come. */
function watch(socket: Socket) {
  const offers: Offer[] = [];
  const ended: OfferEnded[] = [];
  socket.on(ROUTING_LIVE.offer, (o: Offer) => offers.push(o));
  socket.on(ROUTING_LIVE.offerEnded, (e: OfferEnded) => ended.push(e));
  return { offers, ended };
}

forEachDatabase('routing: offers by skills, capacity, idle time and presence', (ctx) => {
  let t: TestServer;
  const id = (username: string) => t.data.agents.find((a) => a.agent.username === username)!.agent.id;
  const call = async (username: string, method: string, path: string, body?: unknown) => httpCall(t, method, path, await t.token(username), body);
  const chat = (body: string, over: Record<string, unknown> = {}) =>
    ingestInbound({ db: ctx.db, poke: (s) => t.server.poke(s), logger: captureLogger() }, inbound({ channel: 'chat', body, teamHint: G, ...over }));
  const setTeam = async (teamId: string, over: Partial<TeamRoutingPut>) => {
    const { teamId: _t, ...base } = defaultTeamRouting(teamId);
    const res = await call(teamId === G ? 'lena' : 'omar', 'PUT', `/api/routing/teams/${teamId}`, { ...base, ...over });
    expect(res.status).toBe(200);
  };
  const assignee = async (caseId: string) => (await ctx.db.query<{ assignee_id: string | null }>('select assignee_id from cases where id = $1', [caseId])).rows[0]!.assignee_id;
  const offersOf = async (caseId: string) =>
    (await ctx.db.query<{ agent_id: string; state: string }>('select agent_id, state from routing_offers where case_id = $1 order by offered_at', [caseId])).rows;

  let mei: Socket;
  let alice: Socket;
  let meiSees: ReturnType<typeof watch>;
  let aliceSees: ReturnType<typeof watch>;

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 2, server: { jobs: { pollIntervalMs: 100 } } });
    // the seeded world's waiting chats are history here: only this test's conversations are routed
    await ctx.db.query('delete from routing_work');
    mei = await t.connect(await t.token('mei'));
    alice = await t.connect(await t.token('alice'));
    meiSees = watch(mei);
    aliceSees = watch(alice);
    await until('both available', async () => {
      const { rows } = await ctx.db.query<{ n: string }>(`select count(*)::text as n from routing_agents where presence = 'available' and agent_id = any($1::uuid[])`, [[id('mei'), id('alice')]]);
      return rows[0]!.n === '2';
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a Chinese chat is offered to the agent who speaks Chinese, only to her, with why; she accepts and owns it', async () => {
    const r = await chat('我的血糖仪读数不对，传感器一直报错');
    const offer = await until('mei’s offer', () => meiSees.offers.find((o) => o.caseId === r.caseId));
    expect(offer).toMatchObject({ channel: 'chat', customerId: r.customerId });
    expect(aliceSees.offers.some((o) => o.caseId === r.caseId)).toBe(false);
    const { rows } = await ctx.db.query<{ meta: { agentId: string; reason: { language: string; eligible: number } } }>(`select meta from events where case_id = $1 and kind = 'case.offered'`, [r.caseId]);
    expect(rows[0]!.meta).toMatchObject({ agentId: id('mei'), reason: { language: 'zh', eligible: 1 } });

    // the other agent cannot take her offer
    expect((await call('alice', 'POST', `/api/routing/offers/${offer.offerId}/accept`)).status).toBe(404);
    const res = await call('mei', 'POST', `/api/routing/offers/${offer.offerId}/accept`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ caseId: r.caseId, customerId: r.customerId });
    expect(await assignee(r.caseId!)).toBe(id('mei'));
    const assigned = await ctx.db.query<{ author_id: string; routing: unknown }>(`select author->>'id' as author_id, meta->'routing' as routing from events where case_id = $1 and kind = 'case.assigned'`, [r.caseId]);
    expect(assigned.rows).toEqual([{ author_id: id('mei'), routing: expect.objectContaining({ language: 'zh' }) }]);
    // accepted twice: the offer is over
    expect((await call('mei', 'POST', `/api/routing/offers/${offer.offerId}/accept`)).status).toBe(409);
  });

  it('an English chat goes to the longest idle: alice (mei just took work)', async () => {
    const r = await chat('My sensor keeps failing');
    const offer = await until('alice’s offer', () => aliceSees.offers.find((o) => o.caseId === r.caseId));
    expect(meiSees.offers.some((o) => o.caseId === r.caseId)).toBe(false);
    expect((await call('alice', 'GET', '/api/routing/offers').then((x) => x.json())) as { offers: Offer[] }).toEqual({ offers: [expect.objectContaining({ offerId: offer.offerId })] });
    // declined: the next agent, never alice again
    expect((await call('alice', 'POST', `/api/routing/offers/${offer.offerId}/decline`)).status).toBe(200);
    const next = await until('mei’s offer after the decline', () => meiSees.offers.find((o) => o.caseId === r.caseId));
    expect((await offersOf(r.caseId!)).map((o) => [o.agent_id, o.state])).toEqual([
      [id('alice'), 'declined'],
      [id('mei'), 'pending'],
    ]);
    expect((await call('mei', 'POST', `/api/routing/offers/${next.offerId}/accept`)).status).toBe(200);
  });

  it('an offer nobody accepts expires after the team’s timeout and goes to the next agent', async () => {
    await setTeam(G, { offerTimeoutSeconds: 5 });
    const r = await chat('Is my meter broken?');
    const first = await until('a first offer', () => [...aliceSees.offers, ...meiSees.offers].find((o) => o.caseId === r.caseId));
    const [firstWatch, secondWatch] = aliceSees.offers.includes(first) ? [aliceSees, meiSees] : [meiSees, aliceSees];
    await until('the expiry', () => firstWatch.ended.find((e) => e.offerId === first.offerId && e.outcome === 'expired'), 20_000);
    await until('the second offer', () => secondWatch.offers.find((o) => o.caseId === r.caseId), 10_000);
    expect((await offersOf(r.caseId!)).map((o) => o.state)).toEqual(['expired', 'pending']);
    await setTeam(G, { offerTimeoutSeconds: 30 });
  }, 40_000);

  it('away gets nothing: the next chat goes to the one available; going away withdraws her offers', async () => {
    // mei holds a pending offer from the expiry test or none; set her away
    expect((await call('mei', 'POST', '/api/routing/presence', { presence: 'away' })).status).toBe(200);
    await until('mei’s offers withdrawn', async () => (await ctx.db.query(`select 1 from routing_offers where agent_id = $1 and state = 'pending'`, [id('mei')])).rows.length === 0);
    const r = await chat('Need help with pairing');
    await until('alice’s offer', () => aliceSees.offers.find((o) => o.caseId === r.caseId));
    expect(meiSees.offers.some((o) => o.caseId === r.caseId)).toBe(false);
    expect(await (await call('mei', 'GET', '/api/routing/presence')).json()).toMatchObject({ presence: 'away' });
    expect((await call('mei', 'POST', '/api/routing/presence', { presence: 'available' })).status).toBe(200);
  });

  it('capacity: agents whose chats fill their capacity are offered nothing until a lead gives them room', async () => {
    const { agents } = (await (await call('lena', 'GET', '/api/routing/agents')).json()) as { agents: Array<{ agentId: string; load: { chat?: number } }> };
    const load = (u: string) => agents.find((a) => a.agentId === id(u))?.load.chat ?? 0;
    expect(load('mei')).toBeGreaterThanOrEqual(2); // the two chats she accepted above
    // both full at the smaller of their loads
    await setTeam(G, { capacity: { chat: Math.min(load('mei'), load('alice')), phone: 1, email: 10, social: 3 } });
    const c = await chat('Waiting for room');
    await new Promise((r) => setTimeout(r, 800));
    expect(await offersOf(c.caseId!)).toEqual([]);
    await setTeam(G, { capacity: { chat: 20, phone: 1, email: 10, social: 3 } });
    // saving the settings routes the team's waiting work again
    await until('the waiting chat offered once there is room', async () => (await offersOf(c.caseId!)).length === 1);
  });

  it('a desktop that disconnects makes its agent offline: her offers go to the others', async () => {
    const carol = await t.connect(await t.token('alice')); // a second desktop of alice
    carol.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    expect((await ctx.db.query<{ presence: string }>('select presence from routing_agents where agent_id = $1', [id('alice')])).rows[0]!.presence).not.toBe('offline');
    alice.disconnect();
    await until('alice offline', async () => (await ctx.db.query<{ presence: string }>('select presence from routing_agents where agent_id = $1', [id('alice')])).rows[0]!.presence === 'offline');
    expect((await ctx.db.query(`select 1 from routing_offers where agent_id = $1 and state = 'pending'`, [id('alice')])).rows).toEqual([]);
    const r = await chat('Anyone there?');
    await until('mei’s offer', () => meiSees.offers.find((o) => o.caseId === r.caseId));
    alice = await t.connect(await t.token('alice'));
    aliceSees = watch(alice);
  });

  describe('a lead’s settings', () => {
    it('round robin gives email out at once, with the reason on the assignment', async () => {
      await setTeam(G, { nonLive: 'round_robin' });
      const r = await ingestInbound({ db: ctx.db, poke: (s) => t.server.poke(s), logger: captureLogger() }, inbound({ channel: 'email', body: 'Please replace my device', subject: 'Replacement', identity: { email: 'rr@example.com' }, teamHint: G }));
      await until('the email assigned', async () => (await assignee(r.caseId!)) !== null);
      const { rows } = await ctx.db.query<{ routing: unknown; author_type: string }>(`select meta->'routing' as routing, author->>'type' as author_type from events where case_id = $1 and kind = 'case.assigned'`, [r.caseId]);
      expect(rows).toEqual([{ routing: expect.objectContaining({ capacity: 10 }), author_type: 'system' }]);
      await setTeam(G, { nonLive: 'queue' });
      const q = await ingestInbound({ db: ctx.db, poke: (s) => t.server.poke(s), logger: captureLogger() }, inbound({ channel: 'email', body: 'Another question', identity: { email: 'q@example.com' }, teamHint: G }));
      await new Promise((res) => setTimeout(res, 500));
      expect(await assignee(q.caseId!)).toBeNull();
    });

    it('an inbound rule sends new Chinese chats to the cardio team', async () => {
      await setTeam(C, { rules: [{ channel: 'chat', language: 'zh' }] });
      const r = await ingestInbound({ db: ctx.db, poke: (s) => t.server.poke(s), logger: captureLogger() }, inbound({ channel: 'chat', body: '心电贴片脱落了怎么办', identity: {} }));
      expect((await ctx.db.query<{ team_id: string }>('select team_id from cases where id = $1', [r.caseId])).rows[0]!.team_id).toBe(C);
      await setTeam(C, { rules: [] });
    });

    it('only leads of the team (and admins) change it; an agent may not', async () => {
      const { teamId: _t, ...base } = defaultTeamRouting(G);
      expect((await call('alice', 'PUT', `/api/routing/teams/${G}`, base)).status).toBe(403);
      expect((await call('omar', 'PUT', `/api/routing/teams/${G}`, base)).status).toBe(403);
      expect((await call('lena', 'PUT', `/api/routing/teams/${G}`, { ...base, offerTimeoutSeconds: 1 })).status).toBe(400);
      expect((await call('lena', 'PUT', `/api/routing/agents/${id('alice')}/skills`, { products: ['cgm'], tier: 2 })).status).toBe(200);
      const agents = (await (await call('lena', 'GET', '/api/routing/agents')).json()) as { agents: Array<{ agentId: string; skills: unknown }> };
      expect(agents.agents.find((a) => a.agentId === id('alice'))?.skills).toEqual({ products: ['cgm'], tier: 2 });
      expect((await call('lena', 'PUT', `/api/routing/agents/${id('bob')}/skills`, { products: [], tier: 1 })).status).toBe(403);
    });
  });
});
