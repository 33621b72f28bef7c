import { CaseStatus, type Priority } from '../../kernel/case';
import type { Event } from '../../kernel/event';
import { BusinessTime } from './business-time';
import { ALWAYS_OPEN, type Calendar } from './calendar';
import { slaFacts, visitSlaFacts, type SlaFact } from './facts';
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
  /** CLOCK_BIT of the clock */
  bit: number;
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

/** resolved or closed: no clock runs */
const isDone = (s: CaseStatus): boolean => s === 'resolved' || s === 'closed';
// module-local copies: an imported binding can cost a property read per use where modules are compiled to CommonJS
const CLOCK_NAMES: readonly ClockName[] = [...CLOCKS];
const CASE_STATUSES: readonly CaseStatus[] = CaseStatus.options;
const CLOCK_BIT: Readonly<Record<ClockName, number>> = { firstResponse: 1, nextResponse: 2, resolution: 4 };
const DONE = 8;

/**
 * A policy's statuses as bits (which clocks each pauses, and DONE), read once per status change. A history's
 * statuses are strings parsed from JSON, each its own object: comparing them with the policy's lists on every
 * fact was a large part of replaying a long history; one Map lookup per status fact is not.
 */
const statusBitsOf = new WeakMap<SlaPolicy, ReadonlyMap<string, number>>();
function statusBits(policy: SlaPolicy): ReadonlyMap<string, number> {
  let bits = statusBitsOf.get(policy);
  if (!bits) {
    const m = new Map<string, number>();
    for (const status of CASE_STATUSES) {
      let b = isDone(status) ? DONE : 0;
      for (const clock of CLOCK_NAMES) if (policy.pauses[clock].includes(status)) b |= CLOCK_BIT[clock];
      m.set(status, b);
    }
    statusBitsOf.set(policy, (bits = m));
  }
  return bits;
}
/** A pause set this soon after an unanswered customer message is flagged. */
export const PAUSE_AUDIT_MS = 5 * 60_000;

export interface ComputeOptions {
  /**
   * Which cycles are evaluated: 'all' (history views, attainment, tests) or 'open' — only clocks still counting and
   * each clock's current cycle, all the deadline job and a countdown need, and much cheaper on a long history:
   * `cycles` and `transitions` then leave the ended cycles out, and `transitions` holds only each open cycle's
   * activate, warn and breach, not its pause/resume moves (default 'all').
   */
  transitions?: 'all' | 'open';
}

export function computeClocks(facts: readonly SlaFact[], policy: SlaPolicy, calendar: Calendar, now: number, options: ComputeOptions = {}): CaseClocks {
  const r = new Replay(policy, options.transitions === 'open');
  for (const f of facts) r.apply(f);
  return r.clocks(calendar, now);
}

/**
 * computeClocks(slaFacts(caseId, events), …) without an object per fact: the facts go straight into the replay,
 * and only a history slaFacts must reorder or filter takes the long way. What the desktop and the server call.
 */
export function caseClocks(caseId: string, events: readonly Event[], policy: SlaPolicy, calendar: Calendar, now: number, options: ComputeOptions = {}): CaseClocks {
  const r = new Replay(policy, options.transitions === 'open');
  if (!visitSlaFacts(caseId, events, (f) => r.apply(f))) return computeClocks(slaFacts(caseId, events), policy, calendar, now, options);
  return r.clocks(calendar, now);
}

/**
 * Replays a case's facts into clock cycles. A class with one field per clock, not closures or a record indexed by
 * clock name: the server runs this for every open case, and a desktop over a 10,000-event history.
 */
class Replay {
  status: CaseStatus | null = null;
  /** statusBits of `status` (0 before the case opened) */
  bits = 0;
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
  /** each clock's current cycle */
  first: Cycle | null = null;
  next: Cycle | null = null;
  res: Cycle | null = null;
  private readonly statusBits: ReadonlyMap<string, number>;

  /**
   * 'open' evaluation: an ended cycle that a new one replaces is never read again, so its object is reused; and the
   * pause/resume/fulfil/stop moves are not recorded: the deadline job and a countdown read a clock's state and its
   * warn/breach, never its moves (a long history has thousands).
   */
  constructor(
    private readonly policy: SlaPolicy,
    private readonly openOnly: boolean,
  ) {
    this.statusBits = statusBits(policy);
  }

  clocks(calendar: Calendar, now: number): CaseClocks {
    return { ...evaluate(this.cycles, this.current, this.priority, this.policy, calendar, now, this.openOnly), suspiciousPauses: this.suspicious };
  }

  get current(): Record<ClockName, Cycle | null> {
    return { firstResponse: this.first, nextResponse: this.next, resolution: this.res };
  }

