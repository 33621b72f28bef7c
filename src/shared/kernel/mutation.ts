import { z } from 'zod';
import type { Agent } from './agent';
import type { Case, Thread } from './case';
import type { Customer } from './customer';
import type { ErrorBody, ErrorCode } from './errors';
import type { Event } from './event';
import { Id, Instant } from './primitives';

/**
 * One definition per mutation (issue 8). A feature defines each change an agent can make — its name, its zod
 * arguments, the entities it refers to and a pure `decide` — once, here in src/shared; the desktop runs `decide`
 * against its cache (optimistically, offline too) and the server against its projections inside the push
 * transaction. Same function, same answer: the property test in tests/integration/sync/decide-parity proves it.
 */

/** What a decision may look at. The desktop loads it from the cache; the server inside its transaction. */
export interface DecideContext {
  /** who makes the change */
  agent: Agent;
  /** the mutation's id: also the id of the event that records it */
  mutationId: string;
  case(id: string): Case | null;
  /** only a thread of a team the agent may see (threads carry no team of their own) */
  thread(id: string): Thread | null;
  customer(id: string): Customer | null;
  /** an agent of the directory (server: the agents table; desktop: the cached directory) */
  member(id: string): Agent | null;
  /** an event of a team the agent may see (a message to flag, a flag to review); null otherwise */
  event(id: string): Event | null;
}

/** The ids a mutation refers to: loaded into the context before `decide` runs. */
export interface MutationRefs {
  caseIds?: readonly string[];
  threadIds?: readonly string[];
  customerIds?: readonly string[];
  agentIds?: readonly string[];
  eventIds?: readonly string[];
}

type Stamp = 'id' | 'seq' | 'occurredAt' | 'author';
/** An event before the log stamps it (id = the mutation id, time, author); distributes over the kinds. */
export type EventDraft = Event extends infer E ? (E extends Event ? Omit<E, Stamp> : never) : never;

export type Decision = { ok: true; event: EventDraft } | { ok: false; error: ErrorBody };

export const accept = (event: EventDraft): Decision => ({ ok: true, event });
export const refuse = (code: ErrorCode, message: string): Decision => ({ ok: false, error: { code, message } });

export interface MutationDef<N extends string = string, A extends z.ZodObject = z.ZodObject> {
  name: N;
  /** the arguments, strict: also the input of the bridge method of the same name */
  args: A;
  refs(args: z.output<A>): MutationRefs;
  decide(args: z.output<A>, ctx: DecideContext): Decision;
}

/** Typed identity: keeps the literal name and the args schema for the unions built from the list. */
export function defineMutation<N extends string, A extends z.ZodObject>(def: MutationDef<N, A>): MutationDef<N, A> {
  return def;
}

export type MutationEnvelope<N extends string, A extends z.ZodObject> = z.ZodObject<{
  id: typeof Id;
  clientSeq: z.ZodNumber;
  occurredAt: typeof Instant;
  name: z.ZodLiteral<N>;
  args: A;
}>;

/** The wire shape of a mutation in the outbox and in sync:push. */
export function mutationEnvelope<N extends string, A extends z.ZodObject>(def: MutationDef<N, A>): MutationEnvelope<N, A> {
  return z.object({
    /** UUIDv7 made on the desktop; also the id of the event the server appends for it. */
    id: Id,
    /** 1, 2, 3, … per clientId, in the order the agent made the changes (≤ 2^31 − 1: the server's column). */
    clientSeq: z.number().int().positive().max(2_147_483_647),
    occurredAt: Instant,
    name: z.literal(def.name),
    args: def.args,
  });
}

/**
 * Runs a definition: the typed glue both sides share. `args` must already be parsed by `def.args`
 * (the wire union or the bridge dispatcher did that).
 */
export function decideMutation(def: MutationDef, args: unknown, ctx: DecideContext): Decision {
  return def.decide(args as z.output<typeof def.args>, ctx);
}

/** Every id a mutation refers to, de-duplicated per kind. */
export function collectRefs(defs: ReadonlyMap<string, MutationDef>, list: ReadonlyArray<{ name: string; args: unknown }>): Required<MutationRefs> {
  const out = { caseIds: new Set<string>(), threadIds: new Set<string>(), customerIds: new Set<string>(), agentIds: new Set<string>(), eventIds: new Set<string>() };
  for (const m of list) {
    const def = defs.get(m.name);
    if (!def) continue;
    const r = def.refs(m.args as z.output<typeof def.args>);
    for (const k of ['caseIds', 'threadIds', 'customerIds', 'agentIds', 'eventIds'] as const) for (const id of r[k] ?? []) out[k].add(id);
  }
  return { caseIds: [...out.caseIds], threadIds: [...out.threadIds], customerIds: [...out.customerIds], agentIds: [...out.agentIds], eventIds: [...out.eventIds] };
}
