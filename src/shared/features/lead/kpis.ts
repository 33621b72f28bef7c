import { DateTime } from 'luxon';
import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import type { CaseFacts } from './facts';

/** What the figures read of a case's facts (the read model keeps these as columns, so a report reads no JSON). */
export type KpiFacts = Pick<
  CaseFacts,
  | 'caseId'
  | 'customerId'
  | 'teamId'
  | 'channel'
  | 'product'
  | 'openedAt'
  | 'assigneeId'
  | 'firstResponseAt'
  | 'firstResponderId'
  | 'nextResponseMs'
  | 'nextResponses'
  | 'resolvedAt'
  | 'reopens'
  | 'waitingMs'
  | 'callSec'
  | 'calls'
  | 'wrapSec'
  | 'chatFirstAt'
  | 'chatLastAt'
  | 'firstResponseBreached'
  | 'resolutionBreached'
>;

export const KpiPeriod = z.enum(['day', 'week', 'month']);
export type KpiPeriod = z.infer<typeof KpiPeriod>;
export const KpiDimension = z.enum(['team', 'agent', 'channel', 'product']);
export type KpiDimension = z.infer<typeof KpiDimension>;
export const KpiFigure = z.enum(['opened', 'frt', 'nrt', 'resolution', 'aht', 'fcr', 'repeat', 'sla', 'backlog']);
export type KpiFigure = z.infer<typeof KpiFigure>;

/** A quality report: [from, to) cut into periods in `timeZone`, one row per period and key of the dimension. */
export const KpiQuery = z
  .object({
    from: Instant,
    to: Instant,
    period: KpiPeriod.default('day'),
    by: KpiDimension.default('team'),
    teamId: Id.optional(),
    timeZone: z.string().min(1).max(64).default('UTC'),
  })
  .strict();
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiRow = z.object({
  /** the period's first day, local (yyyy-mm-dd) */
  period: z.string(),
  key: z.string().nullable(),
  opened: z.number().int(),
  resolved: z.number().int(),
  /** averages in ms (FRT in business hours), null when nothing was measured */
  frtMs: z.number().nullable(),
  nrtMs: z.number().nullable(),
  resolutionMs: z.number().nullable(),
  ahtSec: z.number().nullable(),
  /** shares 0–1 */
  fcr: z.number().nullable(),
  repeatRate: z.number().nullable(),
  slaAttainment: z.number().nullable(),
  /** cases open at the period's end */
  backlog: z.number().int(),
});
export type KpiRow = z.infer<typeof KpiRow>;

export const REPEAT_WINDOW_MS = 7 * 24 * 3600_000;

export interface KpiOptions {
  /** business ms between two instants for a team (its SLA calendar); calendar ms when absent */
  businessMs?: (teamId: string, a: number, b: number) => number;
  /** drill-down: collect the cases behind this one number (its row's period label and key, and the figure) */
  drill?: { period: string; key: string | null; figure: KpiFigure };
}

/** Period edges for [from, to) in a zone, with luxon (DST and month lengths are the library's). */
export function periodEdges(from: number, to: number, period: KpiPeriod, zone: string): { starts: number[]; labels: string[] } {
  const unit = period === 'day' ? 'day' : period === 'week' ? 'week' : 'month';
  let t = DateTime.fromMillis(from, { zone }).startOf(unit);
  const starts: number[] = [];
  const labels: string[] = [];
  while (t.toMillis() < to && starts.length < 400) {
    starts.push(Math.max(t.toMillis(), from));
    labels.push(t.toISODate() ?? '');
    t = t.plus({ [`${unit}s`]: 1 });
  }
  return { starts, labels };
}

