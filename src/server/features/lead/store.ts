import { caseFactsFrom, foldCaseFacts, openFacts, type CaseFacts, type Event } from '../../../shared/index';
import type { Db, Queryable } from '../../kernel/db/types';
import { EVENT_COLUMNS, lockEventLog, rowToEvent, type EventRow } from '../../kernel/events/index';

/** The read model's rows (table lead_case_facts, migration 130): the facts, and the columns the queries filter on. */
export async function loadFacts(q: Queryable, caseIds: readonly string[]): Promise<Map<string, CaseFacts>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await q.query<{ data: CaseFacts }>('select data from lead_case_facts where case_id = any($1::uuid[])', [caseIds]);
  return new Map(rows.map((r) => [r.data.caseId, r.data]));
}

/** Columns beside `data`: (column, the facts' field, its type). Reports read these, never the JSON. */
const COLUMNS: ReadonlyArray<readonly [string, keyof CaseFacts, string]> = [
  ['team_id', 'teamId', 'uuid'],
  ['customer_id', 'customerId', 'uuid'],
  ['status', 'status', 'text'],
  ['channel', 'channel', 'text'],
  ['product', 'product', 'text'],
  ['assignee_id', 'assigneeId', 'uuid'],
  ['first_responder_id', 'firstResponderId', 'uuid'],
  ['opened_at', 'openedAt', 'bigint'],
  ['first_response_at', 'firstResponseAt', 'bigint'],
  ['resolved_at', 'resolvedAt', 'bigint'],
  ['next_response_ms', 'nextResponseMs', 'bigint'],
  ['next_responses', 'nextResponses', 'integer'],
  ['waiting_ms', 'waitingMs', 'bigint'],
  ['reopens', 'reopens', 'integer'],
  ['call_sec', 'callSec', 'integer'],
  ['calls', 'calls', 'integer'],
  ['wrap_sec', 'wrapSec', 'integer'],
  ['chat_first_at', 'chatFirstAt', 'bigint'],
  ['chat_last_at', 'chatLastAt', 'bigint'],
  ['fr_breached', 'firstResponseBreached', 'boolean'],
  ['res_breached', 'resolutionBreached', 'boolean'],
];

const UPSERT = `insert into lead_case_facts (case_id, ${COLUMNS.map((c) => c[0]).join(', ')}, data)
  select (f->>'caseId')::uuid, ${COLUMNS.map(([, field, type]) => `(f->>'${field}')::${type}`).join(', ')}, f
    from jsonb_array_elements($1::text::jsonb) f
  on conflict (case_id) do update set ${COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(', ')}, data = excluded.data`;

export async function saveFacts(q: Queryable, facts: readonly CaseFacts[]): Promise<void> {
  for (let i = 0; i < facts.length; i += 1000) await q.query(UPSERT, [JSON.stringify(facts.slice(i, i + 1000))]);
}

