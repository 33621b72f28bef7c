import type { Case } from './case';
import { later } from './case-safety';
import type { CaseEscalation } from './escalation';
import type { Event } from './event';
import { higherPriority } from './priority';

/**
 * How the escalation events change a case (issue 13), for the one projection (./projection.ts): the rules fired
 * (once each), the priority and tags their actions set, the script runs and the head of the answers' hash chain,
 * the open handoff and the compensation approvals.
 */
export const EMPTY_CHAIN = '0'.repeat(64);
const MAX = { fired: 500, tags: 50, runs: 100, approvals: 100 };

export function emptyEscalation(): CaseEscalation {
  return { fired: [], tags: [], runs: [], chainHead: EMPTY_CHAIN, handoff: null, approvals: [] };
}

function withEscalation(c: Case, at: string, f: (x: CaseEscalation) => CaseEscalation): Case {
  return { ...c, escalation: f(c.escalation ?? emptyEscalation()), updatedAt: later(c.updatedAt, at) };
}

/** The case after an escalation event, or `c` itself when `e` is none (or not this case's). */
export function applyEscalationToCase(c: Case, e: Event): Case {
  switch (e.kind) {
    case 'escalation.fired': {
      if (c.escalation?.fired.includes(e.meta.ruleId)) return c;
      let priority = c.priority;
      const tags = [...(c.escalation?.tags ?? [])];
      for (const a of e.meta.actions) {
        if (a.type === 'raise_priority') priority = higherPriority(priority, a.to);
        if (a.type === 'add_tag' && !tags.includes(a.tag)) tags.push(a.tag);
      }
      const next = withEscalation(c, e.occurredAt, (x) => ({ ...x, fired: [...x.fired, e.meta.ruleId].slice(-MAX.fired), tags: tags.slice(-MAX.tags) }));
      return { ...next, priority };
    }
    case 'script.recorded': {
      const entry = e.meta.entry;
      return withEscalation(c, e.occurredAt, (x) => {
        let runs = x.runs;
        if (entry.type === 'started' && !runs.some((r) => r.runId === entry.runId)) {
          runs = [...runs, { runId: entry.runId, scriptId: entry.scriptId, startedAt: e.occurredAt, done: false }].slice(-MAX.runs);
        }
        if ((entry.type === 'advanced' || entry.type === 'overridden') && entry.to === 'end') runs = runs.map((r) => (r.runId === entry.runId ? { ...r, done: true } : r));
        return { ...x, runs, chainHead: e.meta.hash };
      });
    }
    case 'case.handed_off':
      return withEscalation(c, e.occurredAt, (x) => ({ ...x, handoff: { id: e.id, to: e.meta.to, at: e.occurredAt, byId: e.author.id ?? null } }));
    case 'approval.requested':
      return withEscalation(c, e.occurredAt, (x) =>
        x.approvals.some((a) => a.id === e.id)
          ? x
          : { ...x, approvals: [...x.approvals, { id: e.id, tier: e.meta.tier, state: 'pending' as const, requestedById: e.author.id ?? null, requestedAt: e.occurredAt, decidedById: null, decidedAt: null }].slice(-MAX.approvals) },
      );
    case 'approval.decided':
      return withEscalation(c, e.occurredAt, (x) => ({
        ...x,
        approvals: x.approvals.map((a) => (a.id === e.meta.approvalId && a.state === 'pending' ? { ...a, state: e.meta.approved ? ('approved' as const) : ('declined' as const), decidedById: e.author.id ?? null, decidedAt: e.occurredAt } : a)),
      }));
    default:
      return c;
  }
}
