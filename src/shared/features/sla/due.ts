import type { Priority } from '../../kernel/case';

/** Shipped SLA defaults of DOMAIN.md, in minutes; every one configurable per policy (later). */
export const DEFAULT_SLA_MINUTES: Record<Priority, { firstResponse: number; resolution: number }> = {
  P0: { firstResponse: 15, resolution: 2 * 60 },
  P1: { firstResponse: 30, resolution: 4 * 60 },
  P2: { firstResponse: 30, resolution: 24 * 60 },
  P3: { firstResponse: 2 * 60, resolution: 48 * 60 },
};

/**
 * Due times of a case opened at `openedAt` with `priority`, on the wall clock.
 * Business-hours calendars and pauses while waiting on the customer come with the SLA engine.
 */
export function slaDueTimes(
  openedAt: string,
  priority: Priority,
  policy: Record<Priority, { firstResponse: number; resolution: number }> = DEFAULT_SLA_MINUTES,
): { firstResponseDueAt: string; resolutionDueAt: string } {
  const t = Date.parse(openedAt);
  if (Number.isNaN(t)) throw new RangeError('openedAt is not an ISO instant');
  const p = policy[priority];
  return {
    firstResponseDueAt: new Date(t + p.firstResponse * 60_000).toISOString(),
    resolutionDueAt: new Date(t + p.resolution * 60_000).toISOString(),
  };
}
