import { describe, expect, it } from 'vitest';
import { macrosHandlers } from '../../../src/main/core/features/macros';
import { MACRO, SIGNATURE, newId, type Macro } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { openStore, pullEvents } from '../../support/temp-store';
import { caseOpened, customerCreated, makeAgent, makeCase, makeCustomer } from './helpers/fixtures';

const TEAM = newId();
const OTHER = newId();

describe('macros on the desktop: listed and filled from the cache, offline too (issue 15)', () => {
  const defer = cleanupAfterEach();
  const me = makeAgent({ role: 'agent', teamIds: [TEAM], username: 'mei' });
  const m = (over: Partial<Macro>): Macro => ({ id: newId(), scope: 'team', teamId: TEAM, ownerId: null, title: 'Sensor', shortcut: 'sensor', bodies: { en: 'Your {{device.model}}', zh: '您的{{device.kind}}（{{device.serial}}）' }, setStatus: null, addTags: [], updatedAt: '2026-12-07T10:00:00.000Z', ...over });

  function world() {
    const store = openStore(defer);
    // the team's macro as saved before macros had tags (no addTags in its data)
    const { addTags: _none, ...team } = m({});
    const mine = m({ scope: 'personal', teamId: null, ownerId: me.id, title: 'My sensor text', shortcut: 'sensor', bodies: { en: 'Mine: {{customer.name}}' }, addTags: ['sensor-swap'] });
    const foreign = m({ teamId: OTHER, shortcut: 'other' });
    const colleague = m({ scope: 'personal', teamId: null, ownerId: newId(), shortcut: 'theirs' });
    store.reference.apply({
      items: [team, mine, foreign, colleague].map((x, i) => ({ kind: MACRO.kind, id: x.id, version: i + 1, teamIds: [TEAM], data: x, deleted: false })).concat([
        { kind: SIGNATURE.kind, id: me.id, version: 9, teamIds: [TEAM], data: { agentId: me.id, en: 'Mei', zh: '林梅' } as never, deleted: false },
      ]),
      next: 10,
    });
    const customer = makeCustomer(TEAM, { devices: [{ kind: 'cgm', model: 'GlucoSense G7', serial: 'GS7-42', firmware: '2.1', warrantyUntil: '2027-01-01' }] });
    const k = makeCase(customer, { assigneeId: me.id });
    pullEvents(store, [customerCreated(customer), caseOpened(k)]);
    const h = macrosHandlers({
      store: () => store,
      agent: () => me,
      session: () => ({ serverUrl: 'http://server.test', token: 't', offline: true }),
      http: { fetch: async () => new Response(null, { status: 500 }), timeoutMs: 100 },
      referenceChanged: () => undefined,
    });
    return { h, team, mine, customer, k };
  }

  it('lists the team’s and my own, mine first; never another team’s or a colleague’s personal ones', async () => {
    const w = world();
    expect((await w.h['macros.list']({})).macros.map((x) => [x.id, x.editable])).toEqual([
      [w.mine.id, true],
      [w.team.id, false],
    ]);
  });

  it('fills a macro in the customer’s language with their device, by id or by shortcut (mine wins a shared shortcut)', async () => {
    const w = world();
    expect(await w.h['macros.render']({ macroId: w.team.id, customerId: w.customer.id, caseId: w.k.id })).toEqual({ macroId: w.team.id, text: '您的血糖仪（GS7-42）', language: 'zh', missing: [], setStatus: null, addTags: [] });
    expect(await w.h['macros.render']({ shortcut: 'SENSOR', customerId: w.customer.id, caseId: null })).toMatchObject({ macroId: w.mine.id, addTags: ['sensor-swap'] });
    expect(await codeOf(w.h['macros.render']({ shortcut: 'other', customerId: w.customer.id, caseId: null }))).toBe('NOT_FOUND');
  });

  it('my signature comes from the cache; saving needs the server', async () => {
    const w = world();
    expect(await w.h['macros.signature']({})).toEqual({ agentId: me.id, en: 'Mei', zh: '林梅' });
    expect(await codeOf(w.h['macros.saveSignature']({ en: 'x', zh: 'y' }))).toBe('UNAVAILABLE');
  });
});
