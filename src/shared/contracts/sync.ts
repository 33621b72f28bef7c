import { z } from 'zod';
import { Event } from '../kernel/event';
import { Mutation, type MutationName } from '../mutations';
import { Id } from '../kernel/primitives';
import { ErrorBody } from '../kernel/errors';
import { ReferenceItem } from '../kernel/reference';

/**
 * The desktop↔server sync protocol over socket.io (DESIGN.md "Events and sync").
 *
 *  desktop                                   server
 *   ── handshake auth {token, clientId} ──▶  verifies the JWT; rejects with UNAUTHENTICATED
 *   ── sync:push {mutations} ──ack──────▶    applies each at most once, answers per mutation
 *   ── sync:pull {cursor, limit} ──ack───▶   events the caller may see with seq > cursor
 *   ◀── sync:poke {seq}                      "something new up to seq": the client pulls
 *
 * Partial replication (DESIGN.md): a new cache does not pull the whole team log. It asks
 *   ── sync:bootstrap {historyDays} ──ack─▶  the server fixes this client's scope (customers with an open
 *                                            case, touched by the agent, active within the window, or —
 *                                            for leads — all of their teams) and a checkpoint `top`
 *   ── sync:pull {cursor, limit, until} ─▶   events of that scope with cursor < seq ≤ until, in seq order
 * and then pulls everything after `top` as above. An event of a customer the cache does not hold yet
 * (new activity, a merge, or the agent opening any allowed customer) is preceded by
 *   ── sync:fetch {customerIds, upTo, after, limit} ─▶  that customer's history with seq ≤ upTo
 * so every customer in the cache has its complete history up to the cursor.
 *
 * Reference data (src/shared/kernel/reference.ts: the directory, later knowledge, rules, SLA policies) is a stream
 * of its own, not scoped by customer, that every desktop keeps whole:
 *   ── sync:reference {after, limit} ──ack─▶  the items the caller may see changed after version `after`
 *
 * Pokes carry no data on purpose: the pull after the cursor is the only source of truth, so a lost
 * live message can never lose an event.
 */
export const SYNC_EVENTS = {
  push: 'sync:push',
  pull: 'sync:pull',
  poke: 'sync:poke',
  bootstrap: 'sync:bootstrap',
  fetch: 'sync:fetch',
  reference: 'sync:reference',
} as const;

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;
/** A pull or fetch page holds at most about this many bytes of JSON (a single larger event still comes alone). */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** customers per sync:fetch */
export const MAX_FETCH_CUSTOMERS = 200;
/** The history window a desktop keeps by default (DOMAIN/DESIGN: 90 days), and the range it may be set to. */
export const DEFAULT_HISTORY_DAYS = 90;
export const MAX_HISTORY_DAYS = 3650;
/** socket.io's maxHttpBufferSize on the server: larger frames are refused before parsing. */
export const MAX_SYNC_FRAME_BYTES = 8 * 1024 * 1024;

