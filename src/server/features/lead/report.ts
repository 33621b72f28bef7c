import { businessTimeOf, computeKpis, REPEAT_WINDOW_MS, type CaseFacts, type KpiQuery, type KpiResult } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { loadSlaConfig, ruleFor } from '../sla/index';

/**
 * The facts a report over [from, to) needs, from the read model: cases opened, answered or resolved in the window,
 * open at its start, and those opened 7 days around it (repeat contacts). Index range reads, no history scan.
 */
export async function factsForWindow(db: Queryable, teamIds: readonly string[], from: number, to: number): Promise<CaseFacts[]> {
  const { rows } = await db.query<{ data: CaseFacts }>(
    `select data from lead_case_facts
      where team_id = any($1::uuid[])
        and opened_at < $3::bigint
        and (resolved_at is null or resolved_at >= $2::bigint)`,
    [teamIds, from - REPEAT_WINDOW_MS, to + REPEAT_WINDOW_MS],
  );
  return rows.map((r) => r.data);
}

/** The quality figures of the caller's teams; FRT in each team's SLA calendar. */
export async function teamKpis(db: Queryable, teamIds: readonly string[], q: KpiQuery): Promise<KpiResult> {
  const facts = await factsForWindow(db, teamIds, Date.parse(q.from), Date.parse(q.to));
  const config = await loadSlaConfig(db);
  return computeKpis(facts, q, {
    businessMs: (teamId, a, b) => businessTimeOf(ruleFor(config, teamId, null).calendar).between(a, b),
  });
}
