import { describe, expect, it } from 'vitest';
import { newCalendar, newPolicy, parseHolidays, parsePeriods, periodsToText } from '../../../src/renderer/features/sla/settings-model';
import { formatRoute, parseRoute } from '../../../src/renderer/kernel/app/route';
import { Calendar, SlaPolicy } from '../../../src/shared';

describe('SLA settings: what an admin types', () => {
  it.each([
    ['09:00-12:00, 13:00-18:00', [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }]],
    ['9:00-12:00，13:30 – 18:00', [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }]],
    ['', []],
    ['  ', []],
    ['00:00-24:00', [{ start: '00:00', end: '24:00' }]],
    ['9-12', null],
    ['09:00 to 12:00', null],
    ['09:00-12:00, lunch', null],
  ])('periods %j', (text, expected) => {
    expect(parsePeriods(text)).toEqual(expected);
  });

  it('periods round-trip through their text', () => {
    const periods = [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:30' }];
    expect(parsePeriods(periodsToText(periods))).toEqual(periods);
  });

  it('holidays: one per line, duplicates and blanks dropped, sorted', () => {
    expect(parseHolidays('2027-02-12\n\n 2027-01-01 \n2027-02-12\n')).toEqual(['2027-01-01', '2027-02-12']);
  });

  it('a new policy is the shipped default but for its name; a new calendar is valid once named', () => {
    const id = '00000000-0000-7000-8000-0000000000aa';
    expect(SlaPolicy.safeParse(newPolicy(id)).success).toBe(false); // no name yet
    expect(SlaPolicy.parse({ ...newPolicy(id), name: 'VIP' }).targets.P0.firstResponse).toBe(15);
    expect(Calendar.parse({ ...newCalendar(id), name: 'Shanghai' }).week.mon).toHaveLength(2);
  });

  it('#/sla is a route', () => {
    expect(parseRoute('#/sla')).toEqual({ name: 'sla' });
    expect(formatRoute({ name: 'sla' })).toBe('#/sla');
  });
});
