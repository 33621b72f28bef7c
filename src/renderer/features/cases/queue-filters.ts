import type { QueueRow } from '../../../shared/contracts/bridge';
import { CaseStatus, Priority } from '../../../shared/kernel/case';
import { Channel } from '../../../shared/kernel/primitives';
import { caseDisplay } from '../sla';

/**
 * Queue filtering and ordering (the first-response SLA state lives in features/sla): pure functions over QueueRow, so the table only renders.
 * Filter values are exactly the <select> option values the UI (and the end-to-end suite) use.
 */

/** '' = any; 'me' = assigned to the signed-in agent; 'unassigned'; or an agent id. */
export type AssigneeFilter = string;

export interface QueueFilters {
  channel: Channel | '';
  status: CaseStatus | '';
  priority: Priority | '';
  assignee: AssigneeFilter;
  /** the case's most urgent SLA clock: breached, or at risk (breached or warning) */
  sla: SlaFilter;
  /** 'queue': the safety queue (a flag to review or a complaint record to complete, whatever the case's status) */
  safety: SafetyFilter;
  /** the lead's or the specialists' queue: cases an escalation handed to them (issue 13) */
  handoff: HandoffFilter;
}

export const HANDOFF_FILTERS = ['lead', 'specialist'] as const;
export type HandoffFilter = (typeof HANDOFF_FILTERS)[number] | '';

export const SAFETY_FILTERS = ['queue'] as const;
export type SafetyFilter = (typeof SAFETY_FILTERS)[number] | '';

export const SLA_FILTERS = ['breached', 'at_risk'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number] | '';

export const EMPTY_FILTERS: QueueFilters = { channel: '', status: '', priority: '', assignee: '', sla: '', safety: '', handoff: '' };

export type QueueFilterKey = keyof QueueFilters;

/** Turn a raw <select> value into a filter value; unknown values mean "any". */
export function parseFilterValue<K extends QueueFilterKey>(key: K, raw: string): QueueFilters[K] {
  const schema = key === 'channel' ? Channel : key === 'status' ? CaseStatus : key === 'priority' ? Priority : null;
  if (key === 'sla') return ((SLA_FILTERS as readonly string[]).includes(raw) ? raw : '') as QueueFilters[K];
  if (key === 'safety') return ((SAFETY_FILTERS as readonly string[]).includes(raw) ? raw : '') as QueueFilters[K];
  if (key === 'handoff') return ((HANDOFF_FILTERS as readonly string[]).includes(raw) ? raw : '') as QueueFilters[K];
  if (schema === null) return raw.trim() as QueueFilters[K];
  const r = schema.safeParse(raw);
  return (r.success ? r.data : '') as QueueFilters[K];
}

export function matchesAssignee(assigneeId: string | null, filter: AssigneeFilter, meId: string | null): boolean {
  switch (filter) {
    case '':
      return true;
    case 'me':
      return meId !== null && assigneeId === meId;
    case 'unassigned':
      return assigneeId === null;
    default:
      return assigneeId === filter;
  }
}

export function matchesSla(r: QueueRow, filter: SlaFilter, now: number): boolean {
  if (filter === '') return true;
  const d = caseDisplay(r.sla, now).display;
  return filter === 'breached' ? d === 'breached' : d === 'breached' || d === 'warning';
}

export function filterQueue(rows: readonly QueueRow[], f: QueueFilters, meId: string | null, now = Date.now()): QueueRow[] {
  return rows.filter(
    (r) =>
      matchesSla(r, f.sla, now) &&
      (f.safety === '' || r.safety?.standing === 'review' || r.safety?.standing === 'complaint') &&
      (f.handoff === '' || r.handoff === f.handoff) &&
      (f.channel === '' || r.channel === f.channel) &&
      (f.status === '' || r.status === f.status) &&
      (f.priority === '' || r.priority === f.priority) &&
      matchesAssignee(r.assigneeId, f.assignee, meId),
  );
}

export function hasActiveFilter(f: QueueFilters): boolean {
  return f.channel !== '' || f.status !== '' || f.priority !== '' || f.assignee !== '' || f.sla !== '' || f.safety !== '' || f.handoff !== '';
}

