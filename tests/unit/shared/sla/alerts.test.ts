import { describe, expect, it } from 'vitest';
import { alertLevel, slaAlertAudience, type AlertRecipient } from '../../../../src/shared';

const TEAM = 'team-a';
const OTHER = 'team-b';
const me = (role: AlertRecipient['role'], teamIds = [TEAM]): AlertRecipient => ({ id: 'me', role, teamIds });

describe('who hears of an SLA warning or breach', () => {
  it.each([
    // [who, case assignee, case team, kind, expected]
    ['agent, own case, warned', me('agent'), 'me', TEAM, 'warned', 'assignee'],
    ['agent, own case, breached', me('agent'), 'me', TEAM, 'breached', 'assignee'],
    ['agent, a colleague’s case', me('agent'), 'other', TEAM, 'breached', null],
    ['agent, unassigned case of the team', me('agent'), null, TEAM, 'warned', null],
    ['lead, a colleague’s case, warned: the assignee acts', me('lead'), 'other', TEAM, 'warned', null],
    ['lead, a colleague’s case, breached: escalated to the lead', me('lead'), 'other', TEAM, 'breached', 'lead'],
    ['lead, unassigned case, warned: nobody else would act', me('lead'), null, TEAM, 'warned', 'lead'],
    ['lead of another team', me('lead', [OTHER]), null, TEAM, 'breached', null],
    ['lead, own case', me('lead'), 'me', TEAM, 'breached', 'assignee'],
    ['admin is not on the floor', me('admin'), null, TEAM, 'breached', null],
    ['specialist on the case', me('specialist'), 'me', TEAM, 'breached', 'assignee'],
    ['specialist not on the case', me('specialist'), null, TEAM, 'breached', null],
  ] as const)('%s', (_name, who, assigneeId, teamId, kind, expected) => {
    expect(slaAlertAudience(who, { teamId, assigneeId }, kind)).toBe(expected);
  });
});

describe('alert level (DOMAIN.md: yellow within 24 h, orange within 4 h, red at once)', () => {
  const now = Date.parse('2026-12-05T10:00:00Z');
  const h = 3_600_000;
  it.each([
    ['breached', now - h, 'red'],
    ['breached', now + 10 * h, 'red'],
    ['warned', now + 4 * h, 'orange'],
    ['warned', now + 30 * 60_000, 'orange'],
    ['warned', now + 4 * h + 1, 'yellow'],
    ['warned', now + 20 * h, 'yellow'],
  ] as const)('%s due at %s → %s', (kind, dueAt, level) => {
    expect(alertLevel(kind, dueAt, now)).toBe(level);
  });
});
