import { describe, expect, it } from 'vitest';
import { addEscalationAlerts } from '../../../src/renderer/features/escalation/EscalationAlerts';
import { escalationNames } from '../../../src/renderer/features/escalation/labels';
import type { EscalationAlert } from '../../../src/shared/features/escalation/bridge';
import type { EscalationLabels } from '../../../src/shared/features/escalation/labels';
import { newId } from '../../../src/shared/kernel/ids';

const alert = (n: number): EscalationAlert => ({ eventId: newId(), caseId: newId(), customerId: newId(), kind: 'notify', subject: `case ${n}`, detail: 'r', ruleName: null, at: '2026-12-06T10:00:00.000Z' });

describe('escalation alerts tray', () => {
  it('newest first, one per event: a re-delivered batch changes nothing', () => {
    const [a, b, c] = [alert(1), alert(2), alert(3)];
    const shown = addEscalationAlerts([], [a!, b!]);
    expect(shown.map((x) => x.subject)).toEqual(['case 2', 'case 1']);
    expect(addEscalationAlerts(shown, [b!, a!])).toEqual(shown);
    expect(addEscalationAlerts(shown, [c!]).map((x) => x.subject)).toEqual(['case 3', 'case 2', 'case 1']);
  });
});

describe('escalation names for timeline lines', () => {
  const L = (en: string, zh: string) => ({ en, 'zh-CN': zh });
  const labels: EscalationLabels = {
    rules: { 'anxious-customer': L('Anxious customer', '客户焦虑') },
    scripts: {
      calm: {
        title: L('Calm the customer', '安抚客户'),
        steps: { understand: L('Find out what worries them', '了解客户担心什么') },
        questions: { worry: { prompt: L('What worries them?', '客户担心什么？'), options: { cost: L('Cost', '费用') } }, unwell: { prompt: L('Unwell now?', '现在不适？'), options: {} } },
      },
    },
  };
  const yesNo = (v: boolean) => (v ? 'yes' : 'no');

  it('names what it knows in the agent’s language, and the answer’s label', () => {
    const misses: number[] = [];
    const zh = escalationNames(labels, 'zh-CN', () => misses.push(1));
    expect([zh.rule('anxious-customer'), zh.script('calm'), zh.step('understand'), zh.question('worry')]).toEqual(['客户焦虑', '安抚客户', '了解客户担心什么', '客户担心什么？']);
    expect(zh.answer('worry', 'cost', yesNo)).toBe('费用');
    expect(zh.answer('unwell', true, yesNo)).toBe('yes');
    expect(zh.answer('age', 82, yesNo)).toBe('82');
    expect(escalationNames(labels, 'en', () => undefined).question('worry')).toBe('What worries them?');
    expect(misses).toEqual([]);
  });

  it('an id it does not know (a rule added since, a script edited) shows as recorded and asks for the labels again', () => {
    const misses: string[] = [];
    const n = escalationNames(labels, 'en', () => misses.push('miss'));
    expect(n.rule('new-rule')).toBe('new-rule');
    expect(n.step('gone-step')).toBe('gone-step');
    expect(misses).toHaveLength(2);
    expect(escalationNames(null, 'en', () => misses.push('miss')).script('calm')).toBe('calm');
  });
});
