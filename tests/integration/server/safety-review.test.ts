import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../src/server/channels/ingest';
import type { Case } from '../../../src/shared/kernel/case';
import type { Event } from '../../../src/shared/kernel/event';
import { newId } from '../../../src/shared/kernel/ids';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { captureLogger, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { mutation, pullAll, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * The safety review through the real server (issue 12): a harm report arrives, its case is P0 with an open flag; an
 * agent confirms it (the record opens, pre-filled), a specialist completes and decides it; an agent's dismissal is only
 * proposed; a call note with harm in it flags itself on the server as on the desktop; nothing of it reaches the log.
 */
forEachDatabase('safety review (flags, record, decision) through push', (ctx) => {
  let t: TestServer;
  const HARM = 'The ECG patch left a burn mark on my mother’s chest, we went to the ER';
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 12 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  const caseOf = async (id: string) => (await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [id])).rows[0]!.data;

  async function harmReport(body = HARM) {
    const r = await ingestInbound({ db: ctx.db, poke: () => undefined, logger: captureLogger() }, inbound({ channel: 'social', network: 'whatsapp', body, teamHint: DEMO_TEAMS.cardio.id }));
    const k = await caseOf(r.caseId!);
    return { r, k, flagId: k.safety!.flags[0]!.id };
  }

  it('a harm report: the case at P0 with one open flag, its awareness the arrival; the safety queue holds it', async () => {
    const { r, k } = await harmReport();
    expect(k.priority).toBe('P0');
    expect(k.safety?.flags).toHaveLength(1);
    expect(k.safety?.flags[0]).toMatchObject({ messageId: r.eventId, state: 'open', source: 'detector', channel: 'social' });
    const msg = (await ctx.db.query<{ occurred_at: Date }>('select occurred_at from events where id = $1', [r.eventId])).rows[0]!;
    expect(Date.parse(k.safety!.flags[0]!.awareAt)).toBe(msg.occurred_at.getTime());
  });

  it('agent confirms → record opens pre-filled; specialist completes and decides; agent may not touch the record', async () => {
    const { k, flagId } = await harmReport();
    const bob = await t.connect(await t.token('bob'));
    const wang = await t.connect(await t.token('dr.wang'));
    const confirm = mutation('safety.confirm', { caseId: k.id, flagId, reason: 'burn confirmed on the phone' });
    expect((await push(bob, [confirm])).results[0]).toMatchObject({ status: 'applied' });
    let now = await caseOf(k.id);
    expect(now.safety?.complaint).toMatchObject({ id: confirm.id, receivedAt: k.safety!.flags[0]!.awareAt, channel: 'social', categories: expect.arrayContaining(['burn_heat']), decision: null });
    expect(now.safety?.complaint?.patient.injury).toBe(true);

    const denied = await push(bob, [mutation('complaint.update', { caseId: k.id, patch: { narrative: 'x' } })]);
    expect(denied.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    const res = await push(wang, [
      mutation('complaint.update', { caseId: k.id, patch: { country: 'US', eventDate: '2026-06-14', patient: { medicalIntervention: true }, device: { lot: 'L-7' } } }),
      mutation('complaint.decide', { caseId: k.id, reportability: 'fda_mdr', rationale: 'burn needing treatment at the ER' }),
    ]);
    expect(res.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    now = await caseOf(k.id);
    expect(now.safety?.complaint).toMatchObject({ country: 'US', eventDate: '2026-06-14', patient: { injury: true, medicalIntervention: true }, device: { lot: 'L-7' } });
    expect(now.safety?.complaint?.decision).toMatchObject({ reportability: 'fda_mdr', decidedByName: 'Dr. Wang Jing' });

    // every step is an event of the case, pulled by the desktops like any other
    const { events } = await pullAll(wang);
    const kinds = events.filter((e: Event) => e.caseId === k.id).map((e: Event) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['safety.flagged', 'safety.confirmed', 'complaint.updated', 'complaint.decided']));
    // …and entries of the audit trail, with ids and codes only
    const { rows: audit } = await ctx.db.query<{ action: string; actor_role: string | null; detail: Record<string, unknown> }>(
      "select action, actor_role, detail from audit_log where detail->>'caseId' = $1 order by seq",
      [k.id],
    );
    expect(audit.map((a) => [a.action, a.actor_role])).toEqual([
      ['safety.flagged', null],
      ['safety.confirmed', 'agent'],
      ['complaint.updated', 'specialist'],
      ['complaint.decided', 'specialist'],
    ]);
    expect(audit[3]!.detail).toMatchObject({ reportability: 'fda_mdr' });
    expect(JSON.stringify(audit)).not.toContain('burn mark');
  });

  it('an agent’s dismissal is a proposal: P0 stays, the flag waits for a specialist, whose dismissal stands', async () => {
    const { k, flagId } = await harmReport('My son swallowed the coin battery from the glucose reader case, he is at the hospital');
    const bob = await t.connect(await t.token('bob'));
    const wang = await t.connect(await t.token('dr.wang'));
    expect((await push(bob, [mutation('safety.dismiss', { caseId: k.id, flagId, reason: 'looks like a joke' })])).results[0]!.status).toBe('applied');
    let now = await caseOf(k.id);
    expect(now.safety?.flags[0]?.state).toBe('dismissal_proposed');
    expect(now.priority).toBe('P0');
    expect((await push(wang, [mutation('safety.dismiss', { caseId: k.id, flagId, reason: 'called back: a prank, no child' })])).results[0]!.status).toBe('applied');
    now = await caseOf(k.id);
    expect(now.safety?.flags[0]?.state).toBe('dismissed');
    expect(now.priority).toBe('P0');
  });

  it('a call note with harm in it carries its flag on the server too; the case goes to P0', async () => {
    const { rows } = await ctx.db.query<{ id: string; customer_id: string }>(
      "select id, customer_id from cases where team_id = $1 and status = 'open' and priority <> 'P0' and data->'safety' is null limit 1",
      [DEMO_TEAMS.cardio.id],
    );
    const target = rows[0]!;
    const bob = await t.connect(await t.token('bob'));
    const id = newId();
    const res = await push(bob, [mutation('note.add', { customerId: target.customer_id, caseId: target.id, threadId: null, body: '来电：血压计袖带把老人的手臂勒得发紫，已去医院。' }, id)]);
    expect(res.results[0]!.status).toBe('applied');
    const note = (await ctx.db.query<{ meta: { safety?: { categories: string[] } } }>('select meta from events where id = $1', [id])).rows[0]!;
    expect(note.meta.safety?.categories.length).toBeGreaterThan(0);
    const k = await caseOf(target.id);
    expect(k.priority).toBe('P0');
    expect(k.safety?.flags[0]).toMatchObject({ id, messageId: id, state: 'open' });
  });

  it('flags by hand on a message of another team are not found; nothing of the words reaches the log', async () => {
    const { r } = await harmReport();
    const alice = await t.connect(await t.token('alice')); // glucose team only
    const res = await push(alice, [mutation('safety.flag', { messageId: r.eventId, categories: ['injury'], reason: 'x' })]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    expect(t.logs()).not.toContain('burn mark');
    expect(t.logs()).not.toContain('发紫');
  });
});
