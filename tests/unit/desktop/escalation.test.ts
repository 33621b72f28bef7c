/**
 * Escalation on the desktop (issue 13): the panel from the cache (prompts the server's rules fired, a script run and
 * its checks, the answer chain), the compensation check as the agent types, the alerts each role hears, and the
 * labels the timeline names things with. Everything here reads the local cache: it works offline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escalationHandlers, newEscalationAlerts } from '../../../src/main/core/features/escalation';
import { commitLocalChange } from '../../../src/main/core/kernel/mutations';
import { AlertInbox } from '../../../src/main/core/kernel/alert-inbox';
import { ESCALATION_DOCUMENT, loadEscalationSet, newId, type Agent, type EscalationAlert, type EscalationDocument, type Event } from '../../../src/shared';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { openStore, pullEvents, type NewEvent } from '../../support/temp-store';
import { at, BASE_TIME, caseOpened, customerCreated, makeAgent, makeCase, makeCustomer, makeThread, messageReceived, threadOpened } from './helpers/fixtures';

const TEAM = newId();
const RULES_AUTHOR = { type: 'system' as const, id: null, name: 'Escalation rules' };

function shippedDocuments(): EscalationDocument[] {
  const files = ['rules.yaml', 'scripts.yaml'].map((name) => ({ name, text: readFileSync(new URL(`../../../resources/escalation/${name}`, import.meta.url), 'utf8') }));
  const r = loadEscalationSet(files);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.set.files.map((f, i) => ({ name: f.name, source: files[i]!.text, revision: 1, fileSha: null, updatedById: null, rules: f.rules, scripts: f.scripts }));
}

describe('escalation on the desktop (features/escalation)', () => {
  const defer = cleanupAfterEach();

  function world(me: Agent = makeAgent({ role: 'agent', teamIds: [TEAM], username: 'mei' })) {
    const store = openStore(defer);
    store.reference.apply({ items: shippedDocuments().map((d, i) => ({ kind: ESCALATION_DOCUMENT.kind, id: d.name, version: i + 1, teamIds: [], data: d, deleted: false })), next: 3 });
    const customer = makeCustomer(TEAM, { language: 'zh' });
    const k = makeCase(customer, { assigneeId: me.id, subject: '读数忽高忽低' });
    const thread = makeThread(k, { channel: 'chat' });
    pullEvents(store, [customerCreated(customer), caseOpened(k), threadOpened(thread), messageReceived(thread, '我很担心，读数一直忽高忽低，会不会有危险？', at(2))]);
    const inbox = new AlertInbox<EscalationAlert>();
    const h = escalationHandlers({
      store: () => store,
      agent: () => me,
      session: () => ({ serverUrl: 'http://server.test', token: 't', offline: true }),
      http: { fetch: async () => new Response(null, { status: 500 }), timeoutMs: 100 },
      inbox: () => inbox,
      change: (c) => ({ eventId: commitLocalChange(store, me, c).id }),
      referenceChanged: () => undefined,
    });
    const serverEvent = (kind: string, meta: Record<string, unknown>, minute: number, author: Event['author'] = RULES_AUTHOR): NewEvent =>
      ({ id: newId(), kind, customerId: customer.id, caseId: k.id, threadId: null, channel: 'internal', author, body: null, occurredAt: at(minute), meta }) as NewEvent;
    return { store, me, customer, k, h, inbox, serverEvent };
  }

  it('a rule the server fired is a prompt; starting its script is the first link of the answer chain; it is asked once', async () => {
    const w = world();
    pullEvents(w.store, [w.serverEvent('escalation.fired', { ruleId: 'anxious-customer', trigger: 'mood', detail: 'anxious', actions: [{ type: 'show_script', script: 'anxious-customer' }] }, 3)]);
    let panel = await w.h['escalation.panel']({ caseId: w.k.id });
    expect(panel.prompts.map((p) => [p.ruleId, p.scriptId, p.source])).toEqual([['anxious-customer', 'anxious-customer', 'server']]);
    expect(panel.language).toBe('zh');
    expect(panel.authority).toBe('basic');

    const { runId } = await w.h['escalation.start']({ caseId: w.k.id, scriptId: 'anxious-customer', ruleId: 'anxious-customer' });
    panel = await w.h['escalation.panel']({ caseId: w.k.id });
    expect(panel.prompts).toEqual([]);
    expect(panel.runs).toEqual([expect.objectContaining({ runId, stepId: 'acknowledge', done: false, missing: [], next: 'understand' })]);
    const queued = w.store.outbox.pendingBatch(10).map((m) => m.name);
    expect(queued).toEqual(['script.record']);
  });

  it('the runner refuses what the script does not allow: another step’s question, moving on with required answers open, a wrong answer type', async () => {
    const w = world();
    const { runId } = await w.h['escalation.start']({ caseId: w.k.id, scriptId: 'anxious-customer', ruleId: null });
    const record = (entry: Record<string, unknown>) => w.h['escalation.record']({ caseId: w.k.id, entry: { runId, ...entry } as never });
    expect(await codeOf(record({ type: 'answered', stepId: 'understand', questionId: 'worry', value: 'cost' }))).toBe('INVALID_ARGUMENT');
    await record({ type: 'advanced', stepId: 'acknowledge', to: 'understand' });
    expect(await codeOf(record({ type: 'advanced', stepId: 'understand', to: 'next_steps' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(record({ type: 'answered', stepId: 'understand', questionId: 'unwell_now', value: 'maybe' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(record({ type: 'answered', stepId: 'understand', questionId: 'worry', value: 'not-an-option' }))).toBe('INVALID_ARGUMENT');
    await record({ type: 'answered', stepId: 'understand', questionId: 'worry', value: 'data_readings' });
    await record({ type: 'answered', stepId: 'understand', questionId: 'unwell_now', value: true });
    // the answers lead: someone unwell goes to the care advice, not the next steps
    const panel = await w.h['escalation.panel']({ caseId: w.k.id });
    expect(panel.runs[0]).toMatchObject({ stepId: 'understand', missing: [], next: 'seek_care', answers: { worry: 'data_readings', unwell_now: true } });
    await record({ type: 'advanced', stepId: 'understand', to: 'seek_care' });
    expect((await w.h['escalation.panel']({ caseId: w.k.id })).runs[0]!.stepId).toBe('seek_care');
  });

  it('a draft offering a refund above the agent’s tier needs a lead’s approval, which a pulled decision gives', async () => {
    const w = world();
    const offer = 'We can refund the full price of the device.';
    expect(await w.h['escalation.check']({ caseId: w.k.id, draft: 'Please restart the receiver.' })).toMatchObject({ tier: null, needsApproval: false });
    expect(await w.h['escalation.check']({ caseId: w.k.id, draft: offer })).toMatchObject({ tier: 'medium', needsApproval: true, approved: false });
    const request = w.serverEvent('approval.requested', { kind: 'compensation', tier: 'medium', note: '' }, 5, { type: 'agent', id: w.me.id, name: null });
    const lead = makeAgent({ role: 'lead', teamIds: [TEAM], username: 'lena' });
    pullEvents(w.store, [request, w.serverEvent('approval.decided', { approvalId: request.id, approved: true, reason: 'ok' }, 6, { type: 'agent', id: lead.id, name: null })]);
    expect(await w.h['escalation.check']({ caseId: w.k.id, draft: offer })).toMatchObject({ tier: 'medium', needsApproval: true, approved: true });
    // an approval covers its tier, not a higher one
    expect(await w.h['escalation.check']({ caseId: w.k.id, draft: 'We will pay compensation for damages and your medical costs.' })).toMatchObject({ needsApproval: true, approved: false });
  });

  it('alerts: the lead hears of a handoff to the lead, an approval to decide and a rule that tells the lead (by its name); the asker hears the decision; once each', () => {
    const lead = makeAgent({ role: 'lead', teamIds: [TEAM], username: 'lena' });
    const w = world();
    const summary = { problem: 'x', device: null, mood: 'anxious', safety: false, tried: [], answers: [], open: [], note: '' };
    const request = w.serverEvent('approval.requested', { kind: 'compensation', tier: 'medium', note: '' }, 5, { type: 'agent', id: w.me.id, name: null });
    pullEvents(w.store, [
      w.serverEvent('case.handed_off', { to: 'lead', summary, ruleId: null }, 4, { type: 'agent', id: w.me.id, name: null }),
      w.serverEvent('case.handed_off', { to: 'specialist', summary, ruleId: null }, 4, { type: 'agent', id: w.me.id, name: null }),
      request,
      w.serverEvent('escalation.fired', { ruleId: 'supervisor-request', trigger: 'asks', detail: 'supervisor', actions: [{ type: 'notify_lead' }] }, 5),
      w.serverEvent('escalation.fired', { ruleId: 'anxious-customer', trigger: 'mood', detail: 'anxious', actions: [{ type: 'show_script', script: 'anxious-customer' }] }, 5),
    ]);
    const now = BASE_TIME + 10 * 60_000;
    const forLead = newEscalationAlerts(w.store, lead, now);
    expect(forLead.map((a) => [a.kind, a.detail])).toEqual([
      ['handoff', 'lead'],
      ['approval_requested', 'medium'],
      ['notify', 'supervisor-request'],
    ]);
    expect(forLead[2]!.ruleName).toEqual({ en: 'Customer asks for a supervisor', 'zh-CN': '客户要求找主管' });
    expect(newEscalationAlerts(w.store, lead, now)).toEqual([]);

    pullEvents(w.store, [w.serverEvent('approval.decided', { approvalId: request.id, approved: false, reason: 'too much' }, 7, { type: 'agent', id: lead.id, name: null })]);
    expect(newEscalationAlerts(w.store, w.me, now).map((a) => [a.kind, a.detail])).toEqual([['approval_decided', 'declined']]);
  });

  it('alerts leave out what is a day old: a new cache’s catch-up is not news', () => {
    const lead = makeAgent({ role: 'lead', teamIds: [TEAM], username: 'lena' });
    const w = world();
    pullEvents(w.store, [w.serverEvent('escalation.fired', { ruleId: 'supervisor-request', trigger: 'asks', detail: 'supervisor', actions: [{ type: 'notify_lead' }] }, 5)]);
    expect(newEscalationAlerts(w.store, lead, BASE_TIME + 25 * 3_600_000)).toEqual([]);
  });

  it('labels name the rules, scripts, steps, questions and choices in force, in both languages', async () => {
    const w = world();
    const labels = await w.h['escalation.labels']({});
    expect(labels.rules['anxious-customer']).toEqual({ en: 'Anxious customer', 'zh-CN': '客户焦虑' });
    expect(labels.scripts['anxious-customer']!.steps['understand']!.en).toBe('Find out what worries them');
    expect(labels.scripts['anxious-customer']!.questions['worry']!.options['data_readings']).toEqual({ en: 'Data or readings', 'zh-CN': '数据或读数' });
  });
});
