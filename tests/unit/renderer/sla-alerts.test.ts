import { describe, expect, it } from 'vitest';
import { addAlerts, MAX_ALERTS } from '../../../src/renderer/features/sla';
import type { SlaAlert } from '../../../src/shared';

let n = 0;
const alert = (level: SlaAlert['level'], over: Partial<SlaAlert> = {}): SlaAlert => {
  n += 1;
  const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return { eventId: id, caseId: id, customerId: id, subject: `case ${n}`, kind: level === 'red' ? 'breached' : 'warned', clock: 'firstResponse', level, dueAt: '2026-12-05T10:00:00.000Z', late: false, as: 'assignee', ...over };
};

describe('the SLA alert tray', () => {
  it('shows the newest first and drops a re-delivered alert', () => {
    const a = alert('orange');
    const b = alert('red');
    const shown = addAlerts([], [a, b]);
    expect(shown.map((x) => x.eventId)).toEqual([b.eventId, a.eventId]);
    expect(addAlerts(shown, [a])).toEqual(shown);
  });

  it(`keeps at most ${MAX_ALERTS}, red ones over quieter ones`, () => {
    const reds = [alert('red'), alert('red')];
    const quiet = Array.from({ length: 6 }, () => alert('yellow'));
    const shown = addAlerts(addAlerts([], reds), quiet);
    expect(shown).toHaveLength(MAX_ALERTS);
    expect(shown.filter((x) => x.level === 'red')).toHaveLength(2);
    // the newest quiet ones stay
    expect(shown.filter((x) => x.level === 'yellow').map((x) => x.eventId)).toEqual(quiet.slice(-(MAX_ALERTS - 2)).reverse().map((x) => x.eventId));
  });
});
