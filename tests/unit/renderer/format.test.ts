import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatCompact,
  formatDateTime,
  formatDuration,
  formatRelative,
  isCalendarDatePast,
} from '../../../src/renderer/kernel/i18n/format';

const UTC = { timeZone: 'UTC' };
const NOW = Date.parse('2026-11-22T12:00:00.000Z');

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [65, '1:05'],
    [600, '10:00'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [-4, '0:00'],
    [59.9, '0:59'],
  ])('%s s → %s', (sec, expected) => expect(formatDuration(sec)).toBe(expected));
});

describe('formatDateTime', () => {
  it('formats in the given language', () => {
    const iso = '2026-11-22T10:05:00.000Z';
    const en = formatDateTime(iso, 'en', UTC);
    const zh = formatDateTime(iso, 'zh-CN', UTC);
    expect(en).toMatch(/Nov/);
    expect(en).toMatch(/10:05/);
    expect(zh).toMatch(/2026/);
    expect(zh).toMatch(/11/);
    expect(zh).toMatch(/10:05/);
    expect(zh).not.toBe(en);
  });
  it('gives an empty string for a value that is not a date', () => {
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});

describe('formatCompact', () => {
  it.each([
    ['2026-11-22T10:05:00.000Z', false],
    ['2026-11-20T10:05:00.000Z', true],
  ])('%s shows the date: %s', (iso, showsDate) => {
    const s = formatCompact(iso, 'en', NOW, UTC);
    expect(s).toMatch(/10:05/);
    expect(/\d{1,2}\/\d{1,2}\/\d{2}/.test(s)).toBe(showsDate);
  });
});

describe('formatRelative', () => {
  it.each([
    ['2026-11-22T12:00:30.000Z', /30 sec/],
    ['2026-11-22T12:12:00.000Z', /12 min/],
    ['2026-11-22T11:48:00.000Z', /12 min.* ago/],
    ['2026-11-22T15:00:00.000Z', /3 hr/],
    ['2026-11-25T12:00:00.000Z', /3 days/],
  ])('%s', (iso, re) => expect(formatRelative(iso, NOW, 'en')).toMatch(re));
  it('speaks Chinese too', () => {
    expect(formatRelative('2026-11-22T12:12:00.000Z', NOW, 'zh-CN')).toMatch(/12.*分钟/);
  });
});

describe('calendar dates', () => {
  it('formats without shifting the day by time zone', () => {
    expect(formatCalendarDate('2027-03-01', 'en')).toMatch(/Mar 1, 2027/);
    expect(formatCalendarDate('garbage', 'en')).toBe('garbage');
  });
  it.each([
    ['2026-11-21', true],
    ['2026-11-22', false],
    ['2027-01-01', false],
    ['nonsense', false],
  ])('%s is past: %s', (d, past) => expect(isCalendarDatePast(d, NOW)).toBe(past));
});
