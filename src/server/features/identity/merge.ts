import { OmnideskError } from '../../../shared/kernel/errors';
import type { Customer } from '../../../shared/kernel/customer';
import { type Event, type EventOf, type IdentityRef } from '../../../shared/kernel/event';
import { applyMergeToCustomer } from '../../../shared/features/identity/merge-projection';
import type { Queryable } from '../../kernel/db/types';
import { lockEventLog } from '../../kernel/events/append';
import type { AppendHook } from '../../kernel/events/hooks';

/**
 * Merge and un-merge of customers (issue 4 "One customer").
 *
 * The sync push maps `customer.merge` / `customer.unmerge` to ONE event through the shared definitions
 * (src/shared/features/identity/mutations.ts; the lists of what moves are still empty). `appendEvents` then calls `prepareMerges` before validating
 * (under the event-log lock: validate, and fill in exactly which cases, threads, customer-level events
 * and identities move — nothing is written yet), and `applyMerges` after its own writes (re-point the
 * projections, record the merge in `customer_merges`). An un-merge moves back exactly what the merge
 * recorded: cases, threads, every event on them (also ones added since) and the source's own events.
 * Both are events in the log with their author and time: audited.
 */

type MergeEvent = EventOf<'customer.merged'> | EventOf<'customer.unmerged'>;
export interface MergePlan {
  events: readonly Event[];
  merges: MergeEvent[];
}

const isMerge = (e: Event): e is MergeEvent => e.kind === 'customer.merged' || e.kind === 'customer.unmerged';

async function loadCustomer(tx: Queryable, id: string): Promise<Customer | null> {
  const { rows } = await tx.query<{ data: Customer }>('select data from customers where id = $1', [id]);
  return rows[0]?.data ?? null;
}

/** Validates merge events and fills in what moves. Reads only. Throws OmnideskError for an impossible merge. */
export async function prepareMerges(tx: Queryable, input: readonly Event[]): Promise<MergePlan> {
  if (!input.some(isMerge)) return { events: input, merges: [] };
  await lockEventLog(tx);
  const merges: MergeEvent[] = [];
  const events: Event[] = [];
  for (const e of input) {
    if (!isMerge(e)) {
      events.push(e);
      continue;
    }
    let filled: MergeEvent;
    if (e.kind === 'customer.merged') {
      const { sourceId, targetId } = e.meta;
      if (targetId !== e.customerId) throw new OmnideskError('INVALID_ARGUMENT', 'a merge event belongs to its target customer');
      if (sourceId === targetId) throw new OmnideskError('INVALID_ARGUMENT', 'a customer cannot be merged into itself');
      const [s, t] = [await loadCustomer(tx, sourceId), await loadCustomer(tx, targetId)];
      if (!s || !t) throw new OmnideskError('NOT_FOUND', 'customer not found');
      if (s.teamId !== t.teamId) throw new OmnideskError('INVALID_ARGUMENT', 'customers of different teams cannot be merged');
      if (s.mergedInto) throw new OmnideskError('CONFLICT', 'the customer is already merged into another one');
      if (t.mergedInto) throw new OmnideskError('CONFLICT', 'the target customer is merged into another one');
      const caseIds = (await tx.query<{ id: string }>('select id from cases where customer_id = $1 order by id', [sourceId])).rows.map((r) => r.id);
      const threadIds = (await tx.query<{ id: string }>('select id from threads where customer_id = $1 order by id', [sourceId])).rows.map((r) => r.id);
      const eventIds = (
        await tx.query<{ id: string }>(
          `select id from events where customer_id = $1 and not (coalesce(case_id = any($2::uuid[]), false) or coalesce(thread_id = any($3::uuid[]), false)) order by seq`,
          [sourceId, caseIds, threadIds],
        )
      ).rows.map((r) => r.id);
      const identities: IdentityRef[] = (
        await tx.query<IdentityRef>(
          `select s.kind, s.value from customer_identities s
            where s.customer_id = $1 and not exists (select 1 from customer_identities t where t.customer_id = $2 and t.kind = s.kind and t.value = s.value)
            order by s.kind, s.value`,
          [sourceId, targetId],
        )
      ).rows.map((r) => ({ kind: r.kind, value: r.value }));
      filled = { ...e, meta: { ...e.meta, mergeId: e.id, caseIds, threadIds, eventIds, identities } };
    } else {
      const { rows } = await tx.query<{ source_id: string; target_id: string; moved: Pick<MergeEvent['meta'], 'caseIds' | 'threadIds' | 'eventIds' | 'identities'>; unmerged_at: unknown }>(
        'select source_id, target_id, moved, unmerged_at from customer_merges where id = $1',
        [e.meta.mergeId],
      );
      const r = rows[0];
      if (!r) throw new OmnideskError('NOT_FOUND', 'merge not found');
      if (r.unmerged_at) throw new OmnideskError('CONFLICT', 'this merge was already undone');
      if (r.target_id !== e.customerId) throw new OmnideskError('INVALID_ARGUMENT', 'the merge belongs to another customer');
      filled = { ...e, meta: { mergeId: e.meta.mergeId, sourceId: r.source_id, targetId: r.target_id, caseIds: r.moved.caseIds, threadIds: r.moved.threadIds, eventIds: r.moved.eventIds, identities: r.moved.identities } };
    }
    merges.push(filled);
    events.push(filled);
  }
  return { events, merges };
}

