import { mentions, type Agent, type AttentionItem, type EventChannel, type OfferEnded } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

const WATERMARK = 'routing.attentionSeq' as const;
const FROM: Partial<Record<string, AttentionItem['from']>> = { 'case.help_answered': 'lead', 'escalation.fired': 'escalation', 'note.added': 'mention' };
/** Older messages are not news after a long offline spell: the queue shows them. */
export const ATTENTION_WINDOW_MS = 24 * 3_600_000;

interface Row {
  id: string;
  kind: string;
  customer_id: string;
  case_id: string;
  channel: EventChannel;
  occurred_at: string;
  subject: string | null;
  offer_id: string | null;
  outcome: string | null;
  author_id: string | null;
  body: string | null;
}

/**
 * What the events pulled since this desktop last looked ask of this agent (issue 15): customer messages on cases
 * assigned to them (automated replies and bounces excluded), escalation rules firing on their cases, a colleague's
 * note that mentions them (`@username`, on any case this desktop holds), the lead's answers to their flags (issue 16),
 * and their offers that ended elsewhere (the case was taken by hand, the server withdrew it). Once each: a watermark
 * of the last seq looked at.
 */
export function newAttention(store: Store, me: Pick<Agent, 'id' | 'username'>, now: number): { items: AttentionItem[]; ended: OfferEnded[] } {
  const top = store.db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck().get() ?? 0;
  const seen = store.meta.featureValue(WATERMARK);
  // a cache's first catch-up is history, not news: start looking from here
  if (seen === null) {
    store.meta.setFeatureValue(WATERMARK, String(top));
    return { items: [], ended: [] };
  }
  const mark = Number(seen);
  if (top <= mark) return { items: [], ended: [] };
  const rows = store.db
    .prepare<[number, string, string, string, string], Row>(
      `SELECT e.id, e.kind, e.customer_id, e.case_id, e.channel, e.occurred_at, json_extract(c.json, '$.subject') AS subject,
              json_extract(e.json, '$.meta.offerId') AS offer_id, json_extract(e.json, '$.meta.outcome') AS outcome,
              json_extract(e.json, '$.author.id') AS author_id, CASE WHEN e.kind = 'note.added' THEN e.body END AS body
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.seq > ? AND e.occurred_at >= ?
          AND (((e.kind = 'message.received' AND json_extract(e.json, '$.meta.bounceReport') IS NULL
                 -- SLA and safety alerts raise their own notices; a compensation rule fires on the agent's own draft
                 OR (e.kind = 'escalation.fired' AND json_extract(e.json, '$.meta.trigger') NOT IN ('sla', 'safety_flag', 'compensation')))
                AND c.assignee_id = ?)
            OR (e.kind = 'note.added' AND instr(e.body, '@') > 0)
            OR (e.kind = 'case.offer_ended' AND json_extract(e.json, '$.meta.agentId') = ?)
            OR (e.kind = 'case.help_answered' AND EXISTS (SELECT 1 FROM events r WHERE r.id = json_extract(e.json, '$.meta.requestId')
                                                           AND json_extract(r.json, '$.author.id') = ?)))
        ORDER BY e.seq`,
    )
    .all(mark, new Date(now - ATTENTION_WINDOW_MS).toISOString(), me.id, me.id, me.id);
  store.meta.setFeatureValue(WATERMARK, String(top));
  const items: AttentionItem[] = [];
  const ended: OfferEnded[] = [];
  for (const r of rows) {
    if (r.kind === 'case.offer_ended') {
      if (r.offer_id && (r.outcome === 'withdrawn' || r.outcome === 'expired')) ended.push({ offerId: r.offer_id, caseId: r.case_id, outcome: r.outcome });
      continue;
    }
    if (r.kind === 'note.added' && (r.author_id === me.id || !mentions(r.body ?? '', me.username))) continue;
    items.push({ eventId: r.id, customerId: r.customer_id, caseId: r.case_id, channel: r.channel, subject: r.subject ?? '', at: r.occurred_at, from: FROM[r.kind] ?? 'customer' });
  }
  return { items, ended };
}
