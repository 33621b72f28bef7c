import type { ErrorBody } from '../../../shared/kernel/errors';
import type { Mutation } from '../../../shared/contracts/sync';
import { canSeeTeam, type Agent } from '../../../shared/kernel/agent';
import type { Case, Thread } from '../../../shared/kernel/case';
import type { Customer } from '../../../shared/kernel/customer';
import { authorOf, type Event } from '../../../shared/kernel/event';
import { isMergeMutation, planMergeMutation } from '../../features/identity/merge';

/** The entities a mutation refers to, loaded by the caller (inside the push transaction). */
export interface MutationContext {
  agent: Agent;
  /** server commit time: the event's occurredAt */
  now: string;
  case: Case | null;
  thread: Thread | null;
  customer: Customer | null;
  /** case.assign only: the new assignee (null when unassigning or unknown) */
  assignee: Agent | null;
}

/** Which ids to load for a mutation. */
export function referencedIds(m: Mutation): { caseId: string | null; threadId: string | null; customerId: string | null; assigneeId: string | null } {
  switch (m.name) {
    case 'reply.send':
      return { caseId: m.args.caseId, threadId: m.args.threadId, customerId: null, assigneeId: null };
    case 'note.add':
      return { caseId: m.args.caseId, threadId: m.args.threadId, customerId: m.args.customerId, assigneeId: null };
    case 'case.setStatus':
    case 'case.setPriority':
      return { caseId: m.args.caseId, threadId: null, customerId: null, assigneeId: null };
    case 'case.assign':
      return { caseId: m.args.caseId, threadId: null, customerId: null, assigneeId: m.args.assigneeId };
    case 'customer.update':
      return { caseId: null, threadId: null, customerId: m.args.customerId, assigneeId: null };
    case 'customer.merge':
      return { caseId: null, threadId: null, customerId: m.args.targetId, assigneeId: null };
    case 'customer.unmerge':
      return { caseId: null, threadId: null, customerId: m.args.customerId, assigneeId: null };
  }
}

export type Planned = { ok: true; event: Event } | { ok: false; error: ErrorBody };

const no = (code: ErrorBody['code'], message: string): Planned => ({ ok: false, error: { code, message } });

export const CASE_CLOSED = 'case is closed';

/**
 * A mutation → the ONE event that records it, or the reason it is refused. Pure: authorisation
 * (the case's or customer's team must be visible to the agent), state (a closed case takes notes
 * only) and consistency (the thread belongs to the case, …) are all decided here.
 * The event id is the mutation id; occurredAt is the server's commit time; author is the agent.
 */
export function mutationToEvent(m: Mutation, ctx: MutationContext): Planned {
  const { agent, now } = ctx;
  const author = authorOf(agent);
  const base = { id: m.id, seq: null, author, occurredAt: now };

  // merge / un-merge: channels/identity/merge.ts (the lists of what moves are filled in by appendEvents)
  if (isMergeMutation(m)) return planMergeMutation(m, ctx);

  if (m.name === 'customer.update') {
    const c = ctx.customer;
    if (!c || c.id !== m.args.customerId) return no('NOT_FOUND', 'customer not found');
    if (!canSeeTeam(agent, c.teamId)) return no('FORBIDDEN', "not allowed to change this team's customers");
    if (Object.keys(m.args.patch).length === 0) return no('INVALID_ARGUMENT', 'patch is empty');
    return {
      ok: true,
      event: { ...base, kind: 'customer.updated', customerId: c.id, caseId: null, threadId: null, channel: 'internal', body: null, meta: { patch: m.args.patch } },
    };
  }

  if (m.name === 'note.add') {
    const c = ctx.customer;
    if (!c || c.id !== m.args.customerId) return no('NOT_FOUND', 'customer not found');
    if (!canSeeTeam(agent, c.teamId)) return no('FORBIDDEN', "not allowed to act on this team's customers");
    if (m.args.caseId) {
      const k = ctx.case;
      if (!k || k.id !== m.args.caseId) return no('NOT_FOUND', 'case not found');
      if (k.customerId !== c.id) return no('INVALID_ARGUMENT', 'the case belongs to another customer');
    }
    if (m.args.threadId) {
      const t = ctx.thread;
      if (!t || t.id !== m.args.threadId) return no('NOT_FOUND', 'thread not found');
      if (t.customerId !== c.id) return no('INVALID_ARGUMENT', 'the thread belongs to another customer');
      if (m.args.caseId && t.caseId !== m.args.caseId) return no('INVALID_ARGUMENT', 'the thread belongs to another case');
    }
    return {
      ok: true,
      event: {
        ...base,
        kind: 'note.added',
        customerId: c.id,
        caseId: m.args.caseId,
        threadId: m.args.threadId,
        // a note is never customer-visible, also when it is attached to a channel thread
        channel: 'internal',
        body: m.args.body,
        meta: {},
      },
    };
  }

  // The rest act on a case.
  const k = ctx.case;
  if (!k || k.id !== m.args.caseId) return no('NOT_FOUND', 'case not found');
  if (!canSeeTeam(agent, k.teamId)) return no('FORBIDDEN', "not allowed to act on this team's cases");
  const onCase = { ...base, customerId: k.customerId, caseId: k.id };

  switch (m.name) {
    case 'reply.send': {
      const t = ctx.thread;
      if (!t || t.id !== m.args.threadId) return no('NOT_FOUND', 'thread not found');
      if (t.caseId !== k.id) return no('INVALID_ARGUMENT', 'the thread belongs to another case');
      if (k.status === 'closed') return no('CONFLICT', CASE_CLOSED);
      return {
        ok: true,
        event: {
          ...onCase,
          kind: 'message.sent',
          threadId: t.id,
          channel: t.channel,
          body: m.args.body,
          meta: { subject: t.channel === 'email' ? replySubject(t.subject) : null, deliveryStatus: 'queued' },
        },
      };
    }
    case 'case.setStatus':
      if (k.status === 'closed') return no('CONFLICT', CASE_CLOSED);
      return {
        ok: true,
        event: { ...onCase, kind: 'case.status_changed', threadId: null, channel: 'internal', body: null, meta: { from: k.status, to: m.args.status } },
      };
    case 'case.assign': {
      if (k.status === 'closed') return no('CONFLICT', CASE_CLOSED);
      const to = m.args.assigneeId;
      if (to !== null) {
        const a = ctx.assignee;
        if (!a || a.id !== to) return no('INVALID_ARGUMENT', 'assignee not found');
        if (!canSeeTeam(a, k.teamId)) return no('INVALID_ARGUMENT', "the assignee is not a member of the case's team");
      }
      return {
        ok: true,
        event: { ...onCase, kind: 'case.assigned', threadId: null, channel: 'internal', body: null, meta: { from: k.assigneeId, to } },
      };
    }
    case 'case.setPriority':
      if (k.status === 'closed') return no('CONFLICT', CASE_CLOSED);
      return {
        ok: true,
        event: {
          ...onCase,
          kind: 'case.priority_changed',
          threadId: null,
          channel: 'internal',
          body: null,
          meta: { from: k.priority, to: m.args.priority },
        },
      };
  }
}

function replySubject(subject: string | null): string | null {
  if (!subject) return null;
  const s = /^re:/i.test(subject) ? subject : `Re: ${subject}`;
  return s.slice(0, 500);
}
