import { businessTimeOf, computeKpis, REPEAT_WINDOW_MS, type KpiFacts, type KpiOptions, type KpiQuery, type KpiResult } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { loadSlaConfig, ruleFor } from '../sla/index';

/**
 * The facts a report over [from, to) needs, from the read model: cases opened, answered or resolved in the window,
 * open at its start, and those opened 7 days around it (repeat contacts). Index range reads, no history scan.
 */
export async function factsForWindow(db: Queryable, teamIds: readonly string[], from: number, to: number): Promise<KpiFacts[]> {
  // float8: numbers arrive as numbers (a bigint would be a string); epoch ms fit exactly
  const { rows } = await db.query<KpiFacts>(
    `select case_id as "caseId", customer_id as "customerId", team_id as "teamId", channel, product,
            opened_at::float8 as "openedAt", assignee_id as "assigneeId", first_response_at::float8 as "firstResponseAt",
            first_responder_id as "firstResponderId", next_response_ms::float8 as "nextResponseMs", next_responses as "nextResponses",
            resolved_at::float8 as "resolvedAt", reopens, waiting_ms::float8 as "waitingMs", call_sec as "callSec", calls, wrap_sec as "wrapSec",
            chat_first_at::float8 as "chatFirstAt", chat_last_at::float8 as "chatLastAt",
            fr_breached as "firstResponseBreached", res_breached as "resolutionBreached"
       from lead_case_facts
      where team_id = any($1::uuid[])
        and opened_at < $3::bigint
        and (resolved_at is null or resolved_at >= $2::bigint)`,
    [teamIds, from - REPEAT_WINDOW_MS, to + REPEAT_WINDOW_MS],
  );
  return rows;
}

/** The quality figures of the caller's teams; FRT in each team's SLA calendar. */
export async function teamKpis(db: Queryable, teamIds: readonly string[], q: KpiQuery, drill?: KpiOptions['drill']): Promise<KpiResult> {
  const facts = await factsForWindow(db, teamIds, Date.parse(q.from), Date.parse(q.to));
  const config = await loadSlaConfig(db);
  return computeKpis(facts, q, {
    businessMs: (teamId, a, b) => businessTimeOf(ruleFor(config, teamId, null).calendar).between(a, b),
    ...(drill ? { drill } : {}),
  });
}
