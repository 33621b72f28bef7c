import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VIEWERS_LIVE, type Viewers } from '../../../src/shared/index';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { until } from '../helpers/until';
import { startTestServer, type TestServer } from '../helpers/server';

/** The collision warning's server side (issue 16): who views a customer, live, only within the customer's team. */
forEachDatabase('viewers: who else has a customer open', (ctx) => {
  let t: TestServer;
  const seen = new Map<string, Viewers[]>();
  const watch = (name: string, s: Socket) => s.on(VIEWERS_LIVE.viewers, (v: Viewers) => seen.set(name, [...(seen.get(name) ?? []), v]));
  const last = (name: string) => seen.get(name)?.at(-1);
  let customerId: string;
  let caseId: string;
  let otherTeamCustomer: string;

  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 6 });
    const { rows } = await ctx.db.query<{ id: string; customer_id: string }>('select id, customer_id from cases where team_id = $1 order by opened_at limit 1', [DEMO_TEAMS.glucose.id]);
    caseId = rows[0]!.id;
    customerId = rows[0]!.customer_id;
    const other = await ctx.db.query<{ id: string }>('select id from customers where team_id = $1 limit 1', [DEMO_TEAMS.cardio.id]);
    otherTeamCustomer = other.rows[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('two agents on one customer see each other, with who is replying; leaving tells the other', async () => {
    const alice = await t.connect(await t.token('alice'));
    const lena = await t.connect(await t.token('lena'));
    watch('alice', alice);
    watch('lena', lena);
    alice.emit(VIEWERS_LIVE.viewing, { customerId, caseId, replying: false });
    lena.emit(VIEWERS_LIVE.viewing, { customerId, caseId, replying: true });
    const both = await until('both on alice’s screen', () => (last('alice')?.viewers.length === 2 ? last('alice') : null));
    expect(both.viewers.map((v) => [v.name, v.replying]).sort()).toEqual([
      ['Alice Turner', false],
      ['Lena Hoffmann', true],
    ]);
    lena.disconnect();
    await until('lena gone from alice’s list', () => last('alice')?.viewers.length === 1);
    expect(last('alice')!.viewers[0]!.name).toBe('Alice Turner');
    alice.emit(VIEWERS_LIVE.viewing, { customerId: null, caseId: null, replying: false });
  });

  it('a customer of another team is not joined: nobody there learns the agent is looking, nor the agent who is', async () => {
    const bob = await t.connect(await t.token('bob'));
    const alice = await t.connect(await t.token('alice'));
    watch('bob2', bob);
    watch('alice2', alice);
    bob.emit(VIEWERS_LIVE.viewing, { customerId: otherTeamCustomer, caseId: null, replying: false });
    await until('bob’s own list', () => last('bob2'));
    alice.emit(VIEWERS_LIVE.viewing, { customerId: otherTeamCustomer, caseId: null, replying: false });
    alice.emit(VIEWERS_LIVE.viewing, { customerId: 'not-an-id', caseId: null, replying: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(last('bob2')!.viewers.map((v) => v.name)).toEqual(['Bob Lindqvist']);
    expect(seen.get('alice2')).toBeUndefined();
  });
});
