import type { CaseStatus, Priority } from '../../kernel/case';
import { BusinessTime } from './business-time';
import { ALWAYS_OPEN, type Calendar } from './calendar';
import type { SlaFact } from './facts';
import { CLOCKS, type ClockName, type SlaPolicy } from './policy';

/**
 * The SLA clocks of one case as a pure function of its facts, its policy, its calendar and `now` — the one
 * definition the server's deadline job, the desktop's countdowns (online or not) and attainment all use.
 *
 * - first response runs from opening to the first response that reached the customer;
 * - next response runs from each customer contact after that (the first unanswered one) to the next response;
 * - resolution runs from opening to resolved/closed, and resumes (never restarts) when the case is reopened.
 * A status in the policy's `pauses[clock]` pauses that clock; a customer contact ends such a pause (the
 * customer has answered, whatever the status still says). Resolving stops the response clocks. Time is counted
 * in business time of the calendar; priorities in `policy.alwaysOpen` count on the wall clock. A running clock
 * takes the case's current priority from its start (so a priority change recomputes, pauses kept); a clock
 * that already ended keeps the priority it ended under.
 */
export type ClockState = 'inactive' | 'running' | 'paused' | 'fulfilled' | 'stopped';

export interface ClockView {
  clock: ClockName;
  state: ClockState;
  /** the target in force, business ms */
  targetMs: number;
  /** business ms counted so far (up to `now`, or to the end) */
  elapsedMs: number;
  /** targetMs − elapsedMs: negative once overdue */
  leftMs: number;
  warned: boolean;
  breached: boolean;
  /** when the current cycle started */
  startedAt: number | null;
  /** when it ended (fulfilled or stopped) */
  endedAt: number | null;
  /** the instant it warns / breaches if it keeps running (past instants when it already did); null when not running */
  warnAt: number | null;
  dueAt: number | null;
}

export type TransitionType = 'activate' | 'pause' | 'resume' | 'fulfil' | 'stop' | 'warn' | 'breach';
export interface Transition {
  clock: ClockName;
  /** next response counts its cycles from 0; the other clocks have one cycle */
  cycle: number;
  type: TransitionType;
  at: number;
}

/** One completed or running target instance (attainment counts these). */
export interface ClockCycle {
  clock: ClockName;
  cycle: number;
  priority: Priority;
  startedAt: number;
  endedAt: number | null;
  ended: 'fulfilled' | 'stopped' | null;
  targetMs: number;
  elapsedMs: number;
  warnAt: number | null;
  breachAt: number | null;
}

export interface CaseClocks {
  firstResponse: ClockView;
  nextResponse: ClockView;
  resolution: ClockView;
  cycles: ClockCycle[];
  transitions: Transition[];
  /**
   * Pause audit: the instants the case was put into a pausing status within PAUSE_AUDIT_MS of a customer's message
   * with no response in between (the "park it in pending" trick); the lead sees them.
   */
  suspiciousPauses: number[];
  /** the earliest future warn/breach instant of a running clock: when the server must look again */
  nextDeadline: { at: number; clock: ClockName; cycle: number; type: 'warn' | 'breach' } | null;
}

interface Cycle {
  clock: ClockName;
  n: number;
  start: number;
  /** closed running intervals [from, to] in wall ms */
  spans: number[];
  runningSince: number | null;
  end: number | null;
  ended: 'fulfilled' | 'stopped' | null;
  endPriority: Priority | null;
  /** pause/resume/fulfil/stop in order, as two flat arrays (a long history makes thousands: no object per move) */
  moveTypes: MoveType[];
  moveAts: number[];
}
type MoveType = 'pause' | 'resume' | 'fulfil' | 'stop';

const times = new WeakMap<Calendar, BusinessTime>();
/** One BusinessTime per calendar object, kept: its unrolled intervals are the expensive part. */
export function businessTimeOf(calendar: Calendar): BusinessTime {
  let bt = times.get(calendar);
  if (!bt) times.set(calendar, (bt = new BusinessTime(calendar)));
  return bt;
}

