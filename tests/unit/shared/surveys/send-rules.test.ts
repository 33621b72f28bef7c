import { describe, expect, it } from 'vitest';
import { acceptsAnswer, decideSurvey, DEFAULT_SURVEY_SETTINGS, earliestDelayHours, settingsFor, TeamSurveySettings, type SurveyFacts } from '../../../../src/shared/features/surveys';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const resolved: SurveyFacts = {
  caseStatus: 'resolved',
  resolvedAt: '2026-12-07T10:00:00Z',
  openSafetyFlag: false,
  channel: 'email',
  lastInboundAutomated: false,
  vendor: false,
  lastSurveyAt: null,
  alreadySent: false,
};

describe('when a customer is asked (issue 18)', () => {
  it.each([
    ['resolved: 24 h after the resolve', {}, false, { send: true, at: '2026-12-08T10:00:00.000Z' }],
    ['closed counts as resolved', { caseStatus: 'closed' }, false, { send: true, at: '2026-12-08T10:00:00.000Z' }],
    ['resolved days ago (the server was away): now', { resolvedAt: '2026-12-01T10:00:00Z' }, false, { send: true, at: '2026-12-07T12:00:00.000Z' }],
    ['resolved more than a week past its due time: history, not surveyed', { resolvedAt: '2026-11-29T11:59:00Z' }, false, { send: false, reason: 'too_late' }],
    ['long ago, but sent by hand', { resolvedAt: '2026-06-01T10:00:00Z' }, true, { send: true, at: '2026-12-07T12:00:00.000Z' }],
    ['still open', { caseStatus: 'open' }, false, { send: false, reason: 'not_resolved' }],
    ['waiting on the customer', { caseStatus: 'waiting_on_customer' }, false, { send: false, reason: 'not_resolved' }],
    ['an open safety flag', { openSafetyFlag: true }, false, { send: false, reason: 'safety_flag_open' }],
    ['an open safety flag, even by hand', { openSafetyFlag: true }, true, { send: false, reason: 'safety_flag_open' }],
    ['asked 13 days ago', { lastSurveyAt: '2026-11-24T12:00:01Z' }, false, { send: false, reason: 'cooldown' }],
    ['asked 14 days ago', { lastSurveyAt: '2026-11-23T12:00:00Z' }, false, { send: true, at: '2026-12-08T10:00:00.000Z' }],
    ['asked 3 days ago, sent by hand', { lastSurveyAt: '2026-12-04T12:00:00Z' }, true, { send: true, at: '2026-12-07T12:00:00.000Z' }],
    ['an auto-reply or a bounce', { lastInboundAutomated: true }, false, { send: false, reason: 'automated' }],
    ['a vendor', { vendor: true }, true, { send: false, reason: 'vendor' }],
    ['no channel to reach them', { channel: null }, false, { send: false, reason: 'no_channel' }],
    ['already sent for this case', { alreadySent: true }, true, { send: false, reason: 'already_sent' }],
    ['an agent skipped it', { skipped: true }, false, { send: false, reason: 'skipped' }],
    ['an agent skipped it, then sent one by hand', { skipped: true }, true, { send: true, at: '2026-12-07T12:00:00.000Z' }],
  ] as const)('%s', (_n, over, manual, expected) => {
    expect(decideSurvey({ ...resolved, ...over }, DEFAULT_SURVEY_SETTINGS, NOW, manual)).toEqual(expected);
  });

  it('a channel the team turned off is not used; another delay is the team’s', () => {
    const settings = { ...DEFAULT_SURVEY_SETTINGS, channels: ['email' as const], delayHours: 2 };
    expect(decideSurvey({ ...resolved, channel: 'chat' }, settings, NOW)).toEqual({ send: false, reason: 'channel_off' });
    expect(decideSurvey(resolved, settings, NOW)).toEqual({ send: true, at: '2026-12-07T12:00:00.000Z' });
  });

  it.each([
    ['the same day', '2026-12-07T09:00:00Z', true],
    ['27 days later', '2026-11-10T12:00:00Z', true],
    ['28 days to the millisecond', '2026-11-09T12:00:00Z', true],
    ['29 days later', '2026-11-08T12:00:00Z', false],
    ['sent in the future (a clock wrong)', '2026-12-08T12:00:00Z', false],
    ['no date', 'not a date', false],
  ])('an answer %s is accepted: %s', (_n, sentAt, ok) => expect(acceptsAnswer(sentAt, DEFAULT_SURVEY_SETTINGS, NOW)).toBe(ok));
});

describe('a team’s own survey rules (issue 18)', () => {
  it.each([
    ['no own rules: the defaults', null, 'email', { delayHours: 24, acceptDays: 28, cooldownDays: 14 }],
    ['the team’s delay', { delayHours: 4 }, 'email', { delayHours: 4, acceptDays: 28, cooldownDays: 14 }],
    ['the channel’s delay over the team’s', { delayHours: 4, channelDelayHours: { chat: 1 } }, 'chat', { delayHours: 1 }],
    ['another channel keeps the team’s', { delayHours: 4, channelDelayHours: { chat: 1 } }, 'email', { delayHours: 4 }],
    ['a longer window and cooldown', { acceptDays: 60, cooldownDays: 30 }, null, { delayHours: 24, acceptDays: 60, cooldownDays: 30 }],
    ['channels switched off', { channels: ['email'] }, 'chat', { channels: ['email'] }],
  ] as const)('%s', (_n, team, channel, expected) => {
    expect(settingsFor(DEFAULT_SURVEY_SETTINGS, team as TeamSurveySettings | null, channel)).toMatchObject(expected);
  });

  it('the soonest due: the smallest of the team’s delay and its channels’', () => {
    expect(earliestDelayHours(DEFAULT_SURVEY_SETTINGS, null)).toBe(24);
    expect(earliestDelayHours(DEFAULT_SURVEY_SETTINGS, { delayHours: 6, channelDelayHours: { chat: 1, email: 48 } })).toBe(1);
  });

  it('refuses rules out of range or unknown', () => {
    expect(TeamSurveySettings.safeParse({ delayHours: -1 }).success).toBe(false);
    expect(TeamSurveySettings.safeParse({ acceptDays: 0 }).success).toBe(false);
    expect(TeamSurveySettings.safeParse({ channels: ['fax'] }).success).toBe(false);
    expect(TeamSurveySettings.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
