import { describe, expect, it } from 'vitest';
import { alertNotice, type SlaAlert } from '../../../src/shared/features/sla/alerts';

let n = 0;
const alert = (level: SlaAlert['level'], over: Partial<SlaAlert> = {}): SlaAlert => {
  n += 1;
  const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    eventId: id, caseId: id, customerId: id, teamId: id, assigneeId: null,
    subject: 'Mrs Chen: sensor burn on arm', kind: level === 'red' ? 'breached' : 'warned', clock: 'firstResponse',
    level, dueAt: '2026-12-05T10:00:00.000Z', late: false, as: 'assignee', ...over,
  };
};

describe('the OS notification for SLA alerts', () => {
  const cases: Array<[string, SlaAlert[], string, { title: string; body: string } | null]> = [
    ['nothing for yellow only', [alert('yellow')], 'en', null],
    ['nothing for no alerts', [], 'en', null],
    ['an orange warning', [alert('orange', { clock: 'resolution' })], 'en-US', { title: 'SLA due soon: Resolution', body: 'Open Omnidesk to act on the case.' }],
    ['red before orange, the rest counted', [alert('orange'), alert('yellow'), alert('red', { clock: 'nextResponse' })], 'en', { title: 'SLA breached: Next response (+1)', body: 'Open Omnidesk to act on the case.' }],
    ['escalated to the lead', [alert('red', { as: 'lead' })], 'en', { title: 'SLA breached: First response', body: 'Open Omnidesk to act on the case. · escalated to you as team lead' }],
    ['in Chinese for a zh locale', [alert('red')], 'zh-CN', { title: 'SLA 已超时: 首次响应', body: '请打开 Omnidesk 处理该工单。' }],
  ];
  it.each(cases)('%s', (_name, alerts, language, want) => {
    const got = alertNotice(alerts, language);
    expect(got === null ? null : { title: got.title, body: got.body }).toEqual(want);
  });

  it('opens the loudest alert and never names the customer or the subject (lock screens are public)', () => {
    const red = alert('red');
    const got = alertNotice([alert('orange'), red], 'en')!;
    expect(got.alert).toBe(red);
    expect(`${got.title} ${got.body}`).not.toMatch(/Chen|sensor|burn/);
  });
});