/** After the events are written: re-point the projections and record / close the merge. */
export async function applyMerges(tx: Queryable, plan: MergePlan): Promise<void> {
  for (const e of plan.merges) {
    const m = e.meta;
    const merged = e.kind === 'customer.merged';
    const to = merged ? m.targetId : m.sourceId;
    await tx.query(`update cases set customer_id = $2::uuid, data = jsonb_set(data, '{customerId}', to_jsonb($3::text)) where id = any($1::uuid[])`, [m.caseIds, to, to]);
    await tx.query(`update threads set customer_id = $2::uuid, data = jsonb_set(data, '{customerId}', to_jsonb($3::text)) where id = any($1::uuid[])`, [m.threadIds, to, to]);
    await tx.query(
      `update events set customer_id = $4 where id <> $5 and (case_id = any($1::uuid[]) or thread_id = any($2::uuid[]) or id = any($3::uuid[]))`,
      [m.caseIds, m.threadIds, m.eventIds, to, e.id],
    );
    const from = merged ? m.sourceId : m.targetId;
    if (m.identities.length) {
      await tx.query(
        `update customer_identities set customer_id = $3
          where customer_id = $4 and (kind, value) in (select * from unnest($1::text[], $2::text[]))`,
        [m.identities.map((i) => i.kind), m.identities.map((i) => i.value), to, from],
      );
    }
    for (const id of [m.sourceId, m.targetId]) {
      const c = await loadCustomer(tx, id);
      if (!c) continue;
      const next = applyMergeToCustomer(c, e);
      await tx.query('update customers set data = $2::text::jsonb, updated_at = $3 where id = $1', [id, JSON.stringify(next), next.updatedAt]);
    }
    const authorId = e.author.id;
    if (merged) {
      await tx.query(
        `insert into customer_merges (id, source_id, target_id, merged_by, merged_at, moved) values ($1, $2, $3, $4, $5, $6::text::jsonb)`,
        [m.mergeId, m.sourceId, m.targetId, authorId ?? '00000000-0000-0000-0000-000000000000', e.occurredAt, JSON.stringify({ caseIds: m.caseIds, threadIds: m.threadIds, eventIds: m.eventIds, identities: m.identities })],
      );
      await tx.query(
        `update merge_suggestions set status = 'merged' where (customer_id = $1 and candidate_id = $2) or (customer_id = $2 and candidate_id = $1)`,
        [m.sourceId, m.targetId],
      );
    } else {
      await tx.query('update customer_merges set unmerged_by = $2, unmerged_at = $3 where id = $1', [m.mergeId, authorId, e.occurredAt]);
      await tx.query(
        `update merge_suggestions set status = 'open' where status = 'merged' and ((customer_id = $1 and candidate_id = $2) or (customer_id = $2 and candidate_id = $1))`,
        [m.sourceId, m.targetId],
      );
    }
  }
}

/** The identity feature's part of every append: merges validated and completed before, projections re-pointed after. */
export const mergeAppendHook: AppendHook = {
  name: 'identity.merge',
  prepare: async (tx, events) => (await prepareMerges(tx, events)).events,
  afterAppend: async (tx, stored) => {
    await applyMerges(tx, { events: stored, merges: stored.filter(isMerge) });
    await applyDismissals(tx, stored);
  },
};

/** "Not the same person": the suggestion rows between the two, either way round, are closed. */
async function applyDismissals(tx: Queryable, stored: readonly Event[]): Promise<void> {
  for (const e of stored) {
    if (e.kind !== 'customer.merge_dismissed') continue;
    await tx.query(
      `update merge_suggestions set status = 'dismissed' where status = 'open' and ((customer_id = $1 and candidate_id = $2) or (customer_id = $2 and candidate_id = $1))`,
      [e.customerId, e.meta.candidateId],
    );
  }
}
