import { z } from 'zod';
import { CASES_MUTATIONS } from './features/cases';
import { CONVERSATIONS_MUTATIONS } from './features/conversations';
import { IDENTITY_MUTATIONS } from './features/identity';
import { SAFETY_MUTATIONS } from './features/safety';
import { ESCALATION_MUTATIONS } from './features/escalation';
import { KNOWLEDGE_MUTATIONS } from './features/knowledge';
import { LEAD_MUTATIONS } from './features/lead/mutations';
import { mutationEnvelope, type MutationDef, type MutationEnvelope } from './kernel/mutation';

/**
 * Every mutation of every feature: the one list the wire union (`Mutation`), the bridge's mutating methods, the
 * desktop's local changes and the server's push are all derived from. Adding a mutation = adding it to its
 * feature's list (docs/architecture.md "Adding a mutation").
 */
export const MUTATIONS = [...CONVERSATIONS_MUTATIONS, ...CASES_MUTATIONS, ...IDENTITY_MUTATIONS, ...SAFETY_MUTATIONS, ...ESCALATION_MUTATIONS, ...KNOWLEDGE_MUTATIONS, ...LEAD_MUTATIONS] as const;

type Defs = typeof MUTATIONS;
export type MutationName = Defs[number]['name'];
export type MutationArgs<N extends MutationName> = z.output<Extract<Defs[number], { name: N }>['args']>;

export const MUTATION_NAMES: readonly MutationName[] = MUTATIONS.map((d) => d.name);
export const MUTATION_DEFS: ReadonlyMap<string, MutationDef> = new Map(MUTATIONS.map((d) => [d.name, d as unknown as MutationDef]));

// a mapped type over a type parameter keeps the tuple shape (z.discriminatedUnion needs a non-empty tuple)
type EnvelopesOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends MutationDef<infer N, infer A> ? MutationEnvelope<N, A> : never };
type Envelopes = EnvelopesOf<Defs>;
const envelopes = MUTATIONS.map((d) => mutationEnvelope(d as MutationDef)) as unknown as Envelopes;

/** A mutation on the wire (outbox, sync:push): discriminated by name. */
export const Mutation = z.discriminatedUnion('name', envelopes);
export type Mutation = z.infer<typeof Mutation>;

export function isMutationName(name: string): name is MutationName {
  return MUTATION_DEFS.has(name);
}
