import {
  caseClocks,
  caseSla,
  slaRuleFor,
  SLA_CALENDAR,
  SLA_POLICY,
  type CaseSla,
  type Channel,
  type Event,
} from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

/** Kinds the clocks read; meta is read only for those that need it (never message bodies or email HTML). */
const KINDS = ['case.opened', 'case.status_changed', 'case.priority_changed', 'message.received', 'message.sent', 'message.delivery_updated', 'call.started', 'call.answered', 'call.ended'];
const WITH_META = ['case.opened', 'case.status_changed', 'case.priority_changed', 'message.delivery_updated', 'call.started', 'call.answered', 'call.ended'];

interface Row {
  id: string;
  case_id: string;
  kind: string;
  channel: string;
  occurred_at: string;
  meta: string | null;
  author_type: string | null;
  team_id: string;
}

/**
 * The SLA clocks of cached cases, with the same function and policies the server uses (policies and calendars
 * are reference data in the cache), so a countdown runs on offline. Events made here and not yet synced count
 * too: a reply sent offline stops the first-response clock on this desktop at once.
 */
export function cachedCaseSla(store: Store, caseIds: readonly string[], now: number): Map<string, CaseSla> {
  const out = new Map<string, CaseSla>();
  if (caseIds.length === 0) return out;
  const rows = store.db
    .prepare<[string, string, string], Row>(
      `SELECT e.id, e.case_id, e.kind, e.channel, e.occurred_at, json_extract(e.json, '$.author.type') AS author_type,
              CASE WHEN e.kind IN (SELECT value FROM json_each(?)) THEN json_extract(e.json, '$.meta') END AS meta,
              c.team_id
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.case_id IN (SELECT value FROM json_each(?)) AND e.kind IN (SELECT value FROM json_each(?))
          AND e.local_state <> 'rejected'
        ORDER BY e.case_id, e.occurred_at, e.rid`,
    )
    .all(JSON.stringify(WITH_META), JSON.stringify(caseIds), JSON.stringify(KINDS));
  const policies = store.reference.list(SLA_POLICY);
  const calendars = new Map(store.reference.list(SLA_CALENDAR).map((c) => [c.id, c] as const));
  let i = 0;
  while (i < rows.length) {
    const caseId = rows[i]!.case_id;
    const teamId = rows[i]!.team_id;
    const events: Event[] = [];
    for (; i < rows.length && rows[i]!.case_id === caseId; i++) {
      const r = rows[i]!;
      events.push({ id: r.id, caseId, kind: r.kind, channel: r.channel, occurredAt: r.occurred_at, meta: r.meta === null ? {} : JSON.parse(r.meta), author: { type: r.author_type } } as unknown as Event);
    }
    const opened = events.find((e) => e.kind === 'case.opened');
    const channel = opened && opened.channel !== 'internal' ? (opened.channel as Channel) : null;
    const { policy, calendar } = slaRuleFor(policies, calendars, teamId, channel);
    out.set(caseId, caseSla(caseClocks(caseId, events, policy, calendar, now, { transitions: 'open' })));
  }
  return out;
}