/** resolved or closed: no clock runs (a function, not a Set: it is asked for every fact of a long history) */
const isDone = (s: CaseStatus): boolean => s === 'resolved' || s === 'closed';
// module-local copies: an imported binding can cost a property read per use where modules are compiled to CommonJS
const CLOCK_NAMES: readonly ClockName[] = [...CLOCKS];
/** A pause set this soon after an unanswered customer message is flagged. */
export const PAUSE_AUDIT_MS = 5 * 60_000;

export interface ComputeOptions {
  /**
   * Which cycles are evaluated: 'all' (history views, attainment, tests) or 'open' — only clocks still counting and
   * each clock's current cycle, all the deadline job and a countdown need, and much cheaper on a long history:
   * `cycles` and `transitions` then leave the ended cycles out (default 'all').
   */
  transitions?: 'all' | 'open';
}

export function computeClocks(facts: readonly SlaFact[], policy: SlaPolicy, calendar: Calendar, now: number, options: ComputeOptions = {}): CaseClocks {
  const r = new Replay(policy, options.transitions === 'open');
  for (const f of facts) r.apply(f);
  return { ...evaluate(r.cycles, r.current, r.priority, policy, calendar, now, options.transitions === 'open'), suspiciousPauses: r.suspicious };
}

const RESPONSE_CLOCKS = ['firstResponse', 'nextResponse'] as const;
const REOPEN_CLOCKS = ['resolution', 'firstResponse'] as const;

/** Replays a case's facts into clock cycles (a class, not closures: the server runs this for every open case). */
class Replay {
  status: CaseStatus | null = null;
  priority: Priority = 'P2';
  responded = false;
  /** a customer contact not yet answered (after the first response), and when */
  unansweredSince: number | null = null;
  /** a customer contact since the last status change lifts pauses */
  pauseLifted = false;
  /** the last customer contact not followed by a response */
  lastUnanswered: number | null = null;
  readonly suspicious: number[] = [];
  readonly cycles: Cycle[] = [];
  readonly current: Record<ClockName, Cycle | null> = { firstResponse: null, nextResponse: null, resolution: null };

  /** 'open' evaluation: an ended cycle that a new one replaces is never read again, so its object is reused */
  constructor(
    private readonly policy: SlaPolicy,
    private readonly openOnly: boolean,
  ) {}

  apply(f: SlaFact): void {
    switch (f.type) {
      case 'opened':
        if (this.current.resolution) return; // a second opening is no new case
        this.status = f.status;
        this.priority = f.priority;
        this.begin('firstResponse', f.at);
        this.begin('resolution', f.at);
        if (isDone(f.status)) {
          this.finish(this.current.firstResponse!, f.at, 'stopped');
          this.finish(this.current.resolution!, f.at, 'fulfilled');
        }
        return;
      case 'priority':
        this.priority = f.to;
        return;
      case 'customer':
        this.pauseLifted = true;
        this.lastUnanswered ??= f.at;
        if (this.responded && this.unansweredSince === null) {
          this.unansweredSince = f.at;
          if (this.status !== null && !isDone(this.status)) this.begin('nextResponse', f.at);
        }
        this.reconsider(f.at);
        return;
      case 'response':
        this.lastUnanswered = null;
        this.responded = true;
        this.unansweredSince = null;
        for (const clock of RESPONSE_CLOCKS) {
          const c = this.current[clock];
          if (c && c.end === null) this.finish(c, f.at, 'fulfilled');
        }
        return;
      case 'status': {
        const was = this.status;
        this.status = f.to;
        this.pauseLifted = false;
        if (was === f.to) return;
        if (this.lastUnanswered !== null && f.at - this.lastUnanswered <= PAUSE_AUDIT_MS && this.pausesAny(f.to)) this.suspicious.push(f.at);
        if (isDone(f.to)) {
          const res = this.current.resolution;
          if (res && res.end === null) this.finish(res, f.at, 'fulfilled');
          for (const clock of RESPONSE_CLOCKS) {
            const c = this.current[clock];
            if (c && c.end === null) this.finish(c, f.at, 'stopped');
          }
        } else if (was !== null && isDone(was)) {
          // reopened: resolution resumes; an unanswered first response resumes; a waiting customer starts next response
          for (const clock of REOPEN_CLOCKS) {
            const c = this.current[clock];
            if (c && c.end !== null && (clock === 'resolution' || !this.responded)) this.reopen(c, f.at);
          }
          if (this.responded && this.unansweredSince !== null) this.begin('nextResponse', this.unansweredSince);
        }
        this.reconsider(f.at);
        return;
      }
    }
  }

