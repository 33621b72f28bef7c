import { describe, expect, it } from 'vitest';
import { safetyNotice, hearsSafetyAlert, type SafetyAlert } from '../../../src/shared/features/safety/alerts';
import { addSafetyAlerts } from '../../../src/renderer/features/safety/SafetyAlerts';
import { webNotifier, type WebNotificationApi } from '../../../src/renderer/kernel/notify/web-notifier';

const alert = (n: number): SafetyAlert => ({
  eventId: `00000000-0000-7000-8000-00000000000${n}`, caseId: '00000000-0000-7000-8000-000000000020', customerId: '00000000-0000-7000-8000-000000000030',
  teamId: '00000000-0000-7000-8000-000000000040', subject: 'the patch burned my mother’s chest', categories: ['burn_heat'], awareAt: '2026-12-05T10:00:00.000Z', source: 'detector',
});

describe('safety alerts: who hears, how they stack, what a notification says', () => {
  it.each([
    ['lead of the team', 'lead', true, null, true],
    ['specialist of the team', 'specialist', true, null, true],
    ['frontline agent', 'agent', true, null, false],
    ['lead of another team', 'lead', false, null, false],
    ['the specialist who flagged it by hand', 'specialist', true, 'me', false],
  ] as const)('%s → %s', (_l, role, inTeam, author, hears) => {
    const me = { id: 'me', role, teamIds: inTeam ? [alert(1).teamId] : ['other'] };
    expect(hearsSafetyAlert(me, alert(1).teamId, author)).toBe(hears);
  });
  it('newest first, one per flag, every one kept', () => {
    const shown = addSafetyAlerts([], [alert(1), alert(2)]);
    expect(shown.map((a) => a.eventId)).toEqual([alert(2).eventId, alert(1).eventId]);
    expect(addSafetyAlerts(shown, [alert(2), alert(3)]).map((a) => a.eventId)).toEqual([alert(3).eventId, alert(2).eventId, alert(1).eventId]);
  });
  it('the notice names neither the customer, the case nor the harm; in the agent’s language', () => {
    expect(safetyNotice([alert(1), alert(2)], 'en-GB')).toMatchObject({ title: 'Possible harm reported (+1)', alert: alert(2) });
    expect(safetyNotice([alert(1)], 'zh-CN')?.title).toBe('收到可能伤害报告');
    const n = safetyNotice([alert(1)], 'en')!;
    expect(`${n.title} ${n.body}`).not.toMatch(/patch|burn|mother/i);
    expect(safetyNotice([], 'en')).toBeNull();
  });
  it('a hidden tab with permission shows one notification; a click opens the case', () => {
    const shown: Array<{ title: string; tag: string; onclick: (() => void) | null; close(): void }> = [];
    const Api = class {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(public title: string, options: { body: string; tag: string }) {
        Object.assign(this, options);
        shown.push(this as never);
      }
      close() {}
    } as unknown as WebNotificationApi;
    const opened: SafetyAlert[] = [];
    const notify = webNotifier<SafetyAlert>({ api: Api, hidden: () => true, notice: (a) => safetyNotice(a, 'en'), open: (a) => opened.push(a), focus: () => undefined });
    notify([alert(1)]);
    expect(shown.map((s) => [s.title, s.tag])).toEqual([['Possible harm reported', alert(1).eventId]]);
    shown[0]!.onclick!();
    expect(opened).toEqual([alert(1)]);
    const quiet = webNotifier<SafetyAlert>({ api: Api, hidden: () => false, notice: (a) => safetyNotice(a, 'en'), open: () => undefined, focus: () => undefined });
    quiet([alert(2)]);
    expect(shown).toHaveLength(1);
  });
});
