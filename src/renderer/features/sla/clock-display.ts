import type { CaseSla, ClockSummary } from '../../../shared/features/sla/contract';

/**
 * How a clock looks at `now`. The desktop core computed the clocks when the data was read; between reads a
 * running clock's due and warning instants are wall-clock instants, so the countdown goes on (and turns amber,
 * then red) without asking again, offline too.
 */
export type ClockDisplay = 'inactive' | 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed' | 'stopped';

export function clockDisplay(c: ClockSummary, now: number): ClockDisplay {
  switch (c.state) {
    case 'inactive':
      return 'inactive';
    case 'fulfilled':
      return c.breached ? 'missed' : 'met';
    case 'stopped':
      return c.breached ? 'missed' : 'stopped';
    case 'paused':
      return c.breached ? 'breached' : c.warned ? 'warning' : 'paused';
    case 'running': {
      if (c.breached || (c.dueAt !== null && Date.parse(c.dueAt) <= now)) return 'breached';
      if (c.warned || (c.warnAt !== null && Date.parse(c.warnAt) <= now)) return 'warning';
      return 'running';
    }
  }
}

const RANK: Record<ClockDisplay, number> = { breached: 0, warning: 1, running: 2, paused: 3, missed: 4, met: 5, stopped: 6, inactive: 7 };

/** The case's most urgent clock, for the queue row's colour and its "due" cell. */
export function caseDisplay(sla: CaseSla, now: number): { display: ClockDisplay; clock: 'firstResponse' | 'nextResponse' | 'resolution' } {
  const clocks = (['firstResponse', 'nextResponse', 'resolution'] as const).map((clock) => ({ clock, display: clockDisplay(sla[clock], now), dueAt: sla[clock].dueAt }));
  clocks.sort((a, b) => RANK[a.display] - RANK[b.display] || (a.dueAt && b.dueAt ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : a.dueAt ? -1 : b.dueAt ? 1 : 0));
  return clocks[0]!;
}

/** Milliseconds as "1 h 05 min" / "12 min" / "< 1 min" in business time (language-neutral digits; units translated by the caller). */
export function splitDuration(ms: number): { h: number; m: number } {
  const total = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  return { h: Math.floor(total / 60), m: total % 60 };
}
