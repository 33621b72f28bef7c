import { MAX_CASE_TAGS, type Case } from './case';
import { applyEscalationToCase } from './case-escalation';
import { applySafetyToCase, later } from './case-safety';
import type { Customer } from './customer';
import type { Event } from './event';

/**
 * How an event changes the case it belongs to. Pure, and the one definition used by the server's
 * Postgres projections and the desktop's SQLite cache, so both always agree.
 * Returns the same object when the event does not touch the case.
 */
export function applyToCase(c: Case, e: Event): Case {
  if (e.caseId !== c.id) return c;
  switch (e.kind) {
    case 'case.status_changed':
      return {
        ...c,
        status: e.meta.to,
        updatedAt: e.occurredAt,
        resolvedAt: e.meta.to === 'resolved' || e.meta.to === 'closed' ? (c.resolvedAt ?? e.occurredAt) : null,
      };
    case 'case.assigned':
      return { ...c, assigneeId: e.meta.to, updatedAt: e.occurredAt };
    case 'case.priority_changed':
      return { ...c, priority: e.meta.to, updatedAt: e.occurredAt };
    case 'case.tags_changed': {
      const tags = [...(c.tags ?? []).filter((t) => !e.meta.removed.includes(t)), ...e.meta.added.filter((t) => !c.tags?.includes(t))].slice(-MAX_CASE_TAGS);
      return { ...c, tags, updatedAt: later(c.updatedAt, e.occurredAt) };
    }
    case 'case.help_requested':
      return { ...c, help: { id: e.id, byId: e.author.type === 'agent' ? e.author.id : null, at: e.occurredAt, note: e.meta.note }, updatedAt: later(c.updatedAt, e.occurredAt) };
    case 'case.fast_tracked':
      return {
        ...c,
        fastTrack: { id: e.id, byId: e.author.type === 'agent' ? e.author.id : null, at: e.occurredAt, reason: e.meta.reason, reviewedAt: null, reviewedById: null, reviewNote: null },
        updatedAt: later(c.updatedAt, e.occurredAt),
      };
    case 'case.fast_track_reviewed':
      return c.fastTrack?.id === e.meta.fastTrackId
        ? { ...c, fastTrack: { ...c.fastTrack, reviewedAt: e.occurredAt, reviewedById: e.author.type === 'agent' ? e.author.id : null, reviewNote: e.meta.note } }
        : c;
    case 'case.help_answered':
      return c.help?.id === e.meta.requestId ? { ...c, help: null, updatedAt: later(c.updatedAt, e.occurredAt) } : c;
    case 'message.sent':
      // a message the system sends (the survey's link) is no response to the customer
      if (e.author?.type === 'system') return { ...c, updatedAt: later(c.updatedAt, e.occurredAt) };
      return { ...c, firstRespondedAt: c.firstRespondedAt ?? e.occurredAt, updatedAt: later(c.updatedAt, e.occurredAt) };
    case 'note.added':
      return applySafetyToCase({ ...c, updatedAt: later(c.updatedAt, e.occurredAt) }, e);
    case 'safety.flagged':
    case 'safety.confirmed':
    case 'safety.dismissed':
    case 'complaint.updated':
    case 'complaint.decided':
      return applySafetyToCase(c, e);
    case 'escalation.fired':
    case 'script.recorded':
    case 'case.handed_off':
    case 'approval.requested':
    case 'approval.decided':
      return applyEscalationToCase(c, e);
    case 'message.received':
    case 'call.started':
    case 'call.ended':
      return { ...c, updatedAt: later(c.updatedAt, e.occurredAt) };
    default:
      return c;
  }
}

export function applyToCustomer(c: Customer, e: Event): Customer {
  if (e.customerId !== c.id || e.kind !== 'customer.updated') return c;
  return { ...c, ...e.meta.patch, updatedAt: e.occurredAt };
}

