import { OmnideskError, type Event, type MergeInfo } from '../../../../shared/index';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { Store } from '../../kernel/store/index';

/** Bridge handlers of the identity feature that are not mutations (merge / un-merge are: src/shared/features/identity). */
export function identityHandlers(ctx: { store(): Store }): Pick<BridgeHandlers, 'customer.mergeInfo'> {
  return { 'customer.mergeInfo': async ({ customerId }) => mergeInfo(ctx.store(), customerId) };
}

export function mergeInfo(store: Store, customerId: string): MergeInfo {
  const customer = store.customers.get(customerId);
  if (!customer) throw new OmnideskError('NOT_FOUND', 'customer not found');
  const rows = (sql: string, ...params: string[]) => (store.db.prepare<string[], { json: string }>(sql).all(...params)).map((r) => JSON.parse(r.json) as Event);
  const nameOf = (id: string) => store.customers.get(id)?.name ?? null;
  const active = (id: string) => {
    const c = store.customers.get(id);
    return c !== null && !c.mergedInto;
  };

  const suggestions: MergeInfo['suggestions'] = [];
  // dismissed either way round ("not the same person"): the candidate is no suggestion any more
  const seen = new Set<string>(
    rows(`SELECT json FROM events WHERE kind = 'customer.merge_dismissed' AND (customer_id = ? OR instr(json, ?) > 0)`, customerId, customerId).flatMap((e) =>
      e.kind !== 'customer.merge_dismissed' ? [] : e.customerId === customerId ? [e.meta.candidateId] : e.meta.candidateId === customerId ? [e.customerId] : [],
    ),
  );
  const own = rows(`SELECT json FROM events WHERE kind = 'customer.merge_suggested' AND customer_id = ? ORDER BY occurred_at`, customerId);
  const others = rows(`SELECT json FROM events WHERE kind = 'customer.merge_suggested' AND customer_id <> ? AND instr(json, ?) > 0 ORDER BY occurred_at`, customerId, customerId);
  for (const e of [...own, ...others]) {
    if (e.kind !== 'customer.merge_suggested') continue;
    const pairs = e.customerId === customerId ? e.meta.candidates : e.meta.candidates.filter((c) => c.customerId === customerId).map((c) => ({ ...c, customerId: e.customerId }));
    for (const p of pairs) {
      const name = nameOf(p.customerId);
      if (seen.has(p.customerId) || p.customerId === customerId || !name || !active(p.customerId)) continue;
      seen.add(p.customerId);
      suggestions.push({ customerId: p.customerId, name, reason: p.reason });
    }
  }

  const undone = new Set(
    rows(`SELECT json FROM events WHERE kind = 'customer.unmerged' AND customer_id = ?`, customerId).flatMap((e) => (e.kind === 'customer.unmerged' ? [e.meta.mergeId] : [])),
  );
  const merges: MergeInfo['merges'] = [];
  for (const e of rows(`SELECT json FROM events WHERE kind = 'customer.merged' AND customer_id = ? AND seq IS NOT NULL ORDER BY seq`, customerId)) {
    if (e.kind !== 'customer.merged' || undone.has(e.meta.mergeId)) continue;
    merges.push({ mergeId: e.meta.mergeId, sourceId: e.meta.sourceId, sourceName: nameOf(e.meta.sourceId) ?? '—', occurredAt: e.occurredAt, by: e.author.name });
  }
  return { mergedInto: customer.mergedInto ?? null, suggestions, merges };
}