  private pausesAny(status: CaseStatus): boolean {
    for (const k of CLOCK_NAMES) if (this.policy.pauses[k].includes(status)) return true;
    return false;
  }

  private pausedBy(clock: ClockName): boolean {
    return this.status !== null && !this.pauseLifted && this.policy.pauses[clock].includes(this.status);
  }

  private begin(clock: ClockName, at: number): void {
    const prev = this.current[clock];
    let c: Cycle;
    if (this.openOnly && prev && prev.end !== null) {
      // the same object, already in `cycles`: a history of many next-response cycles allocates one
      c = prev;
      c.n += 1;
      c.start = at;
      c.spans.length = 0;
      c.runningSince = null;
      c.end = null;
      c.ended = null;
      c.endPriority = null;
      c.moveTypes.length = 0;
      c.moveAts.length = 0;
    } else {
      c = { clock, n: prev ? prev.n + 1 : 0, start: at, spans: [], runningSince: null, end: null, ended: null, endPriority: null, moveTypes: [], moveAts: [] };
      this.cycles.push(c);
      this.current[clock] = c;
    }
    if (!this.pausedBy(clock)) c.runningSince = at;
  }

  private finish(c: Cycle, at: number, how: 'fulfilled' | 'stopped'): void {
    if (c.runningSince !== null) c.spans.push(c.runningSince, at);
    c.runningSince = null;
    c.end = at;
    c.ended = how;
    c.endPriority = this.priority;
    c.moveTypes.push(how === 'fulfilled' ? 'fulfil' : 'stop');
    c.moveAts.push(at);
  }

  private reopen(c: Cycle, at: number): void {
    c.end = null;
    c.ended = null;
    c.endPriority = null;
    c.moveTypes.push('resume');
    c.moveAts.push(at);
    if (!this.pausedBy(c.clock)) c.runningSince = at;
  }

  /** after a status change or a customer contact: pause what the status pauses, run the rest */
  private reconsider(at: number): void {
    for (const clock of CLOCK_NAMES) {
      const c = this.current[clock];
      if (!c || c.end !== null) continue;
      if (this.pausedBy(clock)) {
        if (c.runningSince !== null) {
          c.spans.push(c.runningSince, at);
          c.runningSince = null;
          c.moveTypes.push('pause');
          c.moveAts.push(at);
        }
      } else if (c.runningSince === null) {
        c.runningSince = at;
        if (at > c.start) {
          c.moveTypes.push('resume');
          c.moveAts.push(at);
        }
      }
    }
  }
}

