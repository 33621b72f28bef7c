import { hearsEscalationAlert, type Agent, type EscalationAlert } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';
import { ruleSetOf } from './rule-set';

const WATERMARK = 'escalation.alertSeq' as const;
/** Older ones are not news: the case shows its handoff and approvals. */
export const ESCALATION_ALERT_WINDOW_MS = 24 * 3_600_000;

interface Row {
  id: string;
  customer_id: string;
  case_id: string;
  kind: string;
  occurred_at: string;
  author_id: string | null;
  team_id: string;
  subject: string | null;
  to_target: string | null;
  tier: string | null;
  rule_id: string | null;
  approved: number | null;
  notify: number | null;
  approval_id: string | null;
}

/**
 * The escalation events pulled since this desktop last looked that this agent is to hear about (shared
 * `hearsEscalationAlert`): a handoff to the lead or the specialists, an approval to decide, a rule that tells the lead,
 * and — for the agent who asked — the lead's decision. Once each per desktop, like the safety alerts.
 */
export function newEscalationAlerts(store: Store, me: Agent, now: number): EscalationAlert[] {
  const top = store.db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck().get() ?? 0;
  const mark = Number(store.meta.featureValue(WATERMARK) ?? '0');
  if (top <= mark) return [];
  const rows = store.db
    .prepare<[number, string], Row>(
      `SELECT e.id, e.customer_id, e.case_id, e.kind, e.occurred_at, json_extract(e.json, '$.author.id') AS author_id,
              c.team_id, json_extract(c.json, '$.subject') AS subject, json_extract(e.json, '$.meta.to') AS to_target,
              json_extract(e.json, '$.meta.tier') AS tier, json_extract(e.json, '$.meta.ruleId') AS rule_id,
              json_extract(e.json, '$.meta.approved') AS approved, json_extract(e.json, '$.meta.approvalId') AS approval_id,
              (SELECT 1 FROM json_each(e.json, '$.meta.actions') a WHERE json_extract(a.value, '$.type') = 'notify_lead') AS notify
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.seq > ? AND e.occurred_at >= ?
          AND e.kind IN ('case.handed_off', 'approval.requested', 'approval.decided', 'escalation.fired')
        ORDER BY e.seq`,
    )
    .all(mark, new Date(now - ESCALATION_ALERT_WINDOW_MS).toISOString());
  store.meta.setFeatureValue(WATERMARK, String(top));
  const alerts: EscalationAlert[] = [];
  for (const r of rows) {
    let kind: EscalationAlert['kind'];
    let addressee: string | null = null;
    let detail: string | null;
    if (r.kind === 'case.handed_off') {
      kind = 'handoff';
      addressee = r.to_target;
      detail = r.to_target;
    } else if (r.kind === 'approval.requested') {
      kind = 'approval_requested';
      detail = r.tier;
    } else if (r.kind === 'approval.decided') {
      kind = 'approval_decided';
      addressee = r.approval_id ? (store.events.get(r.approval_id)?.event.author.id ?? null) : null;
      detail = r.approved ? 'approved' : 'declined';
    } else {
      if (!r.notify) continue;
      kind = 'notify';
      detail = r.rule_id;
    }
    if (!hearsEscalationAlert(me, r.team_id, kind, addressee, r.author_id)) continue;
    const ruleName = kind === 'notify' && r.rule_id ? (ruleSetOf(store).ruleById.get(r.rule_id)?.name ?? null) : null;
    alerts.push({ eventId: r.id, caseId: r.case_id, customerId: r.customer_id, kind, subject: r.subject ?? '', detail, ruleName, at: r.occurred_at });
  }
  return alerts;
}
