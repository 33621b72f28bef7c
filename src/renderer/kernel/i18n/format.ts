/**
 * Date, time and duration formatting in the current UI language (Intl, no libraries).
 * Formatters are cached per language and options, as building one is comparatively slow.
 */

export interface FormatOptions {
  /** IANA zone; the workstation's zone when omitted (tests pin it). */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, options);
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** e.g. "Nov 22, 2026, 10:05 AM" / "2026年11月22日 10:05". Empty for an unparsable value. */
export function formatDateTime(iso: string, lang: string, opts: FormatOptions = {}): string {
  const d = parse(iso);
  if (!d) return '';
  return dateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: opts.timeZone }).format(d);
}

/** Time only when the instant is today (in the zone), date and time otherwise: compact for tables. */
export function formatCompact(iso: string, lang: string, nowMs: number, opts: FormatOptions = {}): string {
  const d = parse(iso);
  if (!d) return '';
  const day = dateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: opts.timeZone });
  if (day.format(d) === day.format(new Date(nowMs))) {
    return dateTimeFormat(lang, { timeStyle: 'short', timeZone: opts.timeZone }).format(d);
  }
  return dateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short', timeZone: opts.timeZone }).format(d);
}

/** A calendar date "YYYY-MM-DD" (no time, no zone shift), e.g. "Mar 1, 2027". */
export function formatCalendarDate(isoDate: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** True when the calendar date "YYYY-MM-DD" is before the day of `nowMs` (UTC). */
export function isCalendarDatePast(isoDate: string, nowMs: number): boolean {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) && isoDate < today;
}

const relCache = new Map<string, Intl.RelativeTimeFormat>();

/** "in 12 minutes" / "3 hours ago" / "12分钟后", choosing the unit by size. */
export function formatRelative(iso: string, nowMs: number, lang: string): string {
  const d = parse(iso);
  if (!d) return '';
  let f = relCache.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
    relCache.set(lang, f);
  }
  const diffSec = (d.getTime() - nowMs) / 1000;
  const abs = Math.abs(diffSec);
  if (abs < 60) return f.format(Math.round(diffSec), 'second');
  if (abs < 3600) return f.format(Math.round(diffSec / 60), 'minute');
  if (abs < 86400) return f.format(Math.round(diffSec / 3600), 'hour');
  return f.format(Math.round(diffSec / 86400), 'day');
}

/** A call duration: "0:45", "12:03", "1:02:03". */
export function formatDuration(totalSec: number): string {
  const s = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