function evaluate(
  cycles: readonly Cycle[],
  current: Record<ClockName, Cycle | null>,
  priority: Priority,
  policy: SlaPolicy,
  calendar: Calendar,
  now: number,
  openOnly: boolean,
): Omit<CaseClocks, 'suspiciousPauses'> {
  const outCycles: ClockCycle[] = [];
  const transitions: Transition[] = [];
  let nextDeadline: CaseClocks['nextDeadline'] = null;
  const views = {} as Record<ClockName, ClockView>;

  for (const c of cycles) {
    // 'open': a cycle that ended and is no clock's current one is history nobody asked for (attainment asks 'all')
    if (openOnly && c.end !== null && current[c.clock] !== c) continue;
    const prio = c.endPriority ?? priority;
    const bt = businessTimeOf(policy.alwaysOpen.includes(prio) ? ALWAYS_OPEN : calendar);
    const targetMs = policy.targets[prio][c.clock] * 60_000;
    const warnMs = Math.floor((targetMs * policy.warnAtPct) / 100);
    // the running span counts to now (a clock is never computed into the future); spans are read in place
    const spans = c.spans;
    const n = c.runningSince !== null ? spans.length + 2 : spans.length;
    let elapsed = 0;
    let warnAt: number | null = null;
    let breachAt: number | null = null;
    for (let i = 0; i < n; i += 2) {
      const from = i < spans.length ? spans[i]! : c.runningSince!;
      const to = i < spans.length ? spans[i + 1]! : Math.max(now, c.runningSince!);
      const b = bt.between(from, to);
      if (warnAt === null && elapsed + b >= warnMs) warnAt = bt.after(from, warnMs - elapsed);
      if (breachAt === null && elapsed + b >= targetMs) breachAt = bt.after(from, targetMs - elapsed);
      elapsed += b;
    }
    const running = c.runningSince !== null;
    // a running clock's future: when it will warn and breach if nothing happens
    if (running) {
      if (warnAt === null) warnAt = bt.after(now, warnMs - elapsed);
      if (breachAt === null) breachAt = bt.after(now, targetMs - elapsed);
      if (warnAt > now && (nextDeadline === null || warnAt < nextDeadline.at)) nextDeadline = { at: warnAt, clock: c.clock, cycle: c.n, type: 'warn' };
      else if (breachAt > now && (nextDeadline === null || breachAt < nextDeadline.at)) nextDeadline = { at: breachAt, clock: c.clock, cycle: c.n, type: 'breach' };
    }
    outCycles.push({ clock: c.clock, cycle: c.n, priority: prio, startedAt: c.start, endedAt: c.end, ended: c.ended, targetMs, elapsedMs: elapsed, warnAt, breachAt });

    const until = c.end ?? now;
    if (!openOnly || c.end === null) {
      transitions.push({ clock: c.clock, cycle: c.n, type: 'activate', at: c.start });
      for (let i = 0; i < c.moveTypes.length; i++) transitions.push({ clock: c.clock, cycle: c.n, type: c.moveTypes[i]!, at: c.moveAts[i]! });
      if (warnAt !== null && warnAt <= until) transitions.push({ clock: c.clock, cycle: c.n, type: 'warn', at: warnAt });
      if (breachAt !== null && breachAt <= until) transitions.push({ clock: c.clock, cycle: c.n, type: 'breach', at: breachAt });
    }

    if (current[c.clock] === c) {
      views[c.clock] = {
        clock: c.clock,
        state: c.end !== null ? (c.ended === 'fulfilled' ? 'fulfilled' : 'stopped') : running ? 'running' : 'paused',
        targetMs,
        elapsedMs: elapsed,
        leftMs: targetMs - elapsed,
        warned: warnAt !== null && warnAt <= until,
        breached: breachAt !== null && breachAt <= until,
        startedAt: c.start,
        endedAt: c.end,
        warnAt: running ? warnAt : null,
        dueAt: running ? breachAt : null,
      };
    }
  }
  for (const clock of CLOCKS) {
    views[clock] ??= {
      clock,
      state: 'inactive',
      targetMs: policy.targets[priority][clock] * 60_000,
      elapsedMs: 0,
      leftMs: policy.targets[priority][clock] * 60_000,
      warned: false,
      breached: false,
      startedAt: null,
      endedAt: null,
      warnAt: null,
      dueAt: null,
    };
  }
  transitions.sort((a, b) => a.at - b.at);
  return { ...views, cycles: outCycles, transitions, nextDeadline };
}
