import { OmnideskError, parseOrThrow } from '../../../shared/kernel/errors';
import { Id } from '../../../shared/kernel/primitives';
import { ReferenceItem, type ReferenceKind } from '../../../shared/kernel/reference';
import type { Queryable } from '../db/types';

/**
 * The reference-data lock: taken before a version is drawn from `reference_version` and held to commit.
 *
 * Why: a sequence hands out numbers at once, but transactions commit in any order. Without the lock, T1 could
 * draw 5, T2 draw 6 and commit, a desktop pull after 4 see 6 and move its cursor to 6, and then T1 commit 5:
 * that desktop would never see it. With the lock, a version is drawn only by the one transaction holding it,
 * which keeps it until it commits or rolls back — so versions commit in ascending order, and once a reader
 * sees version V committed, every lower version is committed or never will be (a rolled-back draw is a gap).
 * The same reasoning as the event log's seq (src/server/kernel/events/append.ts, EVENT_LOG_LOCK); the reader's
 * side is in pull.ts.
 *
 * A transaction that also appends events takes EVENT_LOG_LOCK first and this one second (never the other way
 * round), so the two cannot deadlock.
 */
export const REFERENCE_LOCK = 7_300_010;

export async function lockReference(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [REFERENCE_LOCK]);
}

/** One item to write: its id within the kind, the teams that may see it (empty: everyone), its data. */
export interface ReferencePut<T> {
  id: string;
  teamIds: readonly string[];
  data: T;
}

/**
 * Creates or replaces items of one kind, each at a new version, in the caller's transaction (`tx` must be one:
 * the lock is released at commit). `data` is validated by the kind's schema (INVALID_ARGUMENT, nothing written).
 * An item written again unchanged keeps its version (no desktop pulls it again). A later item with the same id
 * in `items` wins. Returns how many items changed.
 */
export async function putReference<T>(tx: Queryable, kind: ReferenceKind<T>, items: ReadonlyArray<ReferencePut<T>>): Promise<number> {
  const byId = new Map<string, { id: string; team_ids: string[]; data: unknown }>();
  items.forEach((item, i) => {
    const what = `${kind.kind} item ${i}`;
    const data: unknown = parseOrThrow(kind.schema, item.data, what);
    const teamIds = parseOrThrow(Id.array(), [...new Set(item.teamIds)], `${what} teamIds`);
    // the shared item shape (id length, kind name) before anything reaches the table
    parseOrThrow(ReferenceItem, { kind: kind.kind, id: item.id, version: 1, teamIds, data, deleted: false }, what);
    if (hasNul(data)) throw new OmnideskError('INVALID_ARGUMENT', `${what}: text must not contain NUL characters`);
    byId.set(item.id, { id: item.id, team_ids: teamIds, data });
  });
  if (byId.size === 0) return 0;
  await lockReference(tx);
  const { rows } = await tx.query<{ version: unknown }>(
    `insert into reference_items as r (kind, id, team_ids, seen_team_ids, seen_org, version, data, deleted)
     select $1, x.id, x.team_ids, x.team_ids, cardinality(x.team_ids) = 0, nextval('reference_version'), x.data, false
     from jsonb_to_recordset($2::text::jsonb) as x(id text, team_ids uuid[], data jsonb)
     on conflict (kind, id) do update set
       team_ids = excluded.team_ids,
       seen_team_ids = array(select distinct t from unnest(r.seen_team_ids || excluded.team_ids) as t),
       seen_org = r.seen_org or excluded.seen_org,
       version = excluded.version, data = excluded.data, deleted = false, updated_at = now()
     where r.deleted or r.data is distinct from excluded.data or r.team_ids is distinct from excluded.team_ids
     returning version`,
    [kind.kind, JSON.stringify([...byId.values()])],
  );
  return rows.length;
}

/**
 * Deletes an item at a new version, in the caller's transaction: the row stays as a tombstone (data null) so
 * the delete reaches every desktop that holds it. Returns false when there was no such live item.
 */
export async function deleteReference(tx: Queryable, kind: Pick<ReferenceKind<unknown>, 'kind'> | string, id: string): Promise<boolean> {
  await lockReference(tx);
  const { rows } = await tx.query<{ version: unknown }>(
    `update reference_items set deleted = true, data = null, version = nextval('reference_version'), updated_at = now()
     where kind = $1 and id = $2 and not deleted
     returning version`,
    [typeof kind === 'string' ? kind : kind.kind, id],
  );
  return rows.length > 0;
}

/** jsonb cannot hold U+0000: refuse it clearly rather than fail inside the database. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}

/** The version an item now has (after putReference or deleteReference in this transaction): what the desktops are told to pull. */
export async function referenceVersionOf(tx: Queryable, kind: Pick<ReferenceKind<unknown>, 'kind'> | string, id: string): Promise<number> {
  const { rows } = await tx.query<{ version: string }>('select version::text as version from reference_items where kind = $1 and id = $2', [typeof kind === 'string' ? kind : kind.kind, id]);
  return Number(rows[0]?.version ?? 0);
}
