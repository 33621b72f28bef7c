import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestInbound } from '../../../src/server/channels/ingest';
import { importShippedDocuments } from '../../../src/server/features/escalation';
import { DEMO_TEAMS } from '../../../src/server/seed';
import { ESCALATION_DOCUMENT, EscalationDocumentSaved } from '../../../src/shared';
import type { Case } from '../../../src/shared/kernel/case';
import { captureLogger, eventsOf, inbound } from '../channels/helpers';
import { forEachDatabase } from '../helpers/databases';
import { errorOf, httpCall, mutation, push, startTestServer, type TestServer } from '../helpers/server';

/**
 * Escalation on the real server (issue 13): the shipped rules are imported at start; a risky message fires its rule
 * once per case (the event and the case's projection), a third contact on one problem routes to the lead with a
 * summary, a refund above the agent's tier waits for a lead; an admin's file with an error is refused with file, line
 * and reason while the last valid set stays in force; nothing of a message reaches the log.
 */
const SHIPPED = fileURLToPath(new URL('../../../resources/escalation', import.meta.url));
const ANXIOUS_ZH = '我很担心，血糖仪的读数一直忽高忽低，晚上都睡不着，会不会有危险？';

forEachDatabase('escalation rules on the server', (ctx) => {
  let t: TestServer;
  const log = captureLogger();
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { customers: 12 });
    const r = await importShippedDocuments(ctx.db, SHIPPED, log);
    expect(r.errors).toEqual([]);
    expect(r.imported).toEqual(['rules.yaml', 'scripts.yaml']);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  const agentId = (username: string) => t.data.agents.find((a) => a.agent.username === username)!.agent.id;
  const caseOf = async (id: string) => (await ctx.db.query<{ data: Case }>('select data from cases where id = $1', [id])).rows[0]!.data;
  const fired = async (caseId: string) => (await eventsOf(ctx.db, "case_id = $1 and kind = 'escalation.fired'", [caseId])).map((e) => e.meta['ruleId']);
  const storedDocs = async () =>
    (await ctx.db.query<{ id: string; version: string }>('select id, version::text as version from reference_items where kind = $1 and not deleted order by id', [ESCALATION_DOCUMENT.kind])).rows;
  const chat = (body: string, threadRef?: string) => ingestInbound({ db: ctx.db, poke: () => undefined, logger: log }, inbound({ body, teamHint: DEMO_TEAMS.glucose.id, ...(threadRef ? { threadRef } : {}) }));

  it('importing the shipped files again changes nothing (an import is by the file’s hash)', async () => {
    const before = await storedDocs();
    expect(await importShippedDocuments(ctx.db, SHIPPED, log)).toEqual({ imported: [], errors: [] });
    expect(await storedDocs()).toEqual(before);
  });

  it('an anxious Chinese chat fires the calming rule once: a second anxious message on the case does not fire it again', async () => {
    const first = await chat(ANXIOUS_ZH, 'anxious-chat-1');
    expect(await fired(first.caseId!)).toEqual(['anxious-customer']);
    const [e] = await eventsOf(ctx.db, "case_id = $1 and kind = 'escalation.fired'", [first.caseId]);
    expect(e!.meta).toMatchObject({ trigger: 'mood', actions: [{ type: 'show_script', script: 'anxious-customer' }] });
    expect((await caseOf(first.caseId!)).escalation?.fired).toEqual(['anxious-customer']);

    const again = await chat('我好害怕，这个读数是不是说明我妈妈的血糖出问题了？我该怎么办？', 'anxious-chat-1');
    expect(again.caseId).toBe(first.caseId);
    expect(await fired(first.caseId!)).toEqual(['anxious-customer']);
  });

  it('a customer asking for a supervisor: the angry-customer script, the tag and the lead told; a calm message fires nothing', async () => {
    const calm = await chat('Hello, how do I pair the new sensor with the app?', 'calm-chat');
    expect(await fired(calm.caseId!)).toEqual([]);
    const r = await chat('This is ridiculous, I want to speak to your supervisor right now.', 'calm-chat');
    const ids = await fired(r.caseId!);
    expect(ids).toContain('supervisor-request');
    expect((await caseOf(r.caseId!)).escalation?.tags).toContain('supervisor-request');
    const [e] = await eventsOf(ctx.db, "case_id = $1 and kind = 'escalation.fired' and meta->>'ruleId' = 'supervisor-request'", [r.caseId]);
    expect(e!.meta['actions']).toEqual(expect.arrayContaining([{ type: 'show_script', script: 'angry-customer' }, { type: 'notify_lead' }]));
  });

  it('an agent’s reply offering a full refund (above her tier) fires the compensation rule; her approval request waits for a lead', async () => {
    const r = await chat('The sensor failed after two days, again.', 'refund-chat');
    const alice = await t.connect(await t.token('alice'));
    const lena = await t.connect(await t.token('lena'));
    const assign = await push(alice, [mutation('case.assign', { caseId: r.caseId!, assigneeId: agentId('alice') })]);
    expect(assign.results[0]).toMatchObject({ status: 'applied' });
    const sent = await push(alice, [mutation('reply.send', { caseId: r.caseId!, threadId: r.threadId!, body: 'We can refund the full price of the device and send a replacement.' })]);
    expect(sent.results[0]).toMatchObject({ status: 'applied' });
    expect(await fired(r.caseId!)).toContain('compensation-above-tier');

    const req = mutation('approval.request', { caseId: r.caseId!, tier: 'medium', note: 'full refund' });
    expect((await push(alice, [req])).results[0]).toMatchObject({ status: 'applied' });
    expect((await caseOf(r.caseId!)).escalation?.approvals).toEqual([expect.objectContaining({ id: req.id, tier: 'medium', state: 'pending' })]);
    // the agent may not approve her own request; the lead may
    const self = await push(alice, [mutation('approval.decide', { caseId: r.caseId!, approvalId: req.id, approved: true, reason: '' })]);
    expect(self.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    expect((await push(lena, [mutation('approval.decide', { caseId: r.caseId!, approvalId: req.id, approved: true, reason: 'long-standing customer' })])).results[0]).toMatchObject({ status: 'applied' });
    expect((await caseOf(r.caseId!)).escalation?.approvals[0]).toMatchObject({ state: 'approved', decidedById: agentId('lena') });
    alice.close();
    lena.close();
  });

  it('nothing of the messages reaches the log', () => {
    const text = log.text() + t.logs();
    expect(text).not.toContain('血糖仪');
    expect(text).not.toContain('supervisor right now');
    expect(text).not.toContain('refund the full price');
  });

  it('an admin’s file with a schema error, an unknown script or a cycle is refused with file, line and reason; the set in force stays', async () => {
    const admin = await t.token('admin');
    const before = await storedDocs();
    const bad = [
      ['rules:\n  - id: x\n    name: { en: X, zh-CN: X }\n    trigger: { type: moood }\n    actions: []\n', /extra\.yaml:4/],
      ['rules:\n  - id: x\n    name: { en: X, zh-CN: X }\n    trigger: { type: vip }\n    actions:\n      - { type: show_script, script: no-such-script }\n', /extra\.yaml:6.*no-such-script/],
      ['rules:\n  - id: x\n    name: { en: X }\n    trigger: { type: vip }\n    actions: [{ type: notify_lead }]\n', /extra\.yaml:3.*zh-CN/],
      ['rules: [\n', /extra\.yaml:\d+/],
    ] as const;
    for (const [source, reason] of bad) {
      const res = await httpCall(t, 'PUT', '/api/escalation/documents/extra.yaml', admin, { source });
      expect(res.status, source).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message, source).toMatch(reason);
    }
    expect(await storedDocs()).toEqual(before);
    // an agent may not write rules at all
    expect((await httpCall(t, 'PUT', '/api/escalation/documents/extra.yaml', await t.token('alice'), { source: 'rules: []\n' })).status).toBe(403);
  });

  it('an admin adds a rule file: a new version the desktops pull, in the audit trail, in force for the next message; deleting it is refused while a rule of another file needs it', async () => {
    const admin = await t.token('admin');
    const source = [
      'rules:',
      '  - id: chat-tag',
      '    name: { en: Chat case, zh-CN: 聊天工单 }',
      '    order: 50',
      '    trigger: { type: condition }',
      '    conditions:',
      '      - { field: case.channel, op: eq, value: chat }',
      '    actions:',
      '      - { type: add_tag, tag: chat }',
      '',
    ].join('\n');
    const res = await httpCall(t, 'PUT', '/api/escalation/documents/extra.yaml', admin, { source });
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = EscalationDocumentSaved.parse(await res.json());
    expect(saved).toMatchObject({ name: 'extra.yaml', revision: 1, changed: true });
    const { rows } = await ctx.db.query<{ detail: Record<string, unknown> }>(`select detail from audit_log where action = 'escalation.configured' order by seq`);
    expect(rows.map((r) => r.detail)).toContainEqual(expect.objectContaining({ id: 'extra.yaml', version: saved.version, revision: 1 }));

    const next = await chat('Where do I find the serial number?', 'chat-after-rule');
    expect(await fired(next.caseId!)).toEqual(['chat-tag']);
    expect((await caseOf(next.caseId!)).escalation?.tags).toEqual(['chat']);

    // scripts.yaml holds scripts the rules of rules.yaml show: removing it would leave them dangling
    const refused = await httpCall(t, 'DELETE', '/api/escalation/documents/scripts.yaml', admin);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(/rules\.yaml:\d+/);
    expect((await httpCall(t, 'DELETE', '/api/escalation/documents/nothing.yaml', admin)).status).toBe(404);
    expect((await httpCall(t, 'DELETE', '/api/escalation/documents/extra.yaml', admin)).status).toBe(200);
    expect((await storedDocs()).map((d) => d.id)).toEqual(['rules.yaml', 'scripts.yaml']);
  });
});
