import type { KpiFigure, KpiRow, Wallboard, WallboardAgent } from '../../../shared/features/lead';

/** How a desktop's sync health reads on the wallboard: online and caught up, online with a backlog, or away. */
export type HealthTone = 'ok' | 'syncing' | 'offline';
export function healthTone(a: WallboardAgent): HealthTone {
  if (!a.desktop.online) return 'offline';
  return a.desktop.unsyncedOut > 0 ? 'syncing' : 'ok';
}

/** Changes not yet synced either way: what the desktop holds back, and what it has not received. */
export function unsynced(a: WallboardAgent): number {
  return a.desktop.unsyncedOut + a.desktop.behind;
}

/** Seconds since an instant (0 for the future or nothing). */
export function ageSec(iso: string | null, nowMs: number): number {
  if (!iso) return 0;
  return Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
}

/** A wallboard pushed for one team replaces that team's, and keeps the others. */
export function mergeBoard(boards: readonly Wallboard[], next: Wallboard): Wallboard[] {
  const i = boards.findIndex((b) => b.teamId === next.teamId);
  if (i < 0) return [...boards, next];
  // an older push arriving late never replaces a newer one
  if (boards[i]!.generatedAt > next.generatedAt) return [...boards];
  const out = [...boards];
  out[i] = next;
  return out;
}

/** Agents the lead looks at first: offline with changes held back, then by load. */
export function agentOrder(agents: readonly WallboardAgent[]): WallboardAgent[] {
  const rank = (a: WallboardAgent) => (healthTone(a) === 'offline' ? (unsynced(a) > 0 ? 0 : 2) : 1);
  return [...agents].sort((a, b) => rank(a) - rank(b) || b.load - a.load || a.name.localeCompare(b.name));
}

/** One figure of a report row as it shows: durations as seconds/minutes, shares as percent. */
export function figureValue(row: KpiRow, figure: KpiFigure): number | null {
  switch (figure) {
    case 'opened':
      return row.opened;
    case 'frt':
      return row.frtMs === null ? null : row.frtMs / 1000;
    case 'nrt':
      return row.nrtMs === null ? null : row.nrtMs / 1000;
    case 'resolution':
      return row.resolutionMs === null ? null : row.resolutionMs / 1000;
    case 'aht':
      return row.ahtSec;
    case 'fcr':
      return row.fcr === null ? null : row.fcr * 100;
    case 'repeat':
      return row.repeatRate === null ? null : row.repeatRate * 100;
    case 'sla':
      return row.slaAttainment === null ? null : row.slaAttainment * 100;
    case 'backlog':
      return row.backlog;
  }
}

export const DURATION_FIGURES: ReadonlySet<KpiFigure> = new Set(['frt', 'nrt', 'resolution', 'aht']);
export const SHARE_FIGURES: ReadonlySet<KpiFigure> = new Set(['fcr', 'repeat', 'sla']);

/** The report's window: the last `days` days up to the end of today (UTC instants). */
export function lastDays(days: number, nowMs: number): { from: string; to: string } {
  const end = new Date(nowMs);
  end.setUTCHours(24, 0, 0, 0);
  return { from: new Date(end.getTime() - days * 86_400_000).toISOString(), to: end.toISOString() };
}
