import { describe, expect, it } from 'vitest';
import { evaluateRules, sortRules, type EscalationFacts, type EscalationTrigger } from '../../../../src/shared/features/escalation';
import { baseCase, customer, rule } from './fixtures';

/** Rule evaluation (issue 13) as tables: each trigger, the conditions, fire-once and the order of several rules. */
const NOW = '2026-05-03T10:00:00.000Z';
const facts = (over: Partial<EscalationFacts> = {}): EscalationFacts => ({
  case: baseCase, customer, handlerRole: 'agent', contacts: [{ at: '2026-05-03T09:00:00.000Z', caseId: baseCase.id, subject: baseCase.subject }], tags: [], fired: new Set(), now: NOW, ...over,
});
const msg = (text: string, channel: 'chat' | 'email' = 'chat'): EscalationTrigger => ({ type: 'message', from: 'customer', text, channel });
const show = { type: 'show_script', script: 'x' } as const;

const RULES = sortRules([
  rule({ id: 'anxious', trigger: { type: 'mood', moods: ['anxious'] }, actions: [show] }),
  rule({ id: 'angry', trigger: { type: 'mood', moods: ['angry'] }, actions: [show] }),
  rule({ id: 'supervisor', trigger: { type: 'asks', asks: ['supervisor'] }, actions: [{ type: 'notify_lead' }] }),
  rule({ id: 'legal', trigger: { type: 'asks', asks: ['lawyer', 'regulator', 'public'] }, actions: [{ type: 'notify_lead' }] }),
  rule({ id: 'repeat', trigger: { type: 'repeat_contact', count: 3, withinDays: 7 }, actions: [{ type: 'route', to: 'lead' }] }),
  rule({ id: 'vip', trigger: { type: 'vip' }, actions: [{ type: 'raise_priority', to: 'P1' }] }),
  rule({ id: 'comp', trigger: { type: 'compensation', aboveAuthority: true }, actions: [{ type: 'request_approval', kind: 'compensation' }] }),
  rule({ id: 'sla-warn', trigger: { type: 'sla', states: ['warned'], clocks: ['firstResponse'] }, actions: [show] }),
  rule({ id: 'sla-breach', trigger: { type: 'sla', states: ['breached'] }, actions: [{ type: 'notify_lead' }] }),
  rule({ id: 'safety', trigger: { type: 'safety_flag' }, actions: [show] }),
]);
const ids = (t: EscalationTrigger, f = facts()) => evaluateRules(RULES, t, f).map((x) => `${x.ruleId}:${x.detail ?? ''}`);

describe('escalation rules: each trigger', () => {
  const table: { name: string; trigger: EscalationTrigger; facts?: Partial<EscalationFacts>; fires: string[] }[] = [
    { name: 'a neutral question fires nothing', trigger: msg('How do I pair the watch with my new phone?'), fires: [] },
    { name: 'an anxious message (en)', trigger: msg("I'm really worried, my dad fell last night and the watch didn't call anyone. Is it broken??"), fires: ['anxious:anxious'] },
    { name: 'an anxious message (zh)', trigger: msg('我好担心，我爸昨晚摔倒了，手表没有报警，怎么办？'), fires: ['anxious:anxious'] },
    { name: 'an angry message', trigger: msg('This is RIDICULOUS. Third sensor this month, worst company ever!!!'), fires: ['angry:angry'] },
    { name: 'a polite supervisor request (zh)', trigger: msg('请帮我转给你们主管，谢谢'), fires: ['supervisor:supervisor'] },
    // the labelled sets read a demand for the boss after support failed as anger: both rules fire, in their order
    { name: 'a frustrated supervisor request (zh)', trigger: msg('我要找你们领导，你们客服解决不了'), fires: ['angry:angry', 'supervisor:supervisor'] },
    { name: 'a lawyer threat', trigger: msg('If this is not fixed by Friday I will contact my lawyer.'), fires: ['angry:angry', 'legal:lawyer'] },
    { name: 'a regulator threat (zh)', trigger: msg('再不处理我就打12315投诉你们'), fires: ['angry:angry', 'legal:regulator'] },
    { name: 'a friend who is a lawyer is no threat', trigger: msg('My lawyer friend said the warranty should cover this, can you check?'), fires: [] },
    { name: 'a VIP customer writes', trigger: msg('Hello, a question about my order.'), facts: { customer: { ...customer, vip: true } }, fires: ['vip:'] },
    { name: 'the customer asks for a refund (above the agent tier)', trigger: msg('Could I get a refund for this patch, please?'), fires: ['comp:medium'] },
    { name: 'a refund is within a lead handler’s authority', trigger: msg('Could I get a refund for this patch, please?'), facts: { handlerRole: 'lead' }, fires: [] },
    { name: 'a coupon is within the agent tier', trigger: msg('Could I get a coupon for the next sensor?'), fires: [] },
    { name: 'the agent drafts a refund offer', trigger: { type: 'draft', text: 'I can offer you a full refund for the device.' }, fires: ['comp:medium'] },
    { name: 'a draft never reads as the customer’s mood', trigger: { type: 'draft', text: "I'm so sorry you're worried, please don't panic!!" }, fires: [] },
    { name: 'the first-response warning', trigger: { type: 'sla', state: 'warned', clock: 'firstResponse' }, fires: ['sla-warn:firstResponse.warned'] },
    { name: 'a resolution warning is not this rule’s clock', trigger: { type: 'sla', state: 'warned', clock: 'resolution' }, fires: [] },
    { name: 'a breach of any clock', trigger: { type: 'sla', state: 'breached', clock: 'resolution' }, fires: ['sla-breach:resolution.breached'] },
    { name: 'the safety flag', trigger: { type: 'safety_flag' }, fires: ['safety:'] },
  ];
  it.each(table)('$name', ({ trigger, facts: over, fires }) => {
    expect(ids(trigger, facts(over))).toEqual(fires);
  });
});

