import type { Case, CaseFlag, CaseSafety, FlagState } from './case';
import { applyComplaintPatch } from './complaint';
import type { Event } from './event';

/**
 * How the safety events change a case (issue 12), for the one projection (./projection.ts). A flag — the detector's
 * on arrival, an agent's by hand, or the one a note carries — puts the case at P0 at once: the rule is "a safety
 * complaint is P0 automatically" (DOMAIN.md), so it needs no second event and works offline the same way.
 * A dismissal never lowers the priority: a lead does that with case.setPriority.
 */
const MAX_FLAGS = 200;

function withFlag(c: Case, flag: CaseFlag, at: string): Case {
  const safety: CaseSafety = c.safety ?? { flags: [], complaint: null };
  if (safety.flags.some((f) => f.id === flag.id)) return c;
  const flags = [...safety.flags, flag].slice(-MAX_FLAGS);
  return { ...c, priority: 'P0', safety: { ...safety, flags }, updatedAt: later(c.updatedAt, at) };
}

function withFlagState(c: Case, flagId: string, state: FlagState, at: string): Case {
  if (!c.safety) return c;
  const flags = c.safety.flags.map((f) => (f.id === flagId ? { ...f, state } : f));
  return { ...c, safety: { ...c.safety, flags }, updatedAt: later(c.updatedAt, at) };
}

/** The case after a safety event, or `c` itself when `e` is none (or not this case's). */
export function applySafetyToCase(c: Case, e: Event): Case {
  switch (e.kind) {
    case 'safety.flagged':
      return withFlag(
        c,
        { id: e.id, messageId: e.meta.messageId, state: 'open', categories: e.meta.categories, source: e.meta.source, awareAt: e.meta.awareAt ?? e.occurredAt, channel: e.meta.channel ?? null },
        e.occurredAt,
      );
    case 'note.added':
      if (!e.meta.safety) return c;
      return withFlag(c, { id: e.id, messageId: e.id, state: 'open', categories: e.meta.safety.categories, source: 'detector', awareAt: e.occurredAt, channel: e.meta.safety.channel }, e.occurredAt);
    case 'safety.confirmed': {
      const next = withFlagState(c, e.meta.flagId, 'confirmed', e.occurredAt);
      if (!next.safety || next.safety.complaint || !e.meta.complaint) return next;
      return { ...next, safety: { ...next.safety, complaint: e.meta.complaint } };
    }
    case 'safety.dismissed':
      return withFlagState(c, e.meta.flagId, e.meta.final ? 'dismissed' : 'dismissal_proposed', e.occurredAt);
    case 'complaint.updated': {
      const k = c.safety?.complaint;
      if (!c.safety || !k || k.id !== e.meta.complaintId) return c;
      return { ...c, safety: { ...c.safety, complaint: applyComplaintPatch(k, e.meta.patch) }, updatedAt: later(c.updatedAt, e.occurredAt) };
    }
    case 'complaint.decided': {
      const k = c.safety?.complaint;
      if (!c.safety || !k || k.id !== e.meta.complaintId) return c;
      const decision = { reportability: e.meta.reportability, rationale: e.meta.rationale, decidedById: e.author.id ?? null, decidedByName: e.meta.decidedByName, decidedAt: e.occurredAt };
      return { ...c, safety: { ...c.safety, complaint: { ...k, decision } }, updatedAt: later(c.updatedAt, e.occurredAt) };
    }
    default:
      return c;
  }
}

/** The later of two instants (a case's updatedAt never goes back): the one definition the projection uses too. */
export function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
