import { afterAll, beforeAll, expect, it } from 'vitest';
import { MACRO, SIGNATURE, newId } from '../../../src/shared/index';
import { DEMO_MACROS, DEMO_TEAMS } from '../../../src/server/seed';
import { forEachDatabase } from '../helpers/databases';
import { httpCall, startTestServer, type TestServer } from '../helpers/server';

/** Canned replies and signatures (issue 15): who writes which, stored as reference data each desktop receives. */
forEachDatabase('macros and signatures', (ctx) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 2 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  const put = async (who: string, id: string, body: unknown) => httpCall(t, 'PUT', `/api/macros/${id}`, await t.token(who), body);
  const stored = async (kind: string, id: string) =>
    (await ctx.db.query<{ data: unknown; team_ids: string[]; deleted: boolean }>('select data, team_ids, deleted from reference_items where kind = $1 and id = $2', [kind, id])).rows[0];
  const macro = (over: Record<string, unknown> = {}) => ({ scope: 'team', teamId: DEMO_TEAMS.glucose.id, title: 'Battery', shortcut: 'battery', bodies: { en: 'Charge it, {{customer.firstName}}.' }, setStatus: null, ...over });

  it('the demo teams have their bilingual macros', async () => {
    const glucose = DEMO_MACROS.filter((m) => m.teamId === DEMO_TEAMS.glucose.id);
    expect(glucose.map((m) => m.shortcut)).toEqual(['sensor', 'photo', 'thanks']);
    for (const m of glucose) expect((await stored(MACRO.kind, m.id))?.team_ids).toEqual([DEMO_TEAMS.glucose.id]);
  });

  it('a team macro is the lead’s (of that team) or an admin’s; an agent is refused', async () => {
    const id = newId();
    expect((await put('alice', id, macro())).status).toBe(403);
    expect((await put('omar', id, macro())).status).toBe(403);
    expect((await put('lena', id, macro())).status).toBe(200);
    expect((await stored(MACRO.kind, id))?.data).toMatchObject({ scope: 'team', teamId: DEMO_TEAMS.glucose.id, ownerId: null, shortcut: 'battery' });
    expect((await put('admin', id, macro({ title: 'Battery low' }))).status).toBe(200);
    expect((await httpCall(t, 'DELETE', `/api/macros/${id}`, await t.token('alice'))).status).toBe(403);
    expect((await httpCall(t, 'DELETE', `/api/macros/${id}`, await t.token('lena'))).status).toBe(200);
    expect((await stored(MACRO.kind, id))?.deleted).toBe(true);
  });

  it('an agent writes personal macros, owned by them whatever they send; nobody else may change them', async () => {
    const id = newId();
    const res = await put('alice', id, macro({ scope: 'personal', teamId: DEMO_TEAMS.cardio.id, shortcut: 'mine' }));
    expect(res.status).toBe(200);
    const aliceId = t.data.agents.find((a) => a.agent.username === 'alice')!.agent.id;
    expect((await stored(MACRO.kind, id))?.data).toMatchObject({ scope: 'personal', teamId: null, ownerId: aliceId });
    expect((await put('lena', id, macro({ scope: 'personal', shortcut: 'taken' }))).status).toBe(403);
  });

  it('refuses a macro with no text, a bad shortcut or an unknown status', async () => {
    for (const bad of [macro({ bodies: {} }), macro({ shortcut: 'two words' }), macro({ setStatus: 'done' }), macro({ extra: 1 })]) {
      expect((await put('lena', newId(), bad)).status).toBe(400);
    }
  });

  it('a signature per language is the agent’s own', async () => {
    const res = await httpCall(t, 'PUT', '/api/macros/signature', await t.token('mei'), { en: 'Mei Lin\nVitaLink Support', zh: '林梅\nVitaLink 客服' });
    expect(res.status).toBe(200);
    const meiId = t.data.agents.find((a) => a.agent.username === 'mei')!.agent.id;
    expect((await stored(SIGNATURE.kind, meiId))?.data).toEqual({ agentId: meiId, en: 'Mei Lin\nVitaLink Support', zh: '林梅\nVitaLink 客服' });
  });
});
