import type { SlaAlert } from '../../../shared/features/sla/alerts';
import type { Agent } from '../../../shared/kernel/agent';
import { canAssign } from '../../../shared/kernel/permissions';

/** How many alerts stay on screen; older ones are in the queue's SLA views. */
export const MAX_ALERTS = 3;

/**
 * The alert tray after new alerts came in: newest first, one per event (a re-delivered batch changes nothing),
 * the loudest (red) kept over quieter ones when there are more than MAX_ALERTS.
 */
export function addAlerts(shown: readonly SlaAlert[], incoming: readonly SlaAlert[]): SlaAlert[] {
  const seen = new Set(shown.map((a) => a.eventId));
  const fresh = incoming.filter((a) => !seen.has(a.eventId) && (seen.add(a.eventId), true)).reverse();
  const all = [...fresh, ...shown];
  if (all.length <= MAX_ALERTS) return all;
  const rank = { red: 0, orange: 1, yellow: 2 } as const;
  const keep = new Set(
    all
      .map((a, i) => ({ a, i }))
      .sort((x, y) => rank[x.a.level] - rank[y.a.level] || x.i - y.i)
      .slice(0, MAX_ALERTS)
      .map((x) => x.a.eventId),
  );
  return all.filter((a) => keep.has(a.eventId));
}

/**
 * Whom `me` may hand an alerted case to, from the alert itself (the lead's one-click reassignment): the case team's
 * agents other than the current assignee, as the shared assignment rule allows (leads: anyone).
 */
export function reassignCandidates(me: Pick<Agent, 'id' | 'role'> | null, alert: SlaAlert, agents: readonly Agent[]): Agent[] {
  if (!me) return [];
  const owner = agents.find((a) => a.id === alert.assigneeId) ?? null;
  return agents.filter((a) => a.id !== alert.assigneeId && a.teamIds.includes(alert.teamId) && canAssign(me, { assigneeId: alert.assigneeId }, owner, a));
}
