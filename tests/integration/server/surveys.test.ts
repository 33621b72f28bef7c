/**
 * Satisfaction surveys through the real server (issue 18): a resolve queues the survey; the job sends the link on the
 * case's channel; the page answers once; a forged, reused, expired or out-of-range answer is refused clearly; a
 * comment is the customer's message and goes through the safety detector; a customer is not asked twice in 14 days,
 * nor while a safety flag is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { demoAgent } from '../../../src/server/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { surveyableEmailCases } from '../helpers/survey-cases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/until';

describe('surveys', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let alice: Socket;
  let lena: Socket;
  const alicesCases: Array<{ case_id: string; customer_id: string }> = [];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 100, server: { surveys: { delayHours: 0 }, jobs: { pollIntervalMs: 100 } } });
    alice = await ts.connect(await ts.token('alice'));
    lena = await ts.connect(await ts.token('lena'));
    // (the team's open email cases: the lead hands each to alice before she resolves it)
    alicesCases.push(...(await surveyableEmailCases(database.db, demoAgent('alice').teamIds[0]!)));
  }, 120_000);
  afterAll(async () => {
    alice?.close();
    lena?.close();
    await ts?.close();
    await database?.dispose();
  });

  /** the lead hands the case to alice, who resolves it: the survey counts for alice */
  const resolve = async (caseId: string) => {
    const handed = await push(lena, [mutation('case.assign', { caseId, assigneeId: demoAgent('alice').id })]);
    expect(handed.results[0]!.status).toBe('applied');
    const r = await push(alice, [mutation('case.setStatus', { caseId, status: 'resolved' })]);
    expect(r.results[0]!.status).toBe('applied');
  };
  /** the link in the survey message the job sent on the case */
  const linkOf = (caseId: string) =>
    until(`survey of ${caseId}`, async () => {
      const { rows } = await database.db.query<{ body: string }>("select body from events where case_id = $1 and kind = 'message.sent' and author->>'name' = 'Omnidesk survey'", [caseId]);
      const m = rows[0]?.body.match(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]{32}/);
      return m ? new URL(m[0]) : null;
    });
  const post = (url: URL, form: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  const eventsOf = async (caseId: string, kind: string) =>
    (await database.db.query<{ meta: Record<string, unknown>; body: string | null; author: { id: string | null } }>('select meta, body, author from events where case_id = $1 and kind = $2 order by seq', [caseId, kind])).rows;

  it('a resolve sends the link on the case’s email; the page answers once; a detractor’s harm comment is flagged', async () => {
    expect(alicesCases.length, 'the team has open email cases of four customers').toBeGreaterThanOrEqual(4);
    const k = alicesCases[0]!;
    await resolve(k.case_id);
    const link = await linkOf(k.case_id);
    expect(link.origin).toBe(new URL(ts.baseUrl).origin);
    // on the customer's latest conversation of the case (not a call: there is no text to send to a call)
    const { rows: latest } = await database.db.query<{ channel: string }>("select channel from threads where case_id = $1 and channel <> 'phone' order by opened_at desc limit 1", [k.case_id]);
    const sent = await eventsOf(k.case_id, 'survey.sent');
    expect(sent.map((e) => e.meta)).toEqual([expect.objectContaining({ channel: latest[0]!.channel, attributedTo: demoAgent('alice').id, manual: false })]);
    // the link's message goes out like any reply (a delivery is queued for it)
    expect((await database.db.query("select 1 from deliveries d join events e on e.id = d.event_id where e.case_id = $1 and e.author->>'name' = 'Omnidesk survey'", [k.case_id])).rows).toHaveLength(1);
    // only the hash of the token is stored
    expect(JSON.stringify((await database.db.query('select * from surveys where case_id = $1', [k.case_id])).rows)).not.toContain(link.pathname.slice(3));

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('name="nps"');
    expect(html).not.toMatch(/<script/i);

    const answered = await post(link, { nps: '3', csat: '2', dim_expertise: '4', comment: 'The sensor adhesive gave me a burn on my arm and it still hurts.' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toMatch(/team lead will contact you|组长会在两个工作日内联系您/);
    const [a] = await eventsOf(k.case_id, 'survey.answered');
    expect(a!.meta).toMatchObject({ nps: 3, csat: 2, ces: null, dimensions: { expertise: 4 }, detractor: true, attributedTo: demoAgent('alice').id });
    // the comment is the customer's message on the case, and the detector flagged it
    const messages = await eventsOf(k.case_id, 'message.received');
    const comment = messages.find((m) => m.body?.includes('adhesive'));
    expect(comment).toBeTruthy();
    const flags = await eventsOf(k.case_id, 'safety.flagged');
    expect(flags.length).toBeGreaterThanOrEqual(1);

    // answered once: a second post, or the page again, says so and records nothing
    const again = await post(link, { nps: '10' });
    expect(again.status).toBe(409);
    expect((await fetch(link)).status).toBe(409);
    expect(await eventsOf(k.case_id, 'survey.answered')).toHaveLength(1);
  });

  it('refuses a forged link, an answer out of range (the form again) and an expired survey, clearly', async () => {
    const forged = new URL(`${ts.baseUrl}/s/${'A'.repeat(32)}`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await post(forged, { nps: '9' })).status).toBe(404);
    expect((await fetch(`${ts.baseUrl}/s/short`)).status).toBe(404);

    const k = alicesCases[1]!;
    await resolve(k.case_id);
    const link = await linkOf(k.case_id);
    for (const bad of [{ nps: '11' }, { csat: '0' }, { ces: 'seven' }, { nps: '4.5' }, {}]) {
      const r = await post(link, bad as Record<string, string>);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      // the form again, with what was wrong on top (in the customer's language)
      const html = await r.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('name="csat"');
    }
    expect(await eventsOf(k.case_id, 'survey.answered')).toHaveLength(0);
    // the form still works after a bad try
    expect((await post(link, { csat: '5', ces: '2' })).status).toBe(200);
    const [a] = await eventsOf(k.case_id, 'survey.answered');
    expect(a!.meta).toMatchObject({ csat: 5, ces: 2, nps: null, detractor: false });

    const k3 = alicesCases[2]!;
    await resolve(k3.case_id);
    const old = await linkOf(k3.case_id);
    await database.db.query("update surveys set expires_at = now() - interval '1 minute' where case_id = $1", [k3.case_id]);
    expect((await fetch(old)).status).toBe(410);
    expect((await post(old, { csat: '5' })).status).toBe(410);
    expect(await eventsOf(k3.case_id, 'survey.answered')).toHaveLength(0);
  });

  it('a customer asked within the last 14 days is not asked again; the job runs and sends nothing', async () => {
    const k = alicesCases[3]!;
    await database.db.query(
      `insert into surveys (id, case_id, customer_id, team_id, channel, language, token_hash, sent_at, expires_at)
       select gen_random_uuid(), c.id, c.customer_id, c.team_id, 'email', 'en', md5(random()::text), now() - interval '3 days', now() + interval '25 days'
         from cases c where c.customer_id = $1 and c.id <> $2 limit 1`,
      [k.customer_id, k.case_id],
    );
    const asked = (await database.db.query('select 1 from surveys where customer_id = $1', [k.customer_id])).rows.length;
    await resolve(k.case_id);
    await until('the survey job ran', async () => ((await database.db.query<{ status: string }>("select status from jobs where kind = 'surveys.send' and key = $1", [k.case_id])).rows[0]?.status === 'done' ? true : null));
    expect((await database.db.query('select 1 from surveys where case_id = $1', [k.case_id])).rows).toHaveLength(0);
    expect(await eventsOf(k.case_id, 'survey.sent')).toHaveLength(0);
    expect(asked, 'the customer had an earlier case to have been asked on').toBe(1);
  });
});
