import {
  OmnideskError,
  authorOf,
  newId,
  type Agent,
  type Case,
  type Event,
  type Mutation,
} from '../../../shared/index';
import type { BridgeHandlerInput } from './bridge/dispatch';
import { discardRejected, recordLocalChange, rejectedEntry, type Store } from './store/index';
import { nowIso } from './time';
import { planMerge } from '../features/identity/merge-plan';

/** A mutating bridge method and its parsed input. */
export type LocalChange =
  | { name: 'reply.send'; args: BridgeHandlerInput<'reply.send'> }
  | { name: 'note.add'; args: BridgeHandlerInput<'note.add'> }
  | { name: 'case.setStatus'; args: BridgeHandlerInput<'case.setStatus'> }
  | { name: 'case.assign'; args: BridgeHandlerInput<'case.assign'> }
  | { name: 'case.setPriority'; args: BridgeHandlerInput<'case.setPriority'> }
  | { name: 'customer.update'; args: BridgeHandlerInput<'customer.update'> }
  | { name: 'customer.merge'; args: BridgeHandlerInput<'customer.merge'> }
  | { name: 'customer.unmerge'; args: BridgeHandlerInput<'customer.unmerge'> };

const LOCAL_CHANGE_NAMES: ReadonlySet<string> = new Set<LocalChange['name']>([
  'reply.send',
  'note.add',
  'case.setStatus',
  'case.assign',
  'case.setPriority',
  'customer.update',
  'customer.merge',
  'customer.unmerge',
]);

type Stamp = 'id' | 'seq' | 'occurredAt' | 'author';
/** An event before it gets its id, time and author (distributes over the union of kinds). */
type EventBody = Event extends infer E ? (E extends Event ? Omit<E, Stamp> : never) : never;

/**
 * Checks a change against the cache (unknown case → NOT_FOUND, closed case → CONFLICT, …), then records
 * it in one transaction: outbox mutation + optimistic pending event + projection. Works offline.
 */
export function commitLocalChange(store: Store, agent: Agent, change: LocalChange): Event {
  const body = plan(store, change);
  const id = newId();
  const occurredAt = nowIso();
  const { event } = recordLocalChange(store, (clientSeq) => ({
    mutation: { id, clientSeq, occurredAt, name: change.name, args: change.args } as Mutation,
    event: { ...body, id, seq: null, occurredAt, author: authorOf(agent) } as Event,
  }));
  return event;
}

/**
 * Makes a rejected change again as a NEW mutation (new id, next clientSeq), checked against the cache as it
 * is now, and drops the rejected one — both in one transaction. A change that is still not possible
 * (the case is closed) throws and leaves the rejected one in place.
 */
export function redoRejected(store: Store, agent: Agent, eventId: string): Event {
  return store.tx(() => {
    const { mutation } = rejectedEntry(store, eventId);
    if (!LOCAL_CHANGE_NAMES.has(mutation.name)) {
      throw new OmnideskError('INVALID_ARGUMENT', `a ${mutation.name.slice(0, 40)} change cannot be redone from here; discard it`);
    }
    const event = commitLocalChange(store, agent, { name: mutation.name, args: mutation.args } as LocalChange);
    discardRejected(store, eventId);
    return event;
  });
}

function plan(store: Store, change: LocalChange): EventBody {
  switch (change.name) {
    case 'reply.send': {
      const { caseId, threadId, body } = change.args;
      const c = openCase(store, caseId);
      const thread = store.threads.get(threadId);
      if (!thread) throw new OmnideskError('NOT_FOUND', 'thread not found');
      if (thread.caseId !== caseId) throw new OmnideskError('INVALID_ARGUMENT', 'threadId: the thread does not belong to the case');
      return {
        kind: 'message.sent',
        customerId: c.customerId,
        caseId,
        threadId,
        channel: thread.channel,
        body,
        meta: { subject: null, deliveryStatus: 'queued' },
      };
    }
    case 'note.add': {
      const { customerId, caseId, threadId, body } = change.args;
      if (!store.customers.get(customerId)) throw new OmnideskError('NOT_FOUND', 'customer not found');
      if (caseId !== null) {
        const c = openCase(store, caseId);
        if (c.customerId !== customerId) throw new OmnideskError('INVALID_ARGUMENT', 'caseId: the case belongs to another customer');
      }
      if (threadId !== null) {
        const t = store.threads.get(threadId);
        if (!t) throw new OmnideskError('NOT_FOUND', 'thread not found');
        if (t.customerId !== customerId) throw new OmnideskError('INVALID_ARGUMENT', 'threadId: the thread belongs to another customer');
      }
      return { kind: 'note.added', customerId, caseId, threadId, channel: 'internal', body, meta: {} };
    }
    case 'case.setStatus': {
      const c = openCase(store, change.args.caseId);
      return caseEvent(c, { kind: 'case.status_changed', meta: { from: c.status, to: change.args.status } });
    }
    case 'case.assign': {
      const c = openCase(store, change.args.caseId);
      const to = change.args.assigneeId;
      const directory = store.meta.directory();
      if (to !== null && directory && !directory.agents.some((a) => a.id === to)) {
        throw new OmnideskError('NOT_FOUND', 'assignee not found in the directory');
      }
      return caseEvent(c, { kind: 'case.assigned', meta: { from: c.assigneeId, to } });
    }
    case 'case.setPriority': {
      const c = openCase(store, change.args.caseId);
      return caseEvent(c, { kind: 'case.priority_changed', meta: { from: c.priority, to: change.args.priority } });
    }
    case 'customer.update': {
      const { customerId, patch } = change.args;
      if (!store.customers.get(customerId)) throw new OmnideskError('NOT_FOUND', 'customer not found');
      if (Object.keys(patch).length === 0) throw new OmnideskError('INVALID_ARGUMENT', 'patch is empty');
      return { kind: 'customer.updated', customerId, caseId: null, threadId: null, channel: 'internal', body: null, meta: { patch } };
    }
    case 'customer.merge':
    case 'customer.unmerge':
      return planMerge(store, change);
  }
}

function openCase(store: Store, caseId: string): Case {
  const c = store.cases.get(caseId);
  if (!c) throw new OmnideskError('NOT_FOUND', 'case not found');
  if (c.status === 'closed') throw new OmnideskError('CONFLICT', 'the case is closed');
  return c;
}

type CaseChangeKind = 'case.status_changed' | 'case.assigned' | 'case.priority_changed';

function caseEvent<K extends CaseChangeKind>(c: Case, e: { kind: K; meta: Extract<Event, { kind: K }>['meta'] }) {
  return { ...e, customerId: c.customerId, caseId: c.id, threadId: null, channel: 'internal', body: null } as Extract<EventBody, { kind: K }>;
}
