import type { ClockName } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { clocksOfCases } from './clocks';
import { loadSlaConfig } from './config';

export type AttainmentGroup = 'policy' | 'team' | 'agent' | 'channel';
export interface AttainmentRow {
  key: string | null;
  clock: ClockName;
  /** targets that came due in the window: ended (fulfilled or stopped after breaching) or breached while running */
  due: number;
  met: number;
  /** met ÷ due, null when nothing was due */
  attainment: number | null;
}

/**
 * SLA attainment (DOMAIN.md: targets met ÷ targets due) of the cases touched in [from, to), grouped by policy, team,
 * agent (the case's assignee) or channel — the one query the lead console reads. A target is due when its cycle
 * ended in the window (fulfilled: met if not breached; stopped: counted only if it breached first) or when it
 * breached in the window while still running.
 */
export async function slaAttainment(db: Queryable, window: { from: number; to: number }, group: AttainmentGroup): Promise<AttainmentRow[]> {
  const { rows } = await db.query<{ id: string }>(
    `select distinct case_id as id from events where case_id is not null and occurred_at >= $1 and occurred_at < $2`,
    [new Date(window.from).toISOString(), new Date(window.to).toISOString()],
  );
  const config = await loadSlaConfig(db);
  const out = new Map<string, AttainmentRow>();
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const cases = await clocksOfCases(db, config, rows.slice(i, i + BATCH).map((r) => r.id), window.to, 'all');
    for (const c of cases) {
      const key = group === 'policy' ? c.policy.id : group === 'team' ? c.teamId : group === 'agent' ? c.assigneeId : c.channel;
      for (const cy of c.clocks.cycles) {
        const breachedAt = cy.breachAt !== null && cy.breachAt <= (cy.endedAt ?? window.to) ? cy.breachAt : null;
        const endedIn = cy.endedAt !== null && cy.endedAt >= window.from && cy.endedAt < window.to;
        let due = false;
        let met = false;
        if (endedIn && cy.ended === 'fulfilled') [due, met] = [true, breachedAt === null];
        else if (endedIn && cy.ended === 'stopped' && breachedAt !== null) due = true;
        else if (cy.endedAt === null && breachedAt !== null && breachedAt >= window.from) due = true;
        if (!due) continue;
        const k = `${key ?? ''}|${cy.clock}`;
        const row = out.get(k) ?? { key, clock: cy.clock, due: 0, met: 0, attainment: null };
        row.due++;
        if (met) row.met++;
        row.attainment = row.met / row.due;
        out.set(k, row);
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '') || a.clock.localeCompare(b.clock));
}
