import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../../src/server/channels/ingest';
import type { Db } from '../../../../src/server/kernel/db/types';
import { forEachDatabase } from '../../helpers/databases';
import { mutation, pullAll, push, startTestServer, type TestServer } from '../../helpers/server';
import { captureLogger, TEAM_A } from '../helpers';

/**
 * Everything a merge may touch, keyed so that a restore can be compared exactly (updatedAt aside). The router's offers
 * (made whenever an agent comes online) are not part of it.
 */
async function snapshot(db: Db, ids: string[]) {
  const q = async (sql: string) => (await db.query(sql, [ids])).rows;
  return {
    customers: (await q('select id, data - \'updatedAt\' as data from customers where id = any($1::uuid[]) order by id')),
    cases: await q(`select id, customer_id, data->>'customerId' as dc from cases where customer_id = any($1::uuid[]) order by id`),
    threads: await q(`select id, customer_id, data->>'customerId' as dc from threads where customer_id = any($1::uuid[]) order by id`),
    events: await q(`select id, customer_id from events where customer_id = any($1::uuid[]) and kind not in ('customer.merged', 'customer.unmerged', 'case.offered', 'case.offer_ended') order by seq`),
    identities: await q('select kind, value, customer_id from customer_identities where customer_id = any($1::uuid[]) order by kind, value, customer_id'),
  };
}