export const PRIORITY_RANK: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };
export const STATUS_RANK: Record<CaseStatus, number> = {
  open: 0,
  pending: 1,
  waiting_on_customer: 2,
  resolved: 3,
  closed: 4,
};

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** How urgent a row's most urgent SLA clock is: breached, then warning, then running, then the rest. */
const URGENCY: Record<ReturnType<typeof caseDisplay>['display'], number> = { breached: 0, warning: 1, running: 2, paused: 3, missed: 4, met: 4, stopped: 4, inactive: 4 };

function urgency(r: QueueRow, now: number): { rank: number; due: number } {
  const c = caseDisplay(r.sla, now);
  const due = r.sla[c.clock].dueAt;
  return { rank: URGENCY[c.display], due: due ? time(due) : Number.POSITIVE_INFINITY };
}

/**
 * The order the queue opens in (issue 15: by urgency): P0 first — a harm report never waits behind anything —, then
 * what a lead fast-tracked (the green channel, issue 16), then breached, at risk, running, by the due time of the case's most urgent clock (the longest overdue first), then by
 * priority and the first-response due.
 */
export function compareQueueDefault(a: QueueRow, b: QueueRow, now = Date.now()): number {
  const p0 = Number(b.priority === 'P0') - Number(a.priority === 'P0');
  if (p0 !== 0) return p0;
  // the green channel (issue 16): what a lead fast-tracked comes next, before the clocks
  const fast = Number(b.fastTracked === true) - Number(a.fastTracked === true);
  if (fast !== 0) return fast;
  const ua = urgency(a, now);
  const ub = urgency(b, now);
  return (
    ua.rank - ub.rank ||
    (ua.due === ub.due ? 0 : ua.due < ub.due ? -1 : 1) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    time(a.firstResponseDueAt) - time(b.firstResponseDueAt) ||
    a.caseId.localeCompare(b.caseId)
  );
}

export function sortQueueDefault(rows: readonly QueueRow[], now = Date.now()): QueueRow[] {
  return [...rows].sort((a, b) => compareQueueDefault(a, b, now));
}

/**
 * Argument for queue.list: the status filter is applied by the core, so closed cases can be listed too. The safety
 * queue lists every status: a resolved case whose complaint record is still open stays on it.
 */
export function queueListInput(f: Pick<QueueFilters, 'status' | 'safety'>): { statuses?: CaseStatus[] } {
  if (f.status !== '') return { statuses: [f.status] };
  return f.safety === 'queue' ? { statuses: [...CaseStatus.options] } : {};
}

/**
 * The queue's named views (issue 15), each a preset of the filters: the team's open work, mine, nobody's, breaching
 * an SLA, waiting on the customer. Their counts come from the default list (every case still to work).
 */
export const QUEUE_VIEWS = ['team', 'mine', 'unassigned', 'breaching', 'waiting'] as const;
export type QueueViewName = (typeof QUEUE_VIEWS)[number];

export function viewFilters(view: QueueViewName): QueueFilters {
  switch (view) {
    case 'team':
      return EMPTY_FILTERS;
    case 'mine':
      return { ...EMPTY_FILTERS, assignee: 'me' };
    case 'unassigned':
      return { ...EMPTY_FILTERS, assignee: 'unassigned' };
    case 'breaching':
      return { ...EMPTY_FILTERS, sla: 'breached' };
    case 'waiting':
      return { ...EMPTY_FILTERS, status: 'waiting_on_customer' };
  }
}

/** The view the filters are exactly, or null (the agent combined filters of their own). */
export function activeView(f: QueueFilters): QueueViewName | null {
  return QUEUE_VIEWS.find((v) => (Object.keys(f) as QueueFilterKey[]).every((k) => viewFilters(v)[k] === f[k])) ?? null;
}

/** How many cases of the default list each view shows. */
export function viewCounts(defaultRows: readonly QueueRow[], meId: string | null, now: number): Record<QueueViewName, number> {
  const out = {} as Record<QueueViewName, number>;
  for (const v of QUEUE_VIEWS) out[v] = filterQueue(defaultRows, viewFilters(v), meId, now).length;
  return out;
}
