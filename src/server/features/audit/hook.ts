import type { AuditInput } from '../../../shared/features/audit';
import type { Event } from '../../../shared/kernel/event';
import type { AppendHook } from '../../kernel/events/hooks';
import { appendAudit } from './store';

/**
 * Merges and un-merges enter the audit trail in the transaction that appends them (so they commit together). The
 * actor's role is not on the event: it is read in the same transaction.
 */
export const auditAppendHook: AppendHook = {
  name: 'audit',
  async afterAppend(tx, stored: readonly Event[]) {
    const merges = stored.filter((e) => e.kind === 'customer.merged' || e.kind === 'customer.unmerged');
    if (merges.length === 0) return;
    const actorIds = [...new Set(merges.map((e) => (e.author.type === 'agent' ? e.author.id : null)).filter((x): x is string => !!x))];
    const roles = new Map<string, string>();
    if (actorIds.length) {
      const { rows } = await tx.query<{ id: string; role: string }>('select id, role from agents where id = any($1::uuid[])', [actorIds]);
      for (const r of rows) roles.set(r.id, r.role);
    }
    const entries: AuditInput[] = merges.map((e) => {
      const m = e.meta as { mergeId: string; sourceId: string; targetId: string };
      const actorId = e.author.type === 'agent' ? e.author.id : null;
      return {
        actorId,
        actorRole: (actorId ? (roles.get(actorId) ?? null) : null) as AuditInput['actorRole'],
        action: e.kind === 'customer.merged' ? 'customer.merged' : 'customer.unmerged',
        customerIds: [...new Set([m.sourceId, m.targetId])],
        detail: { mergeId: m.mergeId, eventId: e.id },
        at: e.occurredAt,
      };
    });
    await appendAudit(tx, entries);
  },
};