forEachDatabase('customer merge and un-merge', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 4 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('merge moves the source into the target; un-merge restores exactly; both are audited events', async () => {
    const deps = { db: ctx.db, logger: captureLogger(), poke: (s: ReadonlyMap<string, number>) => t.server.poke(s) };
    const a = await ingestInbound(deps, { channel: 'email', providerMessageId: '<a1@x.test>', threadRef: '<a1@x.test>', identity: { email: 'merge.me@x.test', displayName: 'Merge Me' }, subject: 'Cuff', body: 'cuff broken', occurredAt: new Date().toISOString(), teamHint: TEAM_A });
    const b = await ingestInbound(deps, { channel: 'social', providerMessageId: 'wamid.merge1', threadRef: 'wa:1:15550009999', identity: { phone: '+15550009999', social: { network: 'whatsapp', handle: '15550009999' }, displayName: 'Merge Me' }, body: 'hi again', occurredAt: new Date().toISOString(), teamHint: TEAM_A });
    expect(b.customerId).not.toBe(a.customerId);
    expect(b.mergeSuggested).toBe(true); // same name only: a suggestion, not a join
    const ids = [a.customerId, b.customerId];
    const before = await snapshot(ctx.db, ids);

    const lena = await t.connect(await t.token("lena"));

    const merge = mutation('customer.merge', { sourceId: b.customerId, targetId: a.customerId });
    const r = await push(lena, [merge]);
    expect(r.results[0]).toMatchObject({ status: 'applied' });

    const after = await snapshot(ctx.db, ids);
    expect(after.cases.every((c) => c.customer_id === a.customerId && c.dc === a.customerId)).toBe(true);
    expect(after.threads.every((c) => c.customer_id === a.customerId)).toBe(true);
    expect(after.events.every((e) => e.customer_id === a.customerId)).toBe(true);
    const target = (await ctx.db.query<{ data: { phones: string[]; socialHandles: unknown[]; emails: string[] } }>('select data from customers where id = $1', [a.customerId])).rows[0]!.data;
    expect(target.phones).toEqual(['+15550009999']);
    expect(target.emails).toEqual(['merge.me@x.test']);
    const source = (await ctx.db.query<{ data: { mergedInto: string } }>('select data from customers where id = $1', [b.customerId])).rows[0]!.data;
    expect(source.mergedInto).toBe(a.customerId);
    // a new WhatsApp message from that number now joins the target
    const c = await ingestInbound(deps, { channel: 'social', providerMessageId: 'wamid.merge2', threadRef: 'wa:1:15550009999', identity: { phone: '+15550009999', social: { network: 'whatsapp', handle: '15550009999' } }, body: 'still there?', occurredAt: new Date().toISOString() });
    expect(c.customerId).toBe(a.customerId);

    // merging again, or into itself, is refused with a reason
    const again = await push(lena, [mutation('customer.merge', { sourceId: b.customerId, targetId: a.customerId })]);
    expect(again.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });
    const self = await push(lena, [mutation('customer.merge', { sourceId: a.customerId, targetId: a.customerId })]);
    expect(self.results[0]).toMatchObject({ status: 'rejected', error: { code: 'INVALID_ARGUMENT' } });
    // another team's agent may not merge these
    const bob = await t.connect(await t.token('bob'));
    const foreign = await push(bob, [mutation('customer.merge', { sourceId: b.customerId, targetId: a.customerId })]);
    expect(foreign.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    const un = await push(lena, [mutation('customer.unmerge', { mergeId: merge.id, customerId: a.customerId })]);
    expect(un.results[0]).toMatchObject({ status: 'applied' });
    const restored = await snapshot(ctx.db, ids);
    // exactly as before, plus the message that arrived meanwhile on the source's thread (it follows its thread)
    const extra = restored.events.filter((e) => !before.events.some((x) => x.id === e.id));
    expect(extra).toEqual([{ id: c.eventId, customer_id: b.customerId }]);
    expect({ ...restored, events: restored.events.filter((e) => e.id !== c.eventId) }).toEqual(before);
    const twice = await push(lena, [mutation('customer.unmerge', { mergeId: merge.id, customerId: a.customerId })]);
    expect(twice.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });

    // audited: both events carry the agent and the lists of what moved
    const { events } = await pullAll(lena);
    const audit = events.filter((e) => e.kind === 'customer.merged' || e.kind === 'customer.unmerged');
    expect(audit.map((e) => [e.kind, e.author.name])).toEqual([
      ['customer.merged', 'Lena Hoffmann'],
      ['customer.unmerged', 'Lena Hoffmann'],
    ]);
    const m = audit[0]!;
    if (m.kind !== 'customer.merged') throw new Error('unreachable');
    expect(m.meta.caseIds).toHaveLength(1);
    expect(m.meta.identities).toEqual(expect.arrayContaining([{ kind: 'phone', value: '+15550009999' }]));
  });

  it('a lead dismisses a suggestion ("not the same person"): the suggestion rows close both ways and the event syncs; agents may not (issue 10)', async () => {
    const deps = { db: ctx.db, logger: captureLogger(), poke: (s: ReadonlyMap<string, number>) => t.server.poke(s) };
    const a = await ingestInbound(deps, { channel: 'email', providerMessageId: '<d1@x.test>', threadRef: '<d1@x.test>', identity: { email: 'robin.one@x.test', displayName: 'Robin Same' }, subject: 'Strap', body: 'strap', occurredAt: new Date().toISOString(), teamHint: TEAM_A });
    const b = await ingestInbound(deps, { channel: 'email', providerMessageId: '<d2@x.test>', threadRef: '<d2@x.test>', identity: { email: 'robin.two@y.test', displayName: 'Robin Same' }, subject: 'App', body: 'app', occurredAt: new Date().toISOString(), teamHint: TEAM_A });
    expect(b.mergeSuggested).toBe(true);
    const open = async () => (await ctx.db.query<{ status: string }>('select status from merge_suggestions where (customer_id = $1 and candidate_id = $2) or (customer_id = $2 and candidate_id = $1)', [a.customerId, b.customerId])).rows.map((r) => r.status);
    expect(await open()).toEqual(['open']);

    const agentSocket = await t.connect(await t.token('alice'));
    const byAgent = await push(agentSocket, [mutation('customer.dismissSuggestion', { customerId: a.customerId, candidateId: b.customerId })]);
    expect(byAgent.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    const lena = await t.connect(await t.token('lena'));
    const r = await push(lena, [mutation('customer.dismissSuggestion', { customerId: a.customerId, candidateId: b.customerId })]);
    expect(r.results[0]).toMatchObject({ status: 'applied' });
    expect(await open()).toEqual(['dismissed']);
    const { events } = await pullAll(lena);
    expect(events.filter((e) => e.kind === 'customer.merge_dismissed').map((e) => [e.customerId, e.kind === 'customer.merge_dismissed' && e.meta.candidateId, e.author.name])).toEqual([
      [a.customerId, b.customerId, 'Lena Hoffmann'],
    ]);
  });
});
