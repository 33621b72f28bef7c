/**
 * The quality side of surveys through the real server (issue 18): a detractor's answer opens the lead's follow-up with
 * its 48 h clock, closed once with an outcome; an agent skips a case's survey with a reason and no automatic one goes;
 * the lead's figures (CSAT / NPS / CES / index / response rate) and TOPSIS ranking come from the answers; the index's
 * weights are versioned by admins; the chat sender carries the survey as a card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { demoAgent } from '../../../src/server/seed';
import type { FollowUp, FollowUpsResponse, IndexWeightsResponse, SurveyRanking, SurveyReport, SurveySkipResponse } from '../../../src/shared/features/surveys';
import { createCustomer } from '../channels/helpers';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { surveyableEmailCases } from '../helpers/survey-cases';
import { errorOf, httpCall, mutation, push, startTestServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/until';

const CTI_TOKEN = 'cti-token-surveys';

describe('survey quality: follow-ups, skips, figures, ranking, weights', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let alice: Socket;
  let lena: Socket;
  let tokens: Record<'alice' | 'lena' | 'admin', string>;
  const cases: Array<{ case_id: string; customer_id: string }> = [];
  const team = demoAgent('alice').teamIds[0]!;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 100, server: { surveys: { delayHours: 0 }, jobs: { pollIntervalMs: 100 }, channels: { ctiToken: CTI_TOKEN } } });
    tokens = { alice: await ts.token('alice'), lena: await ts.token('lena'), admin: await ts.token('admin') };
    alice = await ts.connect(tokens.alice);
    lena = await ts.connect(tokens.lena);
    cases.push(...(await surveyableEmailCases(database.db, team)));
  }, 120_000);
  afterAll(async () => {
    alice?.close();
    lena?.close();
    await ts?.close();
    await database?.dispose();
  });

  const handToAlice = async (caseId: string) =>
    expect((await push(lena, [mutation('case.assign', { caseId, assigneeId: demoAgent('alice').id })])).results[0]!.status).toBe('applied');
  const resolve = async (caseId: string, handed = false) => {
    if (!handed) await handToAlice(caseId);
    expect((await push(alice, [mutation('case.setStatus', { caseId, status: 'resolved' })])).results[0]!.status).toBe('applied');
  };
  const linkOf = (caseId: string) =>
    until(`survey of ${caseId}`, async () => {
      const { rows } = await database.db.query<{ link: string | null }>("select meta->'survey'->>'link' as link from events where case_id = $1 and kind = 'message.sent' and meta ? 'survey'", [caseId]);
      return rows[0]?.link ? new URL(rows[0].link) : null;
    });
  const answer = (url: URL, form: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const call = async <T>(who: keyof typeof tokens, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await httpCall(ts, method, path, tokens[who], body);
    expect(res.status, `${method} ${path}`).toBe(200);
    return (await res.json()) as T;
  };
  const kinds = async (caseId: string, kind: string) => (await database.db.query<{ meta: Record<string, unknown> }>('select meta from events where case_id = $1 and kind = $2', [caseId, kind])).rows;
  const window = () => `from=${encodeURIComponent(new Date(Date.now() - 7 * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`;

  it('a detractor opens the lead’s follow-up due in 48 h; the lead closes it once, with an outcome on the timeline', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    const k = cases[0]!;
    await resolve(k.case_id);
    const link = await linkOf(k.case_id);
    const before = Date.now();
    expect((await answer(link, { nps: '3', comment: 'It took four calls to get an answer.' })).status).toBe(200);

    const list = await call<FollowUpsResponse>('lena', 'GET', `/api/surveys/follow-ups?teamId=${team}`);
    const f = list.followUps.find((x) => x.caseId === k.case_id);
    expect(f).toMatchObject({ state: 'open', nps: 3, agentId: demoAgent('alice').id, teamId: team });
    const due = Date.parse(f!.dueAt) - Date.parse(f!.openedAt);
    expect(due).toBe(48 * 3_600_000);
    expect(Date.parse(f!.openedAt)).toBeGreaterThanOrEqual(before - 1000);
    // the lead reads who to call back
    expect(list.names[k.customer_id]).toBeTruthy();
    expect(await kinds(k.case_id, 'survey.followup_opened')).toEqual([{ meta: expect.objectContaining({ followUpId: f!.id, dueAt: f!.dueAt }) }]);

    // an agent does not see the lead's list; the lead closes it once
    expect((await httpCall(ts, 'GET', '/api/surveys/follow-ups', tokens.alice)).status).toBe(403);
    expect((await httpCall(ts, 'POST', `/api/surveys/follow-ups/${f!.id}/close`, tokens.lena, { outcome: 'maybe' })).status).toBe(400);
    const closed = await call<FollowUp>('lena', 'POST', `/api/surveys/follow-ups/${f!.id}/close`, { outcome: 'called_back' });
    expect(closed).toMatchObject({ state: 'done', outcome: 'called_back', closedBy: demoAgent('lena').id });
    const again = await httpCall(ts, 'POST', `/api/surveys/follow-ups/${f!.id}/close`, tokens.lena, { outcome: 'resolved' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('CONFLICT');
    expect(await kinds(k.case_id, 'survey.followup_closed')).toEqual([{ meta: { followUpId: f!.id, outcome: 'called_back', late: false } }]);
    expect((await call<FollowUpsResponse>('lena', 'GET', '/api/surveys/follow-ups')).followUps.some((x) => x.id === f!.id)).toBe(false);
    expect((await call<FollowUpsResponse>('lena', 'GET', '/api/surveys/follow-ups?state=all')).followUps.some((x) => x.id === f!.id)).toBe(true);
  });

  it('a satisfied answer opens no follow-up', async () => {
    const k = cases[1]!;
    await resolve(k.case_id);
    expect((await answer(await linkOf(k.case_id), { nps: '9', csat: '5', ces: '2', dim_expertise: '5', dim_responsiveness: '4' })).status).toBe(200);
    expect(await kinds(k.case_id, 'survey.followup_opened')).toHaveLength(0);
    expect((await database.db.query('select 1 from survey_followups where case_id = $1', [k.case_id])).rows).toHaveLength(0);
  });

  it('an agent skips a case’s survey with a reason: no automatic survey goes; one sent by hand still may', async () => {
    const k = cases[2]!;
    await handToAlice(k.case_id);
    expect((await httpCall(ts, 'POST', `/api/surveys/cases/${k.case_id}/skip`, tokens.alice, { reason: 'because I said so' })).status).toBe(400);
    expect(await call<SurveySkipResponse>('alice', 'POST', `/api/surveys/cases/${k.case_id}/skip`, { reason: 'customer_asked' })).toEqual({ skipped: true, reason: null });
    expect(await call<SurveySkipResponse>('alice', 'POST', `/api/surveys/cases/${k.case_id}/skip`, { reason: 'other' })).toEqual({ skipped: false, reason: 'already_skipped' });
    expect(await kinds(k.case_id, 'survey.skipped')).toEqual([{ meta: { reason: 'customer_asked' } }]);
    await resolve(k.case_id, true);
    await until('the survey job ran', async () => ((await database.db.query<{ status: string }>("select status from jobs where kind = 'surveys.send' and key = $1", [k.case_id])).rows[0]?.status === 'done' ? true : null));
    expect(await kinds(k.case_id, 'survey.sent')).toHaveLength(0);
    const byHand = await call<{ sent: boolean }>('alice', 'POST', `/api/surveys/cases/${k.case_id}/send`, {});
    expect(byHand.sent).toBe(true);
  });

  it('a case of calls only: the survey is a text after the call, sent as an email on a conversation of its own', async () => {
    // a customer with an email address calls and hangs up before anyone answers: a Callback case, calls only
    const customer = await createCustomer(database.db, { name: 'Hanna Vogt', teamId: team, phones: ['+4930901820'], emails: ['hanna.vogt@example.org'] });
    const call0 = { from: '+4930901820', to: '+4930123456', direction: 'in', callId: 'survey-call-1' };
    for (const body of [{ ...call0, event: 'newCall' }, { ...call0, event: 'hangup', cause: 'cancel' }]) {
      const res = await fetch(`${ts.baseUrl}/cti/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-cti-token': CTI_TOKEN }, body: new URLSearchParams(body).toString() });
      expect(res.status).toBe(200);
    }
    const { rows } = await database.db.query<{ case_id: string; customer_id: string }>('select id as case_id, customer_id from cases where customer_id = $1', [customer.id]);
    expect(rows).toHaveLength(1);
    const k = rows[0]!;
    expect((await database.db.query("select channel from threads where case_id = $1", [k.case_id])).rows).toEqual([{ channel: 'phone' }]);
    await resolve(k.case_id);
    const link = await linkOf(k.case_id);
    expect((await kinds(k.case_id, 'survey.sent'))[0]!.meta).toMatchObject({ channel: 'phone' });
    const { rows: th } = await database.db.query<{ channel: string; subject: string | null }>("select channel, data->>'subject' as subject from threads where case_id = $1 and channel <> 'phone'", [k.case_id]);
    expect(th).toEqual([{ channel: 'email', subject: expect.stringMatching(/How did we do|我们的服务怎么样/) }]);
    expect((await database.db.query("select 1 from deliveries d join events e on e.id = d.event_id where e.case_id = $1 and e.meta ? 'survey'", [k.case_id])).rows).toHaveLength(1);
    // a comment comes back on that email conversation; the figures count it under phone
    expect((await answer(link, { csat: '4', comment: 'Quick call, thanks.' })).status).toBe(200);
    const { rows: msg } = await database.db.query<{ channel: string }>("select channel from events where case_id = $1 and kind = 'message.received' and meta->>'providerMessageId' like 'survey:%'", [k.case_id]);
    expect(msg).toEqual([{ channel: 'email' }]);
    await call('lena', 'GET', `/api/surveys/report?${window()}&by=channel`).then((r) => {
      expect((r as SurveyReport).rows.some((x) => x.period === 'all' && x.key === 'phone' && x.answered === 1)).toBe(true);
    });
    // back as it was for the figures below: this survey is not one of them
    await database.db.query('delete from surveys where case_id = $1', [k.case_id]);
  });

  it('a contact marked a vendor gets no survey', async () => {
    const k = cases[3]!;
    expect((await push(alice, [mutation('customer.update', { customerId: k.customer_id, patch: { vendor: true } })])).results[0]!.status).toBe('applied');
    await resolve(k.case_id);
    await until('the survey job ran', async () => ((await database.db.query<{ status: string }>("select status from jobs where kind = 'surveys.send' and key = $1", [k.case_id])).rows[0]?.status === 'done' ? true : null));
    expect(await kinds(k.case_id, 'survey.sent')).toHaveLength(0);
    // by hand neither
    expect(await call<{ sent: boolean; reason: string | null }>('alice', 'POST', `/api/surveys/cases/${k.case_id}/send`, {})).toEqual({ sent: false, reason: 'vendor' });
  });

  it('the lead’s figures and ranking come from the answers; a small sample is flagged and unranked', async () => {
    const report = await call<SurveyReport>('lena', 'GET', `/api/surveys/report?${window()}&by=team&period=day`);
    const all = report.rows.find((r) => r.period === 'all' && r.key === team)!;
    // three surveys went (one per resolved case above), two were answered: NPS 3 and 9
    expect(all).toMatchObject({ sent: 3, answered: 2, detractors: 1 });
    expect(all.responseRate).toBeCloseTo(2 / 3, 6);
    expect(all.nps).toBe(0); // (1 promoter − 1 detractor) / 2
    expect(all.csat).toBe(1); // one CSAT answer, a 5
    expect(all.ces).toBe(2);
    // the index: expertise 5 → 100 (0.35), responsiveness 4 → 75 (0.25); the others unrated drop out
    expect(all.index).toBeCloseTo((0.35 * 100 + 0.25 * 75) / 0.6, 6);
    expect(report.names[team]).toBeTruthy();
    expect(report.indexVersion).toBe(1);
    // by agent: all counts for alice, who resolved them
    const byAgent = await call<SurveyReport>('lena', 'GET', `/api/surveys/report?${window()}&by=agent`);
    expect(byAgent.rows.filter((r) => r.period === 'all').map((r) => r.key)).toEqual([demoAgent('alice').id]);

    const ranking = await call<SurveyRanking>('lena', 'GET', `/api/surveys/ranking?${window()}&by=agent`);
    expect(ranking.rows).toEqual([expect.objectContaining({ key: demoAgent('alice').id, answered: 2, fewAnswers: true, rank: null })]);
    expect(Object.values(ranking.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);

    // the customers' voice: the one comment, about waiting (and asking again), negative beside NPS 3
    const voice = await call<{ comments: number; groups: Array<{ topic: string; count: number; sentiment: Record<string, number>; comments: Array<{ caseId: string; text: string }> }> }>(
      'lena',
      'GET',
      `/api/surveys/voice?${window()}`,
    );
    expect(voice.comments).toBe(1);
    expect(voice.groups.map((g) => g.topic)).toEqual(['repeat_contact']);
    expect(voice.groups[0]).toMatchObject({ count: 1, sentiment: { positive: 0, neutral: 0, negative: 1 }, comments: [{ caseId: cases[0]!.case_id, text: 'It took four calls to get an answer.' }] });
    expect((await httpCall(ts, 'GET', `/api/surveys/voice?${window()}`, tokens.alice)).status).toBe(403);

    // a window the wrong way round, or over 400 days, is refused clearly
    expect((await httpCall(ts, 'GET', `/api/surveys/report?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, tokens.lena)).status).toBe(400);
    expect((await httpCall(ts, 'GET', `/api/surveys/report?${window()}&by=mood`, tokens.lena)).status).toBe(400);
  });

  it('a team’s own rules: admins set them, the job follows them (a channel turned off, a longer delay)', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    const own = { channels: ['chat'], acceptDays: 14 };
    expect((await httpCall(ts, 'PUT', `/api/surveys/settings/${team}`, tokens.lena, own)).status).toBe(403);
    expect((await httpCall(ts, 'PUT', `/api/surveys/settings/${team}`, tokens.admin, { delayHours: -2 })).status).toBe(400);
    const saved = await call<{ defaults: { delayHours: number }; teams: Array<{ teamId: string; settings: unknown }> }>('admin', 'PUT', `/api/surveys/settings/${team}`, own);
    expect(saved.defaults.delayHours).toBe(0); // this server's configuration
    expect(saved.teams).toEqual([{ teamId: team, settings: own }]);
    expect((await call<{ teams: unknown[] }>('lena', 'GET', '/api/surveys/settings')).teams).toEqual([{ teamId: team, settings: own }]);

    // email is off for this team: the job runs and sends nothing; by hand neither
    const k = cases[4]!;
    await resolve(k.case_id);
    await until('the survey job ran', async () => ((await database.db.query<{ status: string }>("select status from jobs where kind = 'surveys.send' and key = $1", [k.case_id])).rows[0]?.status === 'done' ? true : null));
    expect(await kinds(k.case_id, 'survey.sent')).toHaveLength(0);
    expect(await call<{ sent: boolean; reason: string | null }>('alice', 'POST', `/api/surveys/cases/${k.case_id}/send`, {})).toEqual({ sent: false, reason: 'channel_off' });

    // a day's delay on email: queued for a day after the resolve
    await call('admin', 'PUT', `/api/surveys/settings/${team}`, { channelDelayHours: { email: 24 } });
    const k2 = cases[5]!;
    await resolve(k2.case_id);
    // (the team's other channels are due at once, so the job runs now, finds email's day ahead, and waits for it)
    const rows = await until('the survey waits for email’s delay', async () => {
      const r = await database.db.query<{ run_at: Date | string }>("select run_at from jobs where kind = 'surveys.send' and key like $1 || ':%'", [k2.case_id]);
      return r.rows.length ? r.rows : null;
    });
    expect(await kinds(k2.case_id, 'survey.sent')).toHaveLength(0);
    const { rows: resolvedAt } = await database.db.query<{ at: Date | string }>("select occurred_at as at from events where case_id = $1 and kind = 'case.status_changed' order by seq desc limit 1", [k2.case_id]);
    expect(new Date(rows[0]!.run_at).getTime() - new Date(resolvedAt[0]!.at).getTime()).toBe(24 * 3_600_000);
    // back on the defaults for the tests after this one
    await call('admin', 'PUT', `/api/surveys/settings/${team}`, {});
  });

  it('admins version the index weights; an old version still computes old figures; leads may not change them', async () => {
    const w = { technicalSupport: 0.2, responseSpeed: 0.2, attitude: 0.2, solutionEffectiveness: 0.2, feeTransparency: 0.2 };
    expect((await httpCall(ts, 'PUT', '/api/surveys/index-weights', tokens.lena, { weights: w })).status).toBe(403);
    expect((await httpCall(ts, 'PUT', '/api/surveys/index-weights', tokens.admin, { weights: { ...w, attitude: 0.5 } })).status).toBe(400);
    const saved = await call<IndexWeightsResponse>('admin', 'PUT', '/api/surveys/index-weights', { weights: w });
    expect(saved.current).toEqual({ version: 2, weights: w });
    expect(saved.history.map((h) => h.version)).toEqual([2]);

    const now = await call<SurveyReport>('lena', 'GET', `/api/surveys/report?${window()}`);
    const then = await call<SurveyReport>('lena', 'GET', `/api/surveys/report?${window()}&indexVersion=1`);
    expect(now.indexVersion).toBe(2);
    expect(then.indexVersion).toBe(1);
    const idx = (r: SurveyReport) => r.rows.find((x) => x.period === 'all' && x.key === team)!.index;
    expect(idx(now)).toBeCloseTo((0.2 * 100 + 0.2 * 75) / 0.4, 6);
    expect(idx(then)).toBeCloseTo((0.35 * 100 + 0.25 * 75) / 0.6, 6);
    const audit = await database.db.query<{ detail: Record<string, unknown> }>("select detail from audit_log where action = 'surveys.weights_changed'");
    expect(audit.rows.map((r) => r.detail)).toEqual([{ version: 2 }]);
  });
});
