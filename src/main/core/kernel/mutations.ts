import {
  MUTATION_DEFS,
  OmnideskError,
  authorOf,
  decideMutation,
  isMutationName,
  newId,
  type Agent,
  type DecideContext,
  type Event,
  type Mutation,
  type MutationArgs,
  type MutationName,
} from '../../../shared/index';
import { discardRejected, recordLocalChange, rejectedEntry, type Store } from './store';
import { nowIso } from './time';

/** A mutation the agent makes here: its name and its arguments (already parsed by the bridge dispatcher). */
export type LocalChange = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/**
 * The decision context from the cache: what the shared `decide` of a mutation may look at. The cache holds
 * only what this agent may see; the assignee comes from the cached directory.
 */
export function cacheContext(store: Store, agent: Agent, mutationId: string): DecideContext {
  return {
    agent,
    mutationId,
    case: (id) => store.cases.get(id),
    thread: (id) => store.threads.get(id),
    customer: (id) => store.customers.get(id),
    member: (id) => store.meta.directory()?.agents.find((a) => a.id === id) ?? null,
    event: (id) => store.events.get(id)?.event ?? null,
  };
}

/**
 * Decides a change against the cache with the mutation's shared definition (the server runs the same `decide`
 * against its own state), then records it in one transaction: outbox mutation + optimistic pending event +
 * projection. A refusal throws its OmnideskError and records nothing. Works offline.
 */
export function commitLocalChange(store: Store, agent: Agent, change: LocalChange): Event {
  const def = MUTATION_DEFS.get(change.name);
  if (!def) throw new OmnideskError('INVALID_ARGUMENT', `unknown change: ${change.name}`);
  const id = newId();
  const decision = decideMutation(def, change.args, cacheContext(store, agent, id));
  if (!decision.ok) throw new OmnideskError(decision.error.code, decision.error.message);
  const occurredAt = nowIso();
  const { event } = recordLocalChange(store, (clientSeq) => ({
    mutation: { id, clientSeq, occurredAt, name: change.name, args: change.args } as Mutation,
    event: { ...decision.event, id, seq: null, occurredAt, author: authorOf(agent) } as Event,
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
    if (!isMutationName(mutation.name)) {
      throw new OmnideskError('INVALID_ARGUMENT', `a ${String(mutation.name).slice(0, 40)} change cannot be redone from here; discard it`);
    }
    const event = commitLocalChange(store, agent, { name: mutation.name, args: mutation.args } as LocalChange);
    discardRejected(store, eventId);
    return event;
  });
}