/** The period an instant falls in (-1: outside the window). */
function bucketOf(starts: readonly number[], to: number, at: number | null): number {
  if (at === null || at < (starts[0] ?? Infinity) || at >= to) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Same problem: the same product, or a product unknown on either side. */
const sameProblem = (a: KpiFacts, b: KpiFacts): boolean => a.product === null || b.product === null || a.product === b.product;

/** Cases of one customer opened within 7 days after `f` (opened or resolved): a new contact on the same problem. */
function laterContact(f: KpiFacts, byCustomer: ReadonlyMap<string, KpiFacts[]>, since: number): boolean {
  for (const o of byCustomer.get(f.customerId) ?? []) {
    if (o.caseId !== f.caseId && o.openedAt > since && o.openedAt <= since + REPEAT_WINDOW_MS && sameProblem(f, o)) return true;
  }
  return false;
}
function earlierContact(f: KpiFacts, byCustomer: ReadonlyMap<string, KpiFacts[]>): boolean {
  for (const o of byCustomer.get(f.customerId) ?? []) {
    if (o.caseId !== f.caseId && o.openedAt < f.openedAt && o.openedAt >= f.openedAt - REPEAT_WINDOW_MS && sameProblem(f, o)) return true;
  }
  return false;
}

interface Acc {
  opened: number;
  resolved: number;
  frtSum: number;
  frtN: number;
  nrtSum: number;
  nrtN: number;
  resSum: number;
  resN: number;
  handleSec: number;
  contacts: number;
  fcrYes: number;
  served: Set<string>;
  repeaters: Set<string>;
  slaDue: number;
  slaMet: number;
  backlog: number;
}
const acc = (): Acc => ({
  opened: 0,
  resolved: 0,
  frtSum: 0,
  frtN: 0,
  nrtSum: 0,
  nrtN: 0,
  resSum: 0,
  resN: 0,
  handleSec: 0,
  contacts: 0,
  fcrYes: 0,
  served: new Set(),
  repeaters: new Set(),
  slaDue: 0,
  slaMet: 0,
  backlog: 0,
});

function keyOf(f: KpiFacts, by: KpiDimension, figure: KpiFigure): string | null {
  if (by === 'team') return f.teamId;
  if (by === 'channel') return f.channel;
  if (by === 'product') return f.product;
  // the agent a figure is theirs: the first reply's author for FRT, the owner for the rest
  return figure === 'frt' ? (f.firstResponderId ?? f.assigneeId) : f.assigneeId;
}

export interface KpiResult {
  rows: KpiRow[];
  /** with `options.drill`: the cases behind that number */
  caseIds: string[];
}

/**
 * The quality figures of DOMAIN.md from the cases' facts. `facts` must hold every case that can count: opened or
 * resolved in the window, still open at its start, and those opened up to 7 days around it (repeat contacts).
 * - FRT: first reply (or answered call) − opened, in the team's business hours; counted where the reply happened.
 * - next response: each later reply − the customer message before it; resolution: resolved − opened − waiting on the
 *   customer; AHT: talk time of answered calls and chat sessions per handled contact; FCR: resolved cases never
 *   reopened and with no new case of the customer on the same product within 7 days — these count where the case
 *   was resolved.
 * - repeat rate: customers with a case opened within 7 days after another of theirs ÷ customers with a case opened.
 * - SLA attainment: first-response and resolution targets that came due (met, or breached) ÷ met.
 * - backlog: cases opened before the period's end and not resolved by then.
 */
export function computeKpis(facts: readonly KpiFacts[], q: KpiQuery, options: KpiOptions = {}): KpiResult {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const { starts, labels } = periodEdges(from, to, q.period, q.timeZone);
  const ends = starts.map((_, i) => starts[i + 1] ?? to);
  const business = options.businessMs ?? ((_t: string, a: number, b: number) => Math.max(0, b - a));
  const byCustomer = new Map<string, KpiFacts[]>();
  for (const f of facts) {
    const list = byCustomer.get(f.customerId);
    if (list) list.push(f);
    else byCustomer.set(f.customerId, [f]);
  }
  // one map per period, keyed by the dimension's value (null too): no key strings built per case
  const cells: Array<Map<string | null, Acc>> = starts.map(() => new Map());
  const cell = (period: number, key: string | null): Acc => {
    const m = cells[period]!;
    let c = m.get(key);
    if (!c) m.set(key, (c = acc()));
    return c;
  };
  const drill = options.drill;
  const drillPeriod = drill ? labels.indexOf(drill.period) : -1;
  const caseIds: string[] = [];
  const note = drill
    ? (c: Acc, figure: KpiFigure, caseId: string) => {
        if (figure === drill.figure && c === cells[drillPeriod]?.get(drill.key)) caseIds.push(caseId);
      }
    : () => undefined;

  for (const f of facts) {
    if (q.teamId && f.teamId !== q.teamId) continue;
    const o = bucketOf(starts, to, f.openedAt);
    if (o >= 0) {
      const c = cell(o, keyOf(f, q.by, 'opened'));
      c.opened++;
      note(c, 'opened', f.caseId);
      c.served.add(f.customerId);
      if (earlierContact(f, byCustomer)) {
        c.repeaters.add(f.customerId);
        note(c, 'repeat', f.caseId);
      }
    }
    const r = bucketOf(starts, to, f.firstResponseAt);
    if (r >= 0 && f.firstResponseAt !== null) {
      const c = cell(r, keyOf(f, q.by, 'frt'));
      c.frtSum += business(f.teamId, f.openedAt, f.firstResponseAt);
      c.frtN++;
      note(c, 'frt', f.caseId);
      c.slaDue++;
      if (!f.firstResponseBreached) c.slaMet++;
      note(c, 'sla', f.caseId);
    }
    const d = bucketOf(starts, to, f.resolvedAt);
    if (d >= 0 && f.resolvedAt !== null) {
      const c = cell(d, keyOf(f, q.by, 'resolution'));
      c.resolved++;
      c.resSum += Math.max(0, f.resolvedAt - f.openedAt - f.waitingMs);
      c.resN++;
      note(c, 'resolution', f.caseId);
      if (f.nextResponses > 0) {
        c.nrtSum += f.nextResponseMs;
        c.nrtN += f.nextResponses;
        note(c, 'nrt', f.caseId);
      }
      const chat = f.chatFirstAt !== null && f.chatLastAt !== null ? 1 : 0;
      if (f.calls + chat > 0) {
        c.handleSec += f.callSec + f.wrapSec + (chat ? Math.round((f.chatLastAt! - f.chatFirstAt!) / 1000) : 0);
        c.contacts += f.calls + chat;
        note(c, 'aht', f.caseId);
      }
      if (f.reopens === 0 && !laterContact(f, byCustomer, f.resolvedAt)) {
        c.fcrYes++;
        note(c, 'fcr', f.caseId);
      }
      c.slaDue++;
      if (!f.resolutionBreached) c.slaMet++;
      note(c, 'sla', f.caseId);
    }
    // backlog at each period's end the case was open at: from its opening's period (or the first) to the one before
    // its resolution's (or the last) — a range, not a walk over every period
    const first = f.openedAt < from ? 0 : o < 0 ? starts.length : o;
    const resolvedIn = f.resolvedAt === null || f.resolvedAt >= to ? starts.length : f.resolvedAt < from ? -1 : bucketOf(starts, to, f.resolvedAt);
    const last = resolvedIn - 1;
    for (let i = first; i <= last; i++) {
      if (f.openedAt < ends[i]! && (f.resolvedAt === null || f.resolvedAt >= ends[i]!)) {
        const c = cell(i, keyOf(f, q.by, 'backlog'));
        c.backlog++;
        note(c, 'backlog', f.caseId);
      }
    }
  }

  const avg = (sum: number, n: number) => (n > 0 ? sum / n : null);
  const rows: KpiRow[] = [];
  cells.forEach((m, i) => {
    const period = labels[i]!;
    for (const [key, c] of [...m].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))) {
      rows.push({
        period,
        key,
        opened: c.opened,
        resolved: c.resolved,
        frtMs: avg(c.frtSum, c.frtN),
        nrtMs: avg(c.nrtSum, c.nrtN),
        resolutionMs: avg(c.resSum, c.resN),
        ahtSec: avg(c.handleSec, c.contacts),
        fcr: avg(c.fcrYes, c.resolved),
        repeatRate: avg(c.repeaters.size, c.served.size),
        slaAttainment: avg(c.slaMet, c.slaDue),
        backlog: c.backlog,
      });
    }
  });
  return { rows, caseIds };
}

/** The report as CSV (RFC 4180 quoting), the figures as they show: durations in seconds, shares in percent. */
export function kpisCsv(rows: readonly KpiRow[], keyName: (key: string | null) => string): string {
  // a name starting with = + - @ would be a formula in a spreadsheet: quoted as text
  const q = (raw: string) => {
    const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const sec = (v: number | null) => (v === null ? '' : String(Math.round(v / 1000)));
  const pct = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1));
  const head = 'period,key,opened,resolved,frt_s,next_response_s,resolution_s,aht_s,fcr_pct,repeat_pct,sla_pct,backlog';
  const lines = rows.map((r) =>
    [r.period, q(keyName(r.key)), r.opened, r.resolved, sec(r.frtMs), sec(r.nrtMs), sec(r.resolutionMs), r.ahtSec === null ? '' : Math.round(r.ahtSec), pct(r.fcr), pct(r.repeatRate), pct(r.slaAttainment), r.backlog].join(','),
  );
  return [head, ...lines].join('\r\n') + '\r\n';
}
