import { z } from 'zod';
import { IANAZone } from 'luxon';
import { Id } from '../../kernel/primitives';

/**
 * A business-hours calendar (DOMAIN.md: clocks run in business hours of a calendar, per team): a time zone,
 * working periods per weekday (several a day: a lunch break is two periods) and holidays (local dates with no
 * working time). `alwaysOpen` is the 24/7 calendar P0 runs on.
 */
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM, 00:00 to 24:00');
export const WorkingPeriod = z.object({ start: HHMM, end: HHMM }).strict();
export type WorkingPeriod = z.infer<typeof WorkingPeriod>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday is a local date YYYY-MM-DD');

export const Calendar = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    timeZone: z.string().min(1).max(64),
    alwaysOpen: z.boolean().default(false),
    week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(WorkingPeriod).max(12)])) as Record<Weekday, z.ZodArray<typeof WorkingPeriod>>).strict(),
    holidays: z.array(LocalDate).max(2000).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!IANAZone.isValidZone(c.timeZone)) ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'unknown time zone' });
    let minutes = 0;
    for (const day of WEEKDAYS) {
      const periods = [...c.week[day]].map((p) => [toMinutes(p.start), toMinutes(p.end)] as const).sort((a, b) => a[0] - b[0]);
      periods.forEach(([s, e], i) => {
        if (e <= s) ctx.addIssue({ code: 'custom', path: ['week', day, i], message: 'a period must end after it starts' });
        const prev = periods[i - 1];
        if (prev && s < prev[1]) ctx.addIssue({ code: 'custom', path: ['week', day, i], message: 'periods overlap' });
        minutes += Math.max(0, e - s);
      });
    }
    if (!c.alwaysOpen && minutes === 0) ctx.addIssue({ code: 'custom', path: ['week'], message: 'a calendar needs working time in its week' });
  });
export type Calendar = z.infer<typeof Calendar>;

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The 24/7 calendar (P0 by default): every instant is business time. */
export const ALWAYS_OPEN: Calendar = {
  id: '00000000-0000-7000-8000-000000000247',
  name: '24/7',
  timeZone: 'UTC',
  alwaysOpen: true,
  week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};

/**
 * Holidays from an iCalendar file (RFC 5545): each VEVENT's all-day DTSTART (VALUE=DATE), spanning to its
 * DTEND when given (exclusive, as the RFC says). Timed events are not holidays and are skipped.
 */
export function holidaysFromICalendar(ics: string): string[] {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/); // unfold continuation lines first
  const out = new Set<string>();
  let start: string | null = null;
  let end: string | null = null;
  let inEvent = false;
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') [inEvent, start, end] = [true, null, null];
    else if (upper === 'END:VEVENT') {
      if (inEvent && start) for (const d of dateRange(start, end)) out.add(d);
      inEvent = false;
    } else if (inEvent && /^DTSTART[;:]/i.test(line)) start = allDay(line);
    else if (inEvent && /^DTEND[;:]/i.test(line)) end = allDay(line);
  }
  return [...out].sort();
}

function allDay(line: string): string | null {
  const m = /^DT(?:START|END)((?:;[^:]*)?):(\d{4})(\d{2})(\d{2})$/i.exec(line.trim());
  if (!m) return null; // a date-time (with a T), so not an all-day event
  return `${m[2]}-${m[3]}-${m[4]}`;
}

function dateRange(start: string, endExclusive: string | null): string[] {
  const out = [start];
  if (!endExclusive) return out;
  const d = new Date(`${start}T00:00:00Z`);
  const stop = Date.parse(`${endExclusive}T00:00:00Z`);
  for (let i = 0; i < 366; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getTime() >= stop) break;
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
