import { describe, expect, it } from 'vitest';
import { webAlertNotifier, type WebNotificationApi } from '../../../src/renderer/features/sla/web-notifier';
import type { SlaAlert } from '../../../src/shared';

const red: SlaAlert = {
  eventId: '00000000-0000-7000-8000-000000000001', caseId: '00000000-0000-7000-8000-000000000002', customerId: '00000000-0000-7000-8000-000000000003',
  teamId: '00000000-0000-7000-8000-000000000004', assigneeId: null, subject: 'ECG patch rash', kind: 'breached', clock: 'firstResponse',
  level: 'red', dueAt: '2026-12-05T10:00:00.000Z', late: false, as: 'assignee',
};

function fakeApi(permission: WebNotificationApi['permission']) {
  const shown: Array<{ title: string; body: string; tag: string; onclick: (() => void) | null; closed: boolean }> = [];
  const Api = class {
    static permission = permission;
    onclick: (() => void) | null = null;
    closed = false;
    constructor(public title: string, options: { body: string; tag: string }) {
      Object.assign(this, options);
      shown.push(this as never);
    }
    close() {
      this.closed = true;
    }
  };
  return { api: Api as unknown as WebNotificationApi, shown };
}

describe("the browser tab's SLA notification", () => {
  const setup = (permission: WebNotificationApi['permission'], hidden: boolean) => {
    const { api, shown } = fakeApi(permission);
    const opened: SlaAlert[] = [];
    let focused = 0;
    const notify = webAlertNotifier({ api, hidden: () => hidden, language: () => 'en', open: (a) => opened.push(a), focus: () => (focused += 1) });
    return { notify, shown, opened, focused: () => focused };
  };

  it('shows one notification while the tab is hidden; a click focuses the tab on the case', () => {
    const s = setup('granted', true);
    s.notify([red]);
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]).toMatchObject({ title: 'SLA breached: First response', tag: red.eventId });
    expect(JSON.stringify(s.shown[0])).not.toContain('ECG');
    s.shown[0]!.onclick!();
    expect(s.opened).toEqual([red]);
    expect(s.focused()).toBe(1);
    expect(s.shown[0]!.closed).toBe(true);
  });

  it.each([
    ['the tab is visible (the strip is enough)', 'granted', false],
    ['permission was not given', 'default', true],
    ['permission was refused', 'denied', true],
  ] as const)('shows nothing when %s', (_why, permission, hidden) => {
    const s = setup(permission, hidden);
    s.notify([red]);
    expect(s.shown).toHaveLength(0);
  });

  it('shows nothing without a Notification API', () => {
    expect(() => webAlertNotifier({ api: undefined, hidden: () => true, language: () => 'en', open: () => undefined, focus: () => undefined })([red])).not.toThrow();
  });
});