describe('escalation rules: repeat contact', () => {
  const c = (at: string, caseId: string, subject: string) => ({ at, caseId, subject });
  it('the third contact on the same problem within 7 days fires; other problems and older contacts do not count', () => {
    const two = [c('2026-04-29T10:00:00.000Z', 'k1', 'Watch did not detect a fall'), c('2026-05-03T09:00:00.000Z', baseCase.id, baseCase.subject)];
    expect(ids({ type: 'case' }, facts({ contacts: two }))).toEqual([]);
    const three = [c('2026-04-20T10:00:00.000Z', 'k0', 'Watch did not detect fall'), c('2026-04-28T10:00:00.000Z', 'k2', 'Strap broke'), ...two, c('2026-05-03T09:30:00.000Z', baseCase.id, baseCase.subject)];
    expect(ids({ type: 'case' }, facts({ contacts: three }))).toEqual(['repeat:3']);
    // a reply-prefixed subject is the same problem; 6 days ago counts, 8 days ago does not
    const recent = [c('2026-04-27T10:00:00.000Z', 'k3', 'RE: Watch did not detect fall'), ...two];
    expect(ids(msg('hello again'), facts({ contacts: recent }))).toEqual(['repeat:3']);
    const old = [c('2026-04-25T09:00:00.000Z', 'k3', 'RE: Watch did not detect fall'), ...two];
    expect(ids(msg('hello again'), facts({ contacts: old }))).toEqual([]);
  });
});

describe('escalation rules: conditions, fire-once and order', () => {
  const cond = (conditions: Parameters<typeof rule>[0]['conditions']) => sortRules([rule({ id: 'c', trigger: { type: 'condition' }, conditions, actions: [{ type: 'add_tag', tag: 't' }] })]);
  const fires = (conditions: Parameters<typeof rule>[0]['conditions'], over: Partial<EscalationFacts> = {}) => evaluateRules(cond(conditions), { type: 'case' }, facts(over)).length === 1;
  it.each([
    { name: 'segment eq elderly', c: [{ field: 'customer.segment', op: 'eq', value: 'elderly' }], want: true },
    { name: 'segment eq adult', c: [{ field: 'customer.segment', op: 'eq', value: 'adult' }], want: false },
    { name: 'device kind in [smart_watch, cgm]', c: [{ field: 'device.kind', op: 'in', value: ['smart_watch', 'cgm'] }], want: true },
    { name: 'device kind not_in [smart_watch]', c: [{ field: 'device.kind', op: 'not_in', value: ['smart_watch'] }], want: false },
    { name: 'firmware lt 2.10 (versions compare part by part)', c: [{ field: 'device.firmware', op: 'lt', value: '2.10' }], want: true },
    { name: 'firmware gt 2.10', c: [{ field: 'device.firmware', op: 'gt', value: '2.10' }], want: false },
    { name: 'warranty active on 2026-05-03', c: [{ field: 'device.warranty', op: 'eq', value: 'active' }], want: true },
    { name: 'priority in [P0, P1] on a P2 case', c: [{ field: 'case.priority', op: 'in', value: ['P0', 'P1'] }], want: false },
    { name: 'all conditions must hold', c: [{ field: 'customer.segment', op: 'eq', value: 'elderly' }, { field: 'customer.vip', op: 'eq', value: true }], want: false },
  ] as const)('$name', ({ c, want }) => {
    expect(fires([...c] as never)).toBe(want);
  });
  it('warranty expired after its date', () => {
    expect(fires([{ field: 'device.warranty', op: 'eq', value: 'expired' }], { now: '2027-01-02T00:00:00.000Z' })).toBe(true);
  });
  it('a tag condition reads the case tags', () => {
    expect(fires([{ field: 'case.tags', op: 'contains', value: 'vip' }], { tags: ['vip'] })).toBe(true);
    expect(fires([{ field: 'case.tags', op: 'contains', value: 'vip' }])).toBe(false);
  });

  it('a rule fires once per case: a rule in `fired` is skipped', () => {
    const text = msg('I am so scared, is this dangerous?');
    expect(ids(text)).toEqual(['anxious:anxious']);
    expect(ids(text, facts({ fired: new Set(['anxious']) }))).toEqual([]);
  });
  it('a disabled rule never fires', () => {
    const r = sortRules([rule({ id: 'off', enabled: false, trigger: { type: 'safety_flag' }, actions: [show] })]);
    expect(evaluateRules(r, { type: 'safety_flag' }, facts())).toEqual([]);
  });
  it('several rules fire in `order`, then by id', () => {
    const r = sortRules([
      rule({ id: 'b', order: 5, trigger: { type: 'safety_flag' }, actions: [show] }),
      rule({ id: 'a', order: 5, trigger: { type: 'safety_flag' }, actions: [show] }),
      rule({ id: 'z', order: 1, trigger: { type: 'safety_flag' }, actions: [show] }),
    ]);
    expect(evaluateRules(r, { type: 'safety_flag' }, facts()).map((f) => f.ruleId)).toEqual(['z', 'a', 'b']);
  });
  it('one message can fire a mood rule and an ask rule together', () => {
    expect(ids(msg('This is a scam!!! I want to speak to your manager NOW.'))).toEqual(['angry:angry', 'supervisor:supervisor']);
  });
});
