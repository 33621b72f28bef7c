import type { DeadlineState, RegulatoryDeadline } from '../../../shared/features/safety/regulatory-clock';

/**
 * How a regulatory deadline shows (issue 12): the shared clock gives due and warning instants (wall clock, never
 * paused), so the state is re-read against `now` every tick and turns amber, then red, offline too.
 */
export function deadlineState(d: Pick<RegulatoryDeadline, 'dueAt' | 'warnAt' | 'state'>, now: number): DeadlineState {
  if (d.state !== 'running' && d.state !== 'warning' && d.state !== 'overdue') return d.state;
  if (now >= Date.parse(d.dueAt)) return 'overdue';
  if (now >= Date.parse(d.warnAt)) return 'warning';
  return 'running';
}

/** Whole days and hours to (or past) the deadline: "29 d 23 h" reads better than minutes for a 30-day clock. */
export function daysHours(dueAt: string, now: number): { d: number; h: number; past: boolean } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  return { d: Math.floor(abs / 86_400_000), h: Math.floor((abs % 86_400_000) / 3_600_000), past: ms < 0 };
}
