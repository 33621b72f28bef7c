import { hearsSafetyAlert, SafetyCategory, type Agent, type SafetyAlert } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

const WATERMARK = 'safety.alertSeq' as const;

/** Older flags are not news: the safety queue lists every case still to review. */
export const SAFETY_ALERT_WINDOW_MS = 24 * 3_600_000;

interface Row {
  id: string;
  customer_id: string;
  case_id: string;
  kind: 'safety.flagged' | 'note.added';
  categories: string;
  aware_at: string | null;
  occurred_at: string;
  source: string | null;
  author_id: string | null;
  team_id: string;
  subject: string | null;
}

/**
 * The flags pulled since this desktop last looked that this lead or specialist is to hear about (shared
 * `hearsSafetyAlert`): the detector's on arrival, an agent's by hand, a note's own. Read after each pull; the last
 * seq read is kept in the cache, so each is raised once per desktop, also for what arrived while it was offline.
 * Only pulled (synced) events count: a flag made here is this agent's own.
 */
export function newSafetyAlerts(store: Store, me: Agent, now: number): SafetyAlert[] {
  const top = store.db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck().get() ?? 0;
  const mark = Number(store.meta.featureValue(WATERMARK) ?? '0');
  if (top <= mark) return [];
  const rows = store.db
    .prepare<[number, string], Row>(
      `SELECT e.id, e.customer_id, e.case_id, e.kind, e.occurred_at,
              coalesce(json_extract(e.json, '$.meta.categories'), json_extract(e.json, '$.meta.safety.categories')) AS categories,
              json_extract(e.json, '$.meta.awareAt') AS aware_at, json_extract(e.json, '$.meta.source') AS source,
              json_extract(e.json, '$.author.id') AS author_id, c.team_id, json_extract(c.json, '$.subject') AS subject
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.seq > ? AND e.occurred_at >= ?
          AND (e.kind = 'safety.flagged' OR (e.kind = 'note.added' AND json_extract(e.json, '$.meta.safety') IS NOT NULL))
        ORDER BY e.seq`,
    )
    .all(mark, new Date(now - SAFETY_ALERT_WINDOW_MS).toISOString());
  store.meta.setFeatureValue(WATERMARK, String(top));
  const alerts: SafetyAlert[] = [];
  for (const r of rows) {
    if (!hearsSafetyAlert(me, r.team_id, r.author_id)) continue;
    const categories = SafetyCategory.array().safeParse(JSON.parse(r.categories ?? '[]'));
    alerts.push({
      eventId: r.id,
      caseId: r.case_id,
      customerId: r.customer_id,
      teamId: r.team_id,
      subject: r.subject ?? '',
      categories: categories.success ? categories.data : [],
      awareAt: r.aware_at ?? r.occurred_at,
      source: r.source === 'agent' ? 'agent' : 'detector',
    });
  }
  return alerts;
}
