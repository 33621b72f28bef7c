import { describe, expect, it } from 'vitest';
import { addAlerts, MAX_ALERTS, reassignCandidates } from '../../../src/renderer/features/sla';
import type { SlaAlert } from '../../../src/shared';

let n = 0;
const alert = (level: SlaAlert['level'], over: Partial<SlaAlert> = {}): SlaAlert => {
  n += 1;
  const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return { eventId: id, caseId: id, customerId: id, teamId: id, assigneeId: null, subject: `case ${n}`, kind: level === 'red' ? 'breached' : 'warned', clock: 'firstResponse', level, dueAt: '2026-12-05T10:00:00.000Z', late: false, as: 'assignee', ...over };
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

describe("the lead's reassignment from an alert", () => {
  const team = '00000000-0000-7000-8000-0000000000aa';
  const other = '00000000-0000-7000-8000-0000000000bb';
  const agent = (n: number, role: 'agent' | 'lead' | 'specialist' | 'admin', teamIds = [team]) => ({
    id: `00000000-0000-7000-8000-00000000010${n}`, username: `u${n}`, displayName: `U ${n}`, role, teamIds, languages: ['en' as const], presence: 'online' as const,
  });
  const lead = agent(1, 'lead');
  const alice = agent(2, 'agent');
  const bob = agent(3, 'agent');
  const spec = agent(4, 'specialist');
  const foreign = agent(5, 'agent', [other]);
  const agents = [lead, alice, bob, spec, foreign];

  it("offers the case team's agents other than the current assignee; nobody from another team", () => {
    const a = alert('red', { teamId: team, assigneeId: alice.id, as: 'lead' });
    expect(reassignCandidates(lead, a, agents).map((x) => x.id)).toEqual([lead.id, bob.id, spec.id]);
  });

  it('an agent may only hand their case to a specialist or take it (the shared assignment rule)', () => {
    const a = alert('red', { teamId: team, assigneeId: alice.id, as: 'assignee' });
    expect(reassignCandidates(alice, a, agents).map((x) => x.id)).toEqual([spec.id]);
    expect(reassignCandidates(null, a, agents)).toEqual([]);
  });
});
