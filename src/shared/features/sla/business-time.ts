import { DateTime } from 'luxon';
import { toMinutes, WEEKDAYS, type Calendar } from './calendar';

/** How far a calendar is unrolled before we give up looking for working time (a year of holidays, say). */
const MAX_DAYS = 3 * 366;

/**
 * Business-time arithmetic over one calendar. The calendar's local working periods are unrolled, day by day
 * with luxon (so time zones and both daylight-saving transitions are the library's, not ours), into a sorted
 * list of UTC intervals with running totals; `at(t)` (business ms from an origin to t) and `after(t, ms)` are
 * then a binary search each. The list grows on demand in both directions and is kept, so a clock computed
 * for 10,000 events costs a few microseconds per event, not a time-zone conversion.
 */
export class BusinessTime {
  private readonly always: boolean;
  private readonly zone: string;
  private readonly holidays: ReadonlySet<string>;
  private readonly periods: ReadonlyArray<ReadonlyArray<readonly [number, number]>>; // by luxon weekday - 1
  /** interval starts/ends (UTC ms) and business ms before each interval */
  private starts: number[] = [];
  private ends: number[] = [];
  private before: number[] = [];
  /** local days covered: [firstDay, nextDay) as local midnights */
  private firstDay: DateTime | null = null;
  private nextDay: DateTime | null = null;

  constructor(calendar: Calendar) {
    this.always = calendar.alwaysOpen;
    this.zone = calendar.timeZone;
    this.holidays = new Set(calendar.holidays);
    this.periods = WEEKDAYS.map((d) =>
      [...calendar.week[d]].map((p) => [toMinutes(p.start), toMinutes(p.end)] as const).sort((a, b) => a[0] - b[0]),
    );
  }

  /** Business milliseconds from `a` to `b` (0 when b ≤ a). */
  between(a: number, b: number): number {
    if (b <= a) return 0;
    if (this.always) return b - a;
    // cover both first: growing backwards moves the origin of `at`
    this.cover(a);
    this.cover(b);
    return this.at(b) - this.at(a);
  }

  /** The instant at which `ms` business milliseconds have passed since `t`. */
  after(t: number, ms: number): number {
    if (this.always) return t + ms;
    if (ms <= 0) return t;
    this.cover(t);
    const target = this.at(t) + ms; // growing forward keeps the origin
    for (let grown = 0; ; grown++) {
      const n = this.starts.length;
      const total = n === 0 ? 0 : this.before[n - 1]! + (this.ends[n - 1]! - this.starts[n - 1]!);
      if (total >= target) break;
      if (grown > MAX_DAYS / 7) throw new RangeError('the calendar has no working time within three years');
      this.growForward();
    }
    // first interval whose end total reaches the target
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before[mid]! + (this.ends[mid]! - this.starts[mid]!) >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo]! + (target - this.before[lo]!);
  }

  /** Whether `t` is inside working time. */
  isOpen(t: number): boolean {
    if (this.always) return true;
    this.cover(t);
    const i = this.lastStartAtOrBefore(t);
    return i >= 0 && t < this.ends[i]!;
  }

  /** Business ms from the list's origin to t (only differences of this mean anything); t must be covered. */
  private at(t: number): number {
    const i = this.lastStartAtOrBefore(t);
    if (i < 0) return 0;
    return this.before[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  private lastStartAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= t) [found, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    return found;
  }

  /** Unroll days until [firstDay, nextDay) contains t. */
  private cover(t: number): void {
    if (this.firstDay === null) {
      const day = DateTime.fromMillis(t, { zone: this.zone }).startOf('day');
      this.firstDay = day;
      this.nextDay = day;
      this.growForward();
    }
    while (t < this.firstDay.toMillis()) this.growBackward();
    while (t >= this.nextDay!.toMillis()) this.growForward();
  }

  private growForward(): void {
    const add = this.unroll(this.nextDay!, 7);
    let total = this.starts.length ? this.before[this.before.length - 1]! + this.ends[this.ends.length - 1]! - this.starts[this.starts.length - 1]! : 0;
    for (const [s, e] of add) {
      this.starts.push(s);
      this.ends.push(e);
      this.before.push(total);
      total += e - s;
    }
    this.nextDay = this.nextDay!.plus({ days: 7 });
  }

  private growBackward(): void {
    const from = this.firstDay!.minus({ days: 7 });
    const add = this.unroll(from, 7);
    const starts = [...add.map((x) => x[0]), ...this.starts];
    const ends = [...add.map((x) => x[1]), ...this.ends];
    const before: number[] = [];
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      before.push(total);
      total += ends[i]! - starts[i]!;
    }
    [this.starts, this.ends, this.before, this.firstDay] = [starts, ends, before, from];
  }

  /** The UTC intervals of `days` local days from `day` (a local midnight). */
  private unroll(day: DateTime, days: number): Array<readonly [number, number]> {
    const out: Array<readonly [number, number]> = [];
    let d = day;
    for (let i = 0; i < days; i++, d = d.plus({ days: 1 })) {
      if (this.holidays.has(d.toISODate() ?? '')) continue;
      for (const [s, e] of this.periods[d.weekday - 1]!) {
        const start = localMinute(d, s);
        const end = localMinute(d, e);
        if (end > start) out.push([start, end]);
      }
    }
    return out;
  }
}

/** The UTC instant of a local minute of a day; 24:00 is the next local midnight. A minute a spring-forward
 * skips is moved forward by luxon, so no working time is invented or lost twice. */
function localMinute(day: DateTime, minute: number): number {
  if (minute >= 24 * 60) return day.plus({ days: 1 }).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}

