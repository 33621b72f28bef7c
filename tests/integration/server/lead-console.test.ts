import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LEAD_LIVE, newId, type AlertsResponse, type CaseFacts, type LeadMessage, type LeadMessageSent, type KpiCasesResponse, type KpiResponse, type Wallboard, type WallboardResponse } from '../../../src/shared/index';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { rebuildFacts } from '../../../src/server/features/lead';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { until } from '../helpers/until';
import { httpCall, mutation, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * The lead console's server side (issue 16) through the real server and sockets: the wallboard from the read model,
 * pushed to the team's lead when an inbound message or a desktop changes it; the quality report and its drill-down;
 * who may read it; the read model folded as events arrive equals one rebuilt from the log.
 */
const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;

forEachDatabase('lead console: wallboard, figures and who may read them', (ctx) => {
  let t: TestServer;
  let lena: Socket;
  const boards: Wallboard[] = [];
  const id = (username: string) => t.data.agents.find((a) => a.agent.username === username)!.agent.id;
  const get = async (username: string, path: string) => httpCall(t, 'GET', path, await t.token(username));
  const chat = (body: string) => ingestInbound({ db: ctx.db, poke: (s) => t.server.poke(s), logger: captureLogger() }, inbound({ channel: 'chat', body, teamHint: G }));
  const latest = () => boards.filter((b) => b.teamId === G).at(-1);

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 6 });
    lena = await t.connect(await t.token('lena'));
    lena.on(LEAD_LIVE.wallboard, (b: Wallboard) => boards.push(b));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the wallboard counts what the cases table holds, and lists the team’s agents with presence and desktop', async () => {
    const res = await get('lena', '/api/lead/wallboard');
    expect(res.status).toBe(200);
    const { wallboards } = (await res.json()) as WallboardResponse;
    expect(wallboards.map((w) => w.teamId)).toEqual([G]);
    const board = wallboards[0]!;
    const { rows } = await ctx.db.query<{ open: string; unassigned: string }>(
      `select count(*)::text as open, count(*) filter (where assignee_id is null)::text as unassigned from cases where team_id = $1 and status not in ('resolved', 'closed')`,
      [G],
    );
    expect(board.totals.open).toBe(Number(rows[0]!.open));
    expect(board.totals.unassigned).toBe(Number(rows[0]!.unassigned));
    expect(board.byChannel.reduce((s, c) => s + c.open, 0)).toBe(board.totals.open);
    expect(board.agents.map((a) => a.name)).toEqual(expect.arrayContaining(['Alice Turner', 'Mei Lin', 'Lena Hoffmann']));
    expect(board.agents.find((a) => a.id === id('lena'))!.desktop.online).toBe(true);
    expect(board.stuck.length).toBeLessThanOrEqual(10);
    expect(board.redLine.map((r) => r.channel)).toEqual(['chat', 'phone']);
  });

  it('an inbound chat reaches the lead’s wallboard, pushed, within 2 s', async () => {
    const before = latest() ?? ((await (await get('lena', '/api/lead/wallboard')).json()) as WallboardResponse).wallboards[0]!;
    const pushedBefore = boards.length;
    const started = Date.now();
    const r = await chat('My sensor stopped reading an hour ago');
    const board = await until('a pushed wallboard with the new chat', () => boards.slice(pushedBefore).find((b) => b.teamId === G && b.totals.open === before.totals.open + 1), 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(board.totals.waiting).toBe(before.totals.waiting + 1);
    const chats = (b: Wallboard) => b.byChannel.filter((c) => c.channel === 'chat').reduce((s, c) => s + c.waiting, 0);
    expect(chats(board)).toBe(chats(before) + 1);
    // the chat waits with no answer: the red line counts it with its wait so far; the seeded history (older than 15
    // minutes) is not live response time
    const chatLine = board.redLine.find((l) => l.channel === 'chat')!;
    expect(chatLine.contacts).toBe(1);
    expect(chatLine.averageSec).toBeLessThan(10);
    expect(chatLine.crossed).toBe(false);
    expect(board.redLine.find((l) => l.channel === 'phone')).toMatchObject({ contacts: 0, averageSec: null, crossed: false });
    // a minute later, still unanswered: above the 30 s red line
    await ctx.db.query('update lead_case_facts set opened_at = opened_at - 60000 where case_id = $1', [r.caseId]);
    const later = ((await (await get('lena', '/api/lead/wallboard')).json()) as WallboardResponse).wallboards[0]!;
    expect(later.redLine.find((l) => l.channel === 'chat')).toMatchObject({ contacts: 1, crossed: true });
    expect(later.redLine.find((l) => l.channel === 'chat')!.averageSec).toBeGreaterThan(60);
  });

  it('an agent’s desktop going away shows on the wallboard with since when, and how much it has not pulled', async () => {
    const alice = await t.connect(await t.token('alice'));
    await until('alice online on the board', () => latest()?.agents.find((a) => a.id === id('alice'))?.desktop.online);
    // a pull sets her cursor at the head of the log
    await new Promise<void>((resolve, reject) =>
      alice.emit('sync:pull', { cursor: 0, limit: 1000 }, (ack: { ok: boolean }) => (ack.ok ? resolve() : reject(new Error('pull refused')))),
    );
    alice.disconnect();
    const away = await until('alice offline on the board', () => {
      const a = latest()?.agents.find((x) => x.id === id('alice'));
      return a && !a.desktop.online && a.desktop.offlineSince ? a : null;
    });
    expect(away.presence).toBe('offline');
    await chat('Second question while alice is away');
    const behind = await until('alice behind by the new events', () => {
      const a = latest()?.agents.find((x) => x.id === id('alice'));
      return a && a.desktop.behind > 0 ? a : null;
    });
    expect(behind.desktop.online).toBe(false);
  });

  it('an agent may not read the console; a lead only their teams; an admin every team', async () => {
    expect((await get('alice', '/api/lead/wallboard')).status).toBe(403);
    expect((await get('alice', '/api/lead/kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z')).status).toBe(403);
    expect((await get('omar', `/api/lead/wallboard?teamId=${G}`)).status).toBe(403);
    expect((await get('omar', `/api/lead/kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&teamId=${G}`)).status).toBe(403);
    const omar = (await (await get('omar', '/api/lead/wallboard')).json()) as WallboardResponse;
    expect(omar.wallboards.map((w) => w.teamId)).toEqual([C]);
    const admin = (await (await get('admin', '/api/lead/wallboard')).json()) as WallboardResponse;
    expect(admin.wallboards.map((w) => w.teamId)).toEqual(expect.arrayContaining([G, C]));
  });

  it('the quality report per day, with the cases behind each number; a bad window is refused', async () => {
    const to = new Date(Date.now() + 24 * 3600_000).toISOString();
    const from = new Date(Date.now() - 30 * 24 * 3600_000).toISOString();
    const res = await get('lena', `/api/lead/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=team`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as KpiResponse;
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.names[G]).toBe('Glucose & Metabolic');
    const row = report.rows.find((r) => r.opened > 0)!;
    const drill = await get('lena', `/api/lead/kpis/cases?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=team&row=${row.period}&key=${row.key}&figure=opened`);
    expect(((await drill.json()) as KpiCasesResponse).caseIds).toHaveLength(row.opened);
    expect((await get('lena', `/api/lead/kpis?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).status).toBe(400);
    expect((await get('lena', '/api/lead/kpis?from=yesterday&to=today')).status).toBe(400);
  });

  it('the green channel: a lead fast-tracks (audited), the wallboard lists it to review, another lead or an admin reviews it', async () => {
    const { rows } = await ctx.db.query<{ id: string }>(`select id from cases where team_id = $1 and status in ('open', 'pending') order by opened_at desc limit 1`, [G]);
    const caseId = rows[0]!.id;
    const lena = await t.connect(await t.token('lena'));
    const track = newId();
    const res = await push(lena, [mutation('case.fastTrack', { caseId, reason: 'ICU patient; alarms at night' }, track)]);
    expect(res.results[0]!.status, JSON.stringify(res.results[0])).toBe('applied');
    const audit = await ctx.db.query<{ action: string }>(`select action from audit_log where detail->>'eventId' = $1`, [track]);
    expect(audit.rows.map((r) => r.action)).toEqual(['case.fast_tracked']);
    const board = await until('the fast-track on the wallboard', () => boards.filter((b) => b.teamId === G && b.fastTracks.some((f) => f.fastTrackId === track)).at(-1));
    expect(board.fastTracks.find((f) => f.fastTrackId === track)).toMatchObject({ caseId, reason: 'ICU patient; alarms at night', byId: id('lena') });
    // not by the lead who made it; an admin may
    const own = await push(lena, [mutation('case.reviewFastTrack', { caseId, fastTrackId: track, note: 'fine' })]);
    expect(own.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    const admin = await t.connect(await t.token('admin'));
    const reviewed = await push(admin, [mutation('case.reviewFastTrack', { caseId, fastTrackId: track, note: 'Justified: the patient was admitted' })]);
    expect(reviewed.results[0]!.status).toBe('applied');
    await until('the review clears it', () => latest() && !latest()!.fastTracks.some((f) => f.fastTrackId === track));
  });

  it('a merge moves the merged customer’s cases to the one kept (repeat contacts count across them)', async () => {
    const { rows } = await ctx.db.query<{ customer_id: string }>(
      `select distinct k.customer_id from cases k join customers c on c.id = k.customer_id
        where k.team_id = $1 and c.data->>'mergedInto' is null order by k.customer_id limit 2`,
      [G],
    );
    const [source, target] = rows.map((r) => r.customer_id) as [string, string];
    const admin = await t.connect(await t.token('admin'));
    const res = await push(admin, [mutation('customer.merge', { sourceId: source, targetId: target })]);
    expect(res.results[0]!.status, JSON.stringify(res.results[0])).toBe('applied');
    const { rows: moved } = await ctx.db.query<{ customer_id: string; data_customer: string }>(
      `select f.customer_id, f.data->>'customerId' as data_customer from lead_case_facts f join cases k on k.id = f.case_id where k.customer_id = $1`,
      [target],
    );
    expect(moved.length).toBeGreaterThan(1);
    for (const m of moved) expect([m.customer_id, m.data_customer]).toEqual([target, target]);
  });

  it('today’s figure alerts per team: a lead’s teams, an agent refused, an unknown time zone refused', async () => {
    const res = await get('lena', '/api/lead/alerts?timeZone=Europe%2FBerlin');
    expect(res.status).toBe(200);
    const body = (await res.json()) as AlertsResponse;
    expect(body.teams.map((x) => x.teamId)).toEqual([G]);
    for (const a of body.teams[0]!.alerts) expect(['yellow', 'orange', 'red']).toContain(a.band);
    expect((await get('alice', '/api/lead/alerts')).status).toBe(403);
    expect((await get('lena', '/api/lead/alerts?timeZone=Mars%2FOlympus')).status).toBe(400);
  });

  it('a lead messages an agent of the team: live to their desktop, audited without its text; others are refused', async () => {
    const alice = await t.connect(await t.token('alice'));
    const got: LeadMessage[] = [];
    alice.on(LEAD_LIVE.message, (m: LeadMessage) => got.push(m));
    const send = async (who: string, body: unknown) => httpCall(t, 'POST', '/api/lead/messages', await t.token(who), body);
    const res = await send('lena', { agentId: id('alice'), text: 'Please take the next call-back first' });
    expect(res.status).toBe(200);
    const sent = (await res.json()) as LeadMessageSent;
    expect(sent.delivered).toBe(true);
    const m = await until('alice gets it', () => got.find((x) => x.id === sent.id));
    expect(m).toMatchObject({ fromId: id('lena'), fromName: 'Lena Hoffmann', text: 'Please take the next call-back first', caseId: null });
    const audit = await ctx.db.query<{ action: string; detail: Record<string, unknown> }>(`select action, detail from audit_log where detail->>'messageId' = $1`, [sent.id]);
    expect(audit.rows).toEqual([{ action: 'lead.messaged', detail: { messageId: sent.id, agentId: id('alice'), caseId: null } }]);
    expect(JSON.stringify(audit.rows)).not.toContain('call-back');
    expect((await send('alice', { agentId: id('mei'), text: 'hi' })).status).toBe(403);
    expect((await send('omar', { agentId: id('alice'), text: 'hi' })).status).toBe(404);
    expect((await send('lena', { agentId: id('alice'), text: '   ' })).status).toBe(400);
  });

  it('the read model folded as events arrived is the one rebuilt from the log', async () => {
    const snapshot = async () =>
      new Map((await ctx.db.query<{ data: CaseFacts }>('select data from lead_case_facts')).rows.map((r) => [r.data.caseId, r.data]));
    const live = await snapshot();
    expect(live.size).toBeGreaterThan(0);
    await ctx.db.transaction((tx) => rebuildFacts(tx));
    const rebuilt = await snapshot();
    expect(rebuilt.size).toBe(live.size);
    for (const [caseId, f] of rebuilt) expect(live.get(caseId), caseId).toEqual(f);
  });
});
