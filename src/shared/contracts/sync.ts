import { z } from 'zod';
import { CaseStatus, Priority } from '../domain/case';
import { CustomerPatch } from '../domain/customer';
import { Event, MAX_BODY_CHARS } from '../domain/event';
import { Id, Instant } from '../domain/primitives';
import { ErrorBody } from './errors';

/**
 * The desktop↔server sync protocol over socket.io (DESIGN.md "Events and sync").
 *
 *  desktop                                   server
 *   ── handshake auth {token, clientId} ──▶  verifies the JWT; rejects with UNAUTHENTICATED
 *   ── sync:push {mutations} ──ack──────▶    applies each at most once, answers per mutation
 *   ── sync:pull {cursor, limit} ──ack───▶   events the caller may see with seq > cursor
 *   ◀── sync:poke {seq}                      "something new up to seq": the client pulls
 *
 * Pokes carry no data on purpose: the pull after the cursor is the only source of truth, so a lost
 * live message can never lose an event.
 */
export const SYNC_EVENTS = { push: 'sync:push', pull: 'sync:pull', poke: 'sync:poke' } as const;

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;
/** socket.io's maxHttpBufferSize on the server: larger frames are refused before parsing. */
export const MAX_SYNC_FRAME_BYTES = 8 * 1024 * 1024;

export const HandshakeAuth = z.object({
  token: z.string().min(1),
  /** One per desktop install (per cache file); mutation sequence numbers count per clientId. */
  clientId: Id,
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

const Body = z.string().trim().min(1).max(MAX_BODY_CHARS);

const mutation = <N extends string, A extends z.ZodRawShape>(name: N, args: A) =>
  z.object({
    /** UUIDv7 made on the desktop; also the id of the event the server appends for it. */
    id: Id,
    /** 1, 2, 3, … per clientId, in the order the agent made the changes. */
    clientSeq: z.number().int().positive(),
    occurredAt: Instant,
    name: z.literal(name),
    args: z.object(args).strict(),
  });

export const Mutation = z.discriminatedUnion('name', [
  mutation('reply.send', { caseId: Id, threadId: Id, body: Body }),
  mutation('note.add', { customerId: Id, caseId: Id.nullable(), threadId: Id.nullable(), body: Body }),
  mutation('case.setStatus', { caseId: Id, status: CaseStatus }),
  mutation('case.assign', { caseId: Id, assigneeId: Id.nullable() }),
  mutation('case.setPriority', { caseId: Id, priority: Priority }),
  mutation('customer.update', { customerId: Id, patch: CustomerPatch }),
  /** Merge customer `sourceId` into `targetId` (reversible: customer.unmerge). */
  mutation('customer.merge', { sourceId: Id, targetId: Id }),
  /** Undo the merge `mergeId` (the customer.merged event's id); `customerId` is the merge's target. */
  mutation('customer.unmerge', { mergeId: Id, customerId: Id }),
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationName = Mutation['name'];
export type MutationOf<N extends MutationName> = Extract<Mutation, { name: N }>;

export const PushRequest = z.object({ mutations: z.array(Mutation).min(1).max(MAX_PUSH_BATCH) });
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: Id, status: z.literal('applied'), seq: z.number().int().positive() }),
  /** Applied before (a retried push): nothing changed this time. */
  z.object({ id: Id, status: z.literal('duplicate') }),
  /** Not applied, for a reason the agent must see (case closed meanwhile, permission lost, invalid). */
  z.object({ id: Id, status: z.literal('rejected'), error: ErrorBody }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  /** Visible events with seq > request.cursor, ascending by seq. */
  events: z.array(Event),
  /** The next cursor: the highest seq examined, even if the caller may not see that event. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const Poke = z.object({ seq: z.number().int().nonnegative() });
export type Poke = z.infer<typeof Poke>;

/** Every socket.io ack: a result or a clear error. A malformed request never poisons the queue. */
export type Ack<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
export const ackSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorBody })]);