  apply(f: SlaFact): void {
    switch (f.type) {
      case 'opened':
        if (this.res) return; // a second opening is no new case
        this.setStatus(f.status);
        this.priority = f.priority;
        this.first = this.begin('firstResponse', this.first, f.at);
        this.res = this.begin('resolution', this.res, f.at);
        if (this.bits & DONE) {
          this.finish(this.first, f.at, 'stopped');
          this.finish(this.res, f.at, 'fulfilled');
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
          if (this.status !== null && !(this.bits & DONE)) this.next = this.begin('nextResponse', this.next, f.at);
        }
        this.reconsider(f.at);
        return;
      case 'response':
        this.lastUnanswered = null;
        this.responded = true;
        this.unansweredSince = null;
        if (this.first && this.first.end === null) this.finish(this.first, f.at, 'fulfilled');
        if (this.next && this.next.end === null) this.finish(this.next, f.at, 'fulfilled');
        return;
      case 'status': {
        const was = this.status;
        const wasBits = this.bits;
        this.setStatus(f.to);
        this.pauseLifted = false;
        if (was === f.to) return;
        if (this.lastUnanswered !== null && f.at - this.lastUnanswered <= PAUSE_AUDIT_MS && (this.bits & ~DONE) !== 0) this.suspicious.push(f.at);
        if (this.bits & DONE) {
          if (this.res && this.res.end === null) this.finish(this.res, f.at, 'fulfilled');
          if (this.first && this.first.end === null) this.finish(this.first, f.at, 'stopped');
          if (this.next && this.next.end === null) this.finish(this.next, f.at, 'stopped');
        } else if (was !== null && wasBits & DONE) {
          // reopened: resolution resumes; an unanswered first response resumes; a waiting customer starts next response
          if (this.res && this.res.end !== null) this.reopen(this.res, f.at);
          if (this.first && this.first.end !== null && !this.responded) this.reopen(this.first, f.at);
          if (this.responded && this.unansweredSince !== null) this.next = this.begin('nextResponse', this.next, this.unansweredSince);
        }
        this.reconsider(f.at);
        return;
      }
    }
  }

  private setStatus(status: CaseStatus): void {
    this.status = status;
    this.bits = this.statusBits.get(status) ?? 0;
  }

  private pausedBy(c: Cycle): boolean {
    return !this.pauseLifted && (this.bits & c.bit) !== 0;
  }

  /** A new cycle of `clock` (whose current one is `prev`), from `at`. */
  private begin(clock: ClockName, prev: Cycle | null, at: number): Cycle {
    let c: Cycle;
    if (this.openOnly && prev && prev.end !== null) {
      // the same object, already in `cycles`: a history of many next-response cycles allocates one
      c = prev;
      c.n += 1;
      c.start = at;
      // a fresh array: setting an array's length is a runtime call in V8, a new empty array is not
      c.spans = [];
      c.runningSince = null;
      c.end = null;
      c.ended = null;
      c.endPriority = null;
    } else {
      c = { clock, bit: CLOCK_BIT[clock], n: prev ? prev.n + 1 : 0, start: at, spans: [], runningSince: null, end: null, ended: null, endPriority: null, moveTypes: [], moveAts: [] };
      this.cycles.push(c);
    }
    if (!this.pausedBy(c)) c.runningSince = at;
    return c;
  }

  private finish(c: Cycle, at: number, how: 'fulfilled' | 'stopped'): void {
    if (c.runningSince !== null) c.spans.push(c.runningSince, at);
    c.runningSince = null;
    c.end = at;
    c.ended = how;
    c.endPriority = this.priority;
    this.move(c, how === 'fulfilled' ? 'fulfil' : 'stop', at);
  }

  private reopen(c: Cycle, at: number): void {
    c.end = null;
    c.ended = null;
    c.endPriority = null;
    this.move(c, 'resume', at);
    if (!this.pausedBy(c)) c.runningSince = at;
  }

  private move(c: Cycle, type: MoveType, at: number): void {
    if (this.openOnly) return;
    c.moveTypes.push(type);
    c.moveAts.push(at);
  }

  /** after a status change or a customer contact: pause what the status pauses, run the rest */
  private reconsider(at: number): void {
    if (this.first) this.reconsiderOne(this.first, at);
    if (this.next) this.reconsiderOne(this.next, at);
    if (this.res) this.reconsiderOne(this.res, at);
  }

  private reconsiderOne(c: Cycle, at: number): void {
    if (c.end !== null) return;
    if (this.pausedBy(c)) {
      if (c.runningSince !== null) {
        c.spans.push(c.runningSince, at);
        c.runningSince = null;
        this.move(c, 'pause', at);
      }
    } else if (c.runningSince === null) {
      c.runningSince = at;
      if (at > c.start) this.move(c, 'resume', at);
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
