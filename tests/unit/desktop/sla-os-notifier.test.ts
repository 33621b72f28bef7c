import { describe, expect, it } from 'vitest';
import { slaOsNotifier, type NotificationApi } from '../../../src/main/electron/sla-notifier';
import type { CoreNotification } from '../../../src/main/core/desktop-core';
import type { SafetyAlert, SlaAlert } from '../../../src/shared';

const alert = (level: SlaAlert['level']): SlaAlert => ({
  eventId: '00000000-0000-7000-8000-000000000001', caseId: '00000000-0000-7000-8000-000000000002', customerId: '00000000-0000-7000-8000-000000000003',
  teamId: '00000000-0000-7000-8000-000000000004', assigneeId: null, subject: 'CGM reading wrong, took insulin', kind: level === 'red' ? 'breached' : 'warned',
  clock: 'resolution', level, dueAt: '2026-12-05T10:00:00.000Z', late: false, as: 'lead',
});

function fakeNotification(supported = true) {
  const shown: Array<{ title: string; body: string; click?: () => void; visible: boolean }> = [];
  const Ctor = class {
    private readonly rec: (typeof shown)[number];
    constructor(options: { title: string; body: string }) {
      this.rec = { ...options, visible: false };
      shown.push(this.rec);
    }
    static isSupported() {
      return supported;
    }
    on(_event: 'click', listener: () => void) {
      this.rec.click = listener;
    }
    show() {
      this.rec.visible = true;
    }
  };
  return { Notification: Ctor as unknown as NotificationApi, shown };
}

describe("the Electron shell's OS notification for SLA and safety alerts", () => {
  const setup = (inBackground: boolean, supported = true) => {
    const fake = fakeNotification(supported);
    const opened: Array<{ customerId: string; caseId: string | null }> = [];
    const listener = slaOsNotifier({ Notification: fake.Notification, language: () => 'zh-CN', inBackground: () => inBackground, open: (a) => opened.push(a) });
    return { ...fake, opened, listener };
  };
  const sla = (alerts: SlaAlert[]): CoreNotification => ({ event: 'sla.alert', payload: { alerts } });

  it('shows the loudest alert in the OS language while the window is in the background; a click opens its case', () => {
    const s = setup(true);
    const red = alert('red');
    s.listener(sla([alert('orange'), red]));
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]).toMatchObject({ title: 'SLA 已超时: 解决 (+1)', visible: true });
    expect(s.shown[0]!.body).toContain('已升级给您');
    expect(JSON.stringify(s.shown)).not.toMatch(/CGM|insulin/);
    s.shown[0]!.click!();
    expect(s.opened).toEqual([red]);
  });

  it('a possible harm report is always shown in the background, without the customer, the case or the kind of harm; a click opens the case', () => {
    const s = setup(true);
    const flag: SafetyAlert = {
      eventId: '00000000-0000-7000-8000-000000000011', caseId: '00000000-0000-7000-8000-000000000012', customerId: '00000000-0000-7000-8000-000000000013',
      teamId: '00000000-0000-7000-8000-000000000004', subject: 'ECG patch burned my mother', categories: ['burn_heat'], awareAt: '2026-12-05T10:00:00.000Z', source: 'detector',
    };
    s.listener({ event: 'safety.alert', payload: { alerts: [flag] } });
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]).toMatchObject({ title: '收到可能伤害报告', visible: true });
    expect(JSON.stringify(s.shown)).not.toMatch(/ECG|burn|mother/i);
    s.shown[0]!.click!();
    expect(s.opened).toEqual([flag]);
  });

  it.each([
    ['the window has focus', false, true, [alert('red')]],
    ['the OS has no notifications', true, false, [alert('red')]],
    ['only yellow alerts came', true, true, [alert('yellow')]],
  ] as const)('stays quiet when %s', (_why, inBackground, supported, alerts) => {
    const s = setup(inBackground, supported);
    s.listener(sla([...alerts]));
    expect(s.shown).toHaveLength(0);
  });

  it('ignores every other notification of the core', () => {
    const s = setup(true);
    s.listener({ event: 'app.open', payload: { customerId: alert('red').customerId, caseId: null } });
    expect(s.shown).toHaveLength(0);
  });
});
