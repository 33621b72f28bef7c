import { alertLevel, slaAlertAudience, type AlertRecipient, type SlaAlert } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';
import { cachedCaseSla } from './case-clocks';

const WATERMARK = 'sla.alertSeq' as const;

interface Row {
  id: string;
  seq: number;
  customer_id: string;
  case_id: string;
  kind: 'sla.warned' | 'sla.breached';
  clock: SlaAlert['clock'];
  due_at: string;
  late: number;
  team_id: string;
  assignee_id: string | null;
  subject: string | null;
  status: string;
}

/** Older warnings and breaches are not news: the queue's SLA views show them. */
export const ALERT_WINDOW_MS = 12 * 3_600_000;

/**
 * The SLA warnings and breaches the server recorded since this desktop last looked, that this agent is to hear
 * about (shared `slaAlertAudience`). Read after each pull; the last seq read is kept in the cache, so an alert is
 * raised once per desktop, also for what happened while it was offline (within the last ALERT_WINDOW_MS: a new
 * cache's catch-up does not replay days of history). Cases resolved or closed since are not raised.
 */
export function newSlaAlerts(store: Store, me: AlertRecipient, now: number): SlaAlert[] {
  const top = store.db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck().get() ?? 0;
  const mark = Number(store.meta.featureValue(WATERMARK) ?? '0');
  if (top <= mark) return [];
  const rows = store.db
    .prepare<[number, string], Row>(
      `SELECT e.id, e.seq, e.customer_id, e.case_id, e.kind,
              json_extract(e.json, '$.meta.clock') AS clock, json_extract(e.json, '$.meta.dueAt') AS due_at,
              json_extract(e.json, '$.meta.late') AS late,
              c.team_id, c.assignee_id, c.status, json_extract(c.json, '$.subject') AS subject
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.seq > ? AND e.kind IN ('sla.warned', 'sla.breached') AND e.occurred_at >= ?
        ORDER BY e.seq`,
    )
    .all(mark, new Date(now - ALERT_WINDOW_MS).toISOString());
  store.meta.setFeatureValue(WATERMARK, String(top));
  const told = rows.flatMap((r) => {
    if (r.status === 'resolved' || r.status === 'closed') return [];
    const kind = r.kind === 'sla.breached' ? ('breached' as const) : ('warned' as const);
    const as = slaAlertAudience(me, { teamId: r.team_id, assigneeId: r.assignee_id }, kind);
    return as ? [{ r, kind, as }] : [];
  });
  // a warning's event holds its warn instant; the alert tells when the clock breaches (the clock now, from the cache)
  const warnedCases = told.filter((t) => t.kind === 'warned').map((t) => t.r.case_id);
  const clocks = cachedCaseSla(store, [...new Set(warnedCases)], now);
  const alerts: SlaAlert[] = [];
  for (const { r, kind, as } of told) {
    const dueAt = kind === 'breached' ? r.due_at : clocks.get(r.case_id)?.[r.clock].dueAt;
    if (!dueAt) continue; // the clock stopped since (a reply went out): nothing to warn about any more
    alerts.push({
      eventId: r.id,
      caseId: r.case_id,
      customerId: r.customer_id,
      teamId: r.team_id,
      assigneeId: r.assignee_id,
      subject: r.subject ?? '',
      kind,
      clock: r.clock,
      level: alertLevel(kind, Date.parse(dueAt), now),
      dueAt,
      late: r.late === 1,
      as,
    });
  }
  return alerts;
}
