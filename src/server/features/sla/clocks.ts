import { caseClocks, type CaseClocks, type Channel, type Event, type SlaPolicy } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import { toIso } from '../../kernel/db/types';
import { ruleFor, type SlaConfig } from './config';

export interface ServerCaseClocks {
  caseId: string;
  customerId: string;
  teamId: string;
  assigneeId: string | null;
  channel: Channel | null;
  policy: SlaPolicy;
  clocks: CaseClocks;
  /** ids of the SLA events already in the log for this case */
  recorded: Set<string>;
}

interface Row {
  id: string;
  case_id: string;
  kind: string;
  channel: string;
  occurred_at: string | Date;
  meta: Record<string, unknown>;
  author_type: string | null;
}

/**
 * The clocks of these cases at `now`, from the log (one query for the cases, one for their events — bodies are not
 * read). The same caseClocks the desktop runs on its cache.
 */
export async function clocksOfCases(
  db: Queryable,
  config: SlaConfig,
  caseIds: readonly string[],
  now: number,
  cycles: 'open' | 'all' = 'open',
): Promise<ServerCaseClocks[]> {
  if (caseIds.length === 0) return [];
  const { rows: cases } = await db.query<{ id: string; customer_id: string; team_id: string; assignee_id: string | null }>(
    'select id, customer_id, team_id, assignee_id from cases where id = any($1::uuid[])',
    [caseIds],
  );
  const { rows } = await db.query<Row>(
    `select id, case_id, kind, channel, occurred_at, meta, author->>'type' as author_type from events where case_id = any($1::uuid[]) order by seq`,
    [caseIds],
  );
  const byCase = new Map<string, Event[]>();
  for (const r of rows) {
    const e = { id: r.id, caseId: r.case_id, kind: r.kind, channel: r.channel, occurredAt: toIso(r.occurred_at), meta: r.meta, author: { type: r.author_type } } as unknown as Event;
    let list = byCase.get(r.case_id);
    if (!list) byCase.set(r.case_id, (list = []));
    list.push(e);
  }
  return cases.map((c) => {
    const events = byCase.get(c.id) ?? [];
    const opened = events.find((e) => e.kind === 'case.opened');
    const channel = opened && opened.channel !== 'internal' ? (opened.channel as Channel) : null;
    const { policy, calendar } = ruleFor(config, c.team_id, channel);
    const recorded = new Set(events.filter((e) => e.kind === 'sla.warned' || e.kind === 'sla.breached').map((e) => e.id));
    return {
      caseId: c.id,
      customerId: c.customer_id,
      teamId: c.team_id,
      assigneeId: c.assignee_id,
      channel,
      policy,
      clocks: caseClocks(c.id, events, policy, calendar, now, { transitions: cycles }),
      recorded,
    };
  });
}