/** The device kind of each customer (their first device), which the facts keep as the case's product. */
export async function productsOf(q: Queryable, customerIds: readonly string[]): Promise<Map<string, string | null>> {
  if (customerIds.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; product: string | null }>(
    `select id, data->'devices'->0->>'kind' as product from customers where id = any($1::uuid[])`,
    [[...new Set(customerIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.product]));
}

/**
 * Folds appended events into the facts of their cases (in the appending transaction). Merges move the cases they
 * list to the other customer, so repeat contacts count across the merged person.
 */
export async function foldAppended(q: Queryable, events: readonly Event[]): Promise<number> {
  const caseIds = new Set<string>();
  const opened: Array<Extract<Event, { kind: 'case.opened' }>> = [];
  for (const e of events) {
    if (e.kind === 'case.opened') opened.push(e);
    else if (e.caseId) caseIds.add(e.caseId);
  }
  const facts = await loadFacts(q, [...caseIds]);
  const products = await productsOf(q, opened.map((e) => e.customerId));
  const changed = new Map<string, CaseFacts>();
  for (const e of events) {
    if (e.kind === 'customer.merged' || e.kind === 'customer.unmerged') {
      const to = e.kind === 'customer.merged' ? e.meta.targetId : e.meta.sourceId;
      if (e.meta.caseIds.length) {
        await q.query(`update lead_case_facts set customer_id = $2::uuid, data = jsonb_set(data, '{customerId}', to_jsonb($2::uuid::text)) where case_id = any($1::uuid[])`, [e.meta.caseIds, to]);
      }
      for (const id of e.meta.caseIds) {
        const f = changed.get(id) ?? facts.get(id);
        if (f) changed.set(id, { ...f, customerId: to });
      }
      continue;
    }
    if (e.kind === 'case.opened') {
      const f = openFacts(e, products.get(e.customerId) ?? null);
      facts.set(f.caseId, f);
      changed.set(f.caseId, f);
      continue;
    }
    if (!e.caseId) continue;
    const before = changed.get(e.caseId) ?? facts.get(e.caseId);
    if (!before) continue;
    const after = foldCaseFacts(before, e);
    if (after !== before) changed.set(e.caseId, after);
  }
  await saveFacts(q, [...changed.values()]);
  return events.length;
}

/** Folds the given cases from their whole history (a rebuild's page, a backfill's page). */
async function foldCases(q: Queryable, page: ReadonlyArray<{ id: string; customer_id: string }>): Promise<{ cases: number; events: number }> {
  const { rows } = await q.query<EventRow>(`select ${EVENT_COLUMNS} from events where case_id = any($1::uuid[]) order by seq`, [page.map((r) => r.id)]);
  const byCase = new Map<string, Event[]>();
  for (const r of rows) {
    const e = rowToEvent(r);
    const list = byCase.get(e.caseId!);
    if (list) list.push(e);
    else byCase.set(e.caseId!, [e]);
  }
  const products = await productsOf(q, page.map((r) => r.customer_id));
  const out: CaseFacts[] = [];
  for (const p of page) {
    const f = caseFactsFrom(byCase.get(p.id) ?? [], products.get(p.customer_id) ?? null);
    // the projection knows the customer after merges; the case.opened event names the one it opened for
    if (f) out.push({ ...f, customerId: p.customer_id });
  }
  await saveFacts(q, out);
  return { cases: out.length, events: rows.length };
}

/**
 * Rebuilds the read model from the log (the catch-up benchmark; a repair): every case's events in seq order,
 * `pageSize` cases at a time. Run it where nothing appends meanwhile.
 */
export async function rebuildFacts(q: Queryable, pageSize = 500): Promise<{ cases: number; events: number }> {
  await q.query('delete from lead_case_facts');
  let after = '00000000-0000-0000-0000-000000000000';
  const total = { cases: 0, events: 0 };
  for (;;) {
    const { rows: page } = await q.query<{ id: string; customer_id: string }>('select id, customer_id from cases where id > $1 order by id limit $2', [after, pageSize]);
    if (page.length === 0) return total;
    after = page[page.length - 1]!.id;
    const n = await foldCases(q, page);
    total.cases += n.cases;
    total.events += n.events;
  }
}

/**
 * Cases without facts (an install that had cases before migration 130) are folded from the log, a page at a time, each
 * under the event-log lock so no append of theirs interleaves. Idempotent; what is done stays done.
 */
export async function backfillMissing(db: Db, pageSize = 500): Promise<{ cases: number; events: number }> {
  const total = { cases: 0, events: 0 };
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await lockEventLog(tx);
      const { rows: page } = await tx.query<{ id: string; customer_id: string }>(
        'select k.id, k.customer_id from cases k where not exists (select 1 from lead_case_facts f where f.case_id = k.id) limit $1',
        [pageSize],
      );
      return page.length ? foldCases(tx, page) : null;
    });
    if (!n) return total;
    total.cases += n.cases;
    total.events += n.events;
  }
}
