import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { installServerFeatures } from '../../../src/server/features';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { mutation, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * "Replying takes it" (issue 15): the first agent to reply on a case nobody owns becomes its owner — a case being
 * answered never sits "Unassigned" — recorded as a case.assigned in that agent's name beside the reply; a case that
 * has an owner keeps it; OMNIDESK_REPLY_TAKES_CASE=0 turns it off.
 */
forEachDatabase('replying to an unassigned case takes it', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 2 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    installServerFeatures();
  });

  const newCase = () => ingestInbound({ db: ctx.db, poke: () => undefined, logger: captureLogger() }, inbound({ body: 'My sensor will not pair', teamHint: DEMO_TEAMS.glucose.id }));
  const ownership = async (caseId: string) => {
    const { rows } = await ctx.db.query<{ assignee_id: string | null }>('select assignee_id from cases where id = $1', [caseId]);
    const { rows: events } = await ctx.db.query<{ kind: string; author_id: string | null; to: string | null }>(
      `select kind, author->>'id' as author_id, meta->>'to' as "to" from events where case_id = $1 and kind = 'case.assigned' order by seq`,
      [caseId],
    );
    return { assignee: rows[0]!.assignee_id, assigned: events };
  };

  it('the first reply takes it, in the replying agent’s name; a later reply by someone else does not move it', async () => {
    const r = await newCase();
    expect((await ownership(r.caseId!)).assignee).toBeNull();
    const alice = await t.connect(await t.token('alice'));
    const aliceId = t.data.agents.find((a) => a.agent.username === 'alice')!.agent.id;
    const sent = await push(alice, [mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'Let us pair it again.' }), mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'Step two.' })]);
    expect(sent.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    expect(await ownership(r.caseId!)).toEqual({ assignee: aliceId, assigned: [{ kind: 'case.assigned', author_id: aliceId, to: aliceId }] });
    alice.disconnect();

    const lena = await t.connect(await t.token('lena'));
    expect((await push(lena, [mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'Lead here.' })])).results[0]!.status).toBe('applied');
    expect((await ownership(r.caseId!)).assigned).toHaveLength(1);
    expect((await ownership(r.caseId!)).assignee).toBe(aliceId);
    lena.disconnect();
  });

  it('turned off, a reply leaves the case unassigned', async () => {
    installServerFeatures({ replyTakesCase: false });
    const r = await newCase();
    const alice = await t.connect(await t.token('alice'));
    expect((await push(alice, [mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'Hello.' })])).results[0]!.status).toBe('applied');
    expect(await ownership(r.caseId!)).toEqual({ assignee: null, assigned: [] });
    alice.disconnect();
  });
});
