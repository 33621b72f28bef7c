import type { AuditAction, AuditDetail, AuditInput } from '../../../shared/features/audit';
import type { Event, EventKind, EventOf } from '../../../shared/kernel/event';
import type { AppendHook } from '../../kernel/events/hooks';
import { appendAudit } from './store';

/**
 * The events that enter the audit trail in the transaction that appends them (so they commit together): merges and
 * un-merges, and the safety review (issue 12: a flag, its confirmation or dismissal, the record's changes and its
 * reportability decision). Details are ids and codes only. The actor's role is not on the event: it is read in the
 * same transaction.
 */
type Audited = { action: AuditAction; detail(e: Event): AuditDetail; customerIds(e: Event): string[] };

/** one audited kind: its action, and the ids it records from the event (typed by the kind) */
function audited<K extends EventKind>(action: AuditAction, detail: (e: EventOf<K>) => AuditDetail): Audited {
  return { action, detail: (e) => detail(e as EventOf<K>), customerIds: (e) => [e.customerId] };
}

const AUDITED: Partial<Record<EventKind, Audited>> = {
  'customer.merged': merge('customer.merged'),
  'customer.unmerged': merge('customer.unmerged'),
  'safety.flagged': audited<'safety.flagged'>('safety.flagged', (e) => ({ eventId: e.id, caseId: e.caseId, messageId: e.meta.messageId, source: e.meta.source, categories: e.meta.categories.join(' ') })),
  'safety.confirmed': audited<'safety.confirmed'>('safety.confirmed', (e) => ({ eventId: e.id, caseId: e.caseId, flagId: e.meta.flagId, recordOpened: e.meta.complaint !== null })),
  'safety.dismissed': audited<'safety.dismissed'>('safety.dismissed', (e) => ({ eventId: e.id, caseId: e.caseId, flagId: e.meta.flagId, final: e.meta.final })),
  'complaint.updated': audited<'complaint.updated'>('complaint.updated', (e) => ({ eventId: e.id, caseId: e.caseId, complaintId: e.meta.complaintId, fields: Object.keys(e.meta.patch).sort().join(' ') })),
  // the green channel (issue 16): audited when it happens and when it is reviewed (the reason stays on the event)
  'case.fast_tracked': audited<'case.fast_tracked'>('case.fast_tracked', (e) => ({ eventId: e.id, caseId: e.caseId })),
  'case.fast_track_reviewed': audited<'case.fast_track_reviewed'>('case.fast_track_reviewed', (e) => ({ eventId: e.id, caseId: e.caseId, fastTrackId: e.meta.fastTrackId })),
  'complaint.decided': audited<'complaint.decided'>('complaint.decided', (e) => ({ eventId: e.id, caseId: e.caseId, complaintId: e.meta.complaintId, reportability: e.meta.reportability })),
};

function merge(action: 'customer.merged' | 'customer.unmerged'): Audited {
  return {
    action,
    detail: (e: Event) => {
      const m = e.meta as { mergeId: string };
      return { mergeId: m.mergeId, eventId: e.id };
    },
    customerIds: (e: Event) => {
      const m = e.meta as { sourceId: string; targetId: string };
      return [...new Set([m.sourceId, m.targetId])];
    },
  };
}

export const auditAppendHook: AppendHook = {
  name: 'audit',
  async afterAppend(tx, stored: readonly Event[]) {
    const audited = stored.filter((e) => AUDITED[e.kind] !== undefined);
    if (audited.length === 0) return;
    const actorIds = [...new Set(audited.map((e) => (e.author.type === 'agent' ? e.author.id : null)).filter((x): x is string => !!x))];
    const roles = new Map<string, string>();
    if (actorIds.length) {
      const { rows } = await tx.query<{ id: string; role: string }>('select id, role from agents where id = any($1::uuid[])', [actorIds]);
      for (const r of rows) roles.set(r.id, r.role);
    }
    const entries: AuditInput[] = audited.map((e) => {
      const how = AUDITED[e.kind]!;
      const actorId = e.author.type === 'agent' ? e.author.id : null;
      return {
        actorId,
        actorRole: (actorId ? (roles.get(actorId) ?? null) : null) as AuditInput['actorRole'],
        action: how.action,
        customerIds: how.customerIds(e),
        detail: how.detail(e),
        at: e.occurredAt,
      };
    });
    await appendAudit(tx, entries);
  },
};