export const HandshakeAuth = z.object({
  token: z.string().min(1),
  /** One per desktop install (per cache file); mutation sequence numbers count per clientId. */
  clientId: Id,
  /** changes in the desktop's outbox as it connects (the lead console's sync health, issue 16) */
  unsynced: z.number().int().nonnegative().optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** The mutation union is derived from the features' definitions (src/shared/mutations.ts). */
export { Mutation };
export type MutationOf<N extends MutationName> = Extract<Mutation, { name: N }>;

export const PushRequest = z.object({
  mutations: z.array(Mutation).min(1).max(MAX_PUSH_BATCH),
  /** changes in the desktop's outbox besides this batch (the lead console's sync health, issue 16) */
  unsyncedAfter: z.number().int().nonnegative().optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: Id, status: z.literal('applied'), seq: z.number().int().positive() }),
  /** Applied before (a retried push): nothing changed this time. */
  z.object({ id: Id, status: z.literal('duplicate') }),
  /** Not applied, for a reason the agent must see (case closed meanwhile, permission lost, invalid). */
  z.object({ id: Id, status: z.literal('rejected'), error: ErrorBody }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  /** One per mutation processed, in order. Fewer than sent only together with `resequence`. */
  results: z.array(MutationResult),
  /**
   * The server stopped at a mutation whose clientSeq is not after the last one it processed for this client
   * although its id is new — the cache was restored from a backup or copied. Nothing from there on was
   * applied; the client renumbers its pending mutations after `after` and pushes them again.
   */
  resequence: z.object({ after: z.number().int().nonnegative() }).optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z
  .object({
    cursor: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(MAX_PULL_LIMIT),
    /** Bootstrap: only this client's scope (fixed by sync:bootstrap), and only up to its checkpoint. */
    until: z.number().int().nonnegative().optional(),
    /**
     * Answer with the page as bytes (a binary socket.io attachment) instead of an object: the JSON text the database
     * encoded, sent as it is, zlib-compressed when large (first byte 0x78; JSON's is `{`). The desktop inflates and
     * decodes it (src/main/core/kernel/sync/packed.ts), then validates it as a PullResponse.
     */
    packed: z.literal(true).optional(),
  })
  .refine((r) => r.until === undefined || r.until >= r.cursor, { message: 'until must not be before cursor', path: ['until'] });
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  /** Visible events with seq > request.cursor, ascending by seq. */
  events: z.array(Event),
  /** The next cursor: the highest seq examined, even if the caller may not see that event. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;


export const BootstrapRequest = z.object({
  historyDays: z.number().int().min(1).max(MAX_HISTORY_DAYS),
});
export type BootstrapRequest = z.infer<typeof BootstrapRequest>;

export const BootstrapResponse = z.object({
  /** The checkpoint: pull the scope with `until: top`, then everything after it. */
  top: z.number().int().nonnegative(),
  /** 'team': the caller holds whole teams (lead, admin); 'partial': the customers counted below. */
  scope: z.enum(['team', 'partial']),
  customers: z.number().int().nonnegative(),
});
export type BootstrapResponse = z.infer<typeof BootstrapResponse>;

export const FetchRequest = z
  .object({
    customerIds: z.array(Id).min(1).max(MAX_FETCH_CUSTOMERS),
    /** the client's cursor when it asked: later events reach it by the normal pull */
    upTo: z.number().int().nonnegative(),
    /** paging: the last seq of the previous page (0 at first) */
    after: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(MAX_PULL_LIMIT),
    /** as PullRequest.packed */
    packed: z.literal(true).optional(),
  })
  .refine((r) => r.after <= r.upTo, { message: 'after must not be beyond upTo', path: ['after'] });
export type FetchRequest = z.infer<typeof FetchRequest>;

/** The customers' visible events with after < seq ≤ upTo, ascending; `cursor` is where the next page starts. */
export const FetchResponse = PullResponse;
export type FetchResponse = PullResponse;

export const ReferenceRequest = z.object({
  /** the highest version the cache holds (0 at first) */
  after: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT),
});
export type ReferenceRequest = z.infer<typeof ReferenceRequest>;

export const ReferenceResponse = z.object({
  /**
   * The caller's items with after < version ≤ next, ascending by version; a deleted item comes as a tombstone
   * (data null). An item that moved out of the caller's teams comes as a tombstone too.
   */
  items: z.array(ReferenceItem),
  /** where the next pull starts: the highest version examined, even if the caller may not see that item */
  next: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /**
   * Whom the server answered for (the caller's role and teams, as it stands now). When it differs from the one
   * the cache was filled for, items the caller now sees may lie below the cache's version: it pulls again from 0.
   */
  scope: z.string().min(1).max(20_000),
});
export type ReferenceResponse = z.infer<typeof ReferenceResponse>;

/**
 * "There is more": `seq`, the log grew up to it for the receiver's teams; `ref`, the reference data (articles,
 * policies, the directory) moved to this version — a write no event announces (issue 14: a published article).
 */
export const Poke = z.object({ seq: z.number().int().nonnegative(), ref: z.number().int().nonnegative().optional() });
export type Poke = z.infer<typeof Poke>;

/** Every socket.io ack: a result or a clear error. A malformed request never poisons the queue. */
export type Ack<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
export const ackSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorBody })]);
