import type { Calendar, WorkingPeriod } from '../../../shared/features/sla/calendar';
import { DEFAULT_POLICY, type SlaPolicy } from '../../../shared/features/sla/policy';

/** A day's working periods as an admin types them: "09:00-12:00, 13:00-18:00" (empty: a day off). */
export function periodsToText(periods: readonly WorkingPeriod[]): string {
  return periods.map((p) => `${p.start}-${p.end}`).join(', ');
}

/** The typed text back into periods; null when a part is not "HH:MM-HH:MM" (the schema then checks the times). */
export function parsePeriods(text: string): WorkingPeriod[] | null {
  const parts = text
    .split(/[,，;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: WorkingPeriod[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ start: m[1]!.padStart(5, '0'), end: m[2]!.padStart(5, '0') });
  }
  return out;
}

/** Holidays as one date per line (blank lines and spaces ignored). */
export function parseHolidays(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))].sort();
}

export function newPolicy(id: string): SlaPolicy {
  return { ...structuredClone(DEFAULT_POLICY), id, name: '' };
}

export function newCalendar(id: string): Calendar {
  const day = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ];
  return { id, name: '', timeZone: 'Asia/Shanghai', alwaysOpen: false, week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, holidays: [] };
}
