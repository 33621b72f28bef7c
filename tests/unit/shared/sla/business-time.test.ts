import { describe, expect, it } from 'vitest';
import { BusinessTime } from '../../../../src/shared/features/sla/business-time';
import { ALWAYS_OPEN, Calendar, holidaysFromICalendar } from '../../../../src/shared/features/sla/calendar';

const weekdays = (periods: Array<{ start: string; end: string }>) => ({ mon: periods, tue: periods, wed: periods, thu: periods, fri: periods, sat: [], sun: [] });
const cal = (over: Partial<Calendar> = {}): Calendar =>
  Calendar.parse({
    id: '00000000-0000-7000-8000-0000000000c1',
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    week: weekdays([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]),
    holidays: ['2026-12-25'],
    ...over,
  });
const ms = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const M = 60_000;

describe('BusinessTime.after: a due time in business hours', () => {
  // Berlin is UTC+1 in winter (CET), UTC+2 in summer (CEST)
  it.each([
    ['inside the morning period', '2026-12-01T08:00:00Z', 30 * M, '2026-12-01T08:30:00Z'],
    ['across the lunch break', '2026-12-01T10:30:00Z', 60 * M, '2026-12-01T12:30:00Z'],
    ['before opening: starts at 09:00 local', '2026-12-01T05:00:00Z', 15 * M, '2026-12-01T08:15:00Z'],
    ['after closing: the next working morning', '2026-12-01T17:00:00Z', 30 * M, '2026-12-02T08:30:00Z'],
    ['Friday afternoon to Monday', '2026-12-04T15:30:00Z', 60 * M, '2026-12-07T08:30:00Z'],
    ['a holiday is skipped (Christmas, a Friday)', '2026-12-24T15:30:00Z', 60 * M, '2026-12-28T08:30:00Z'],
    ['a whole 7-hour day', '2026-12-01T08:00:00Z', 7 * H, '2026-12-01T16:00:00Z'],
    ['exactly the end of the day is due at closing', '2026-12-01T15:00:00Z', 60 * M, '2026-12-01T16:00:00Z'],
    ['spring forward: Monday after 29 March 2026 is CEST', '2026-03-27T15:30:00Z', 60 * M, '2026-03-30T07:30:00Z'],
    ['fall back: Monday after 25 October 2026 is CET', '2026-10-23T14:30:00Z', 60 * M, '2026-10-26T08:30:00Z'],
  ])('%s', (_name, from, dur, due) => {
    expect(new Date(new BusinessTime(cal()).after(ms(from), dur)).toISOString()).toBe(new Date(due).toISOString());
  });

  it('the 24/7 calendar is the wall clock', () => {
    expect(new BusinessTime(ALWAYS_OPEN).after(ms('2026-12-25T23:50:00Z'), 15 * M)).toBe(ms('2026-12-26T00:05:00Z'));
  });

  it('a night shift across local midnight and a day in another zone', () => {
    const tokyo = cal({ timeZone: 'Asia/Tokyo', week: weekdays([{ start: '22:00', end: '24:00' }]), holidays: [] });
    // Tuesday 23:00 Tokyo = 14:00Z; one business hour left that night, then Wednesday 22:00 (13:00Z)
    expect(new Date(new BusinessTime(tokyo).after(ms('2026-12-01T14:00:00Z'), 90 * M)).toISOString()).toBe('2026-12-02T13:30:00.000Z');
  });
});

describe('BusinessTime.between', () => {
  it.each([
    ['within a period', '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z', 60 * M],
    ['across the lunch break', '2026-12-01T10:00:00Z', '2026-12-01T13:00:00Z', 2 * H],
    ['over a weekend', '2026-12-04T15:00:00Z', '2026-12-07T09:00:00Z', 2 * H],
    ['nothing on a holiday', '2026-12-25T08:00:00Z', '2026-12-25T16:00:00Z', 0],
    ['reversed is zero', '2026-12-01T09:00:00Z', '2026-12-01T08:00:00Z', 0],
    ['a week', '2026-11-30T00:00:00Z', '2026-12-07T00:00:00Z', 35 * H],
    ['a day during the spring-forward weekend has its 7 hours', '2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z', 7 * H],
  ])('%s', (_n, a, b, expected) => {
    expect(new BusinessTime(cal()).between(ms(a), ms(b))).toBe(expected);
  });

  it('asking far back and far ahead grows the unrolled list both ways and keeps answers exact', () => {
    const bt = new BusinessTime(cal({ holidays: [] }));
    expect(bt.between(ms('2026-12-01T00:00:00Z'), ms('2026-12-02T00:00:00Z'))).toBe(7 * H);
    expect(bt.between(ms('2025-12-01T00:00:00Z'), ms('2025-12-02T00:00:00Z'))).toBe(7 * H); // a Monday a year before
    expect(bt.between(ms('2025-12-01T00:00:00Z'), ms('2026-12-02T00:00:00Z'))).toBe(262 * 7 * H);
    expect(bt.isOpen(ms('2026-12-01T11:30:00Z'))).toBe(false); // 12:30 local: lunch
    expect(bt.isOpen(ms('2026-12-01T12:30:00Z'))).toBe(true);
  });
});

describe('Calendar validation: the field and the reason', () => {
  const issues = (over: Record<string, unknown>) => {
    const r = Calendar.safeParse({ ...cal(), ...over });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone: unknown time zone'],
    [{ week: { ...weekdays([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }]) } }, 'week.mon.1: periods overlap'],
    [{ week: { ...weekdays([{ start: '12:00', end: '09:00' }]) } }, 'week.mon.0: a period must end after it starts'],
    [{ week: weekdays([]) }, 'week: a calendar needs working time in its week'],
    [{ week: weekdays([{ start: '9:00', end: '12:00' }]) }, 'week.mon.0.start: a time is HH:MM, 00:00 to 24:00'],
    [{ holidays: ['25.12.2026'] }, 'holidays.0: a holiday is a local date YYYY-MM-DD'],
  ])('%j → %s', (over, expected) => {
    expect(issues(over)).toContain(expected);
  });

  it('a valid calendar has no issues', () => {
    expect(issues({})).toEqual([]);
  });
});

describe('holidays from an iCalendar file', () => {
  it('takes all-day events (with multi-day spans, folded lines, CRLF) and skips timed ones', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'SUMMARY:Christmas',
      'DTSTART;VALUE=DATE:20261225',
      'DTEND;VALUE=DATE:20261227',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:New Year',
      'DTSTART;VALUE=DATE:2027',
      ' 0101',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Team meeting',
      'DTSTART:20261201T090000Z',
      'DTEND:20261201T100000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(holidaysFromICalendar(ics)).toEqual(['2026-12-25', '2026-12-26', '2027-01-01']);
  });
});
