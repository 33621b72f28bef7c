import type { ReferenceResponse } from '../../../shared/contracts/sync';
import type { Agent } from '../../../shared/kernel/agent';
import type { ReferenceItem } from '../../../shared/kernel/reference';
import { toNumber, type Queryable } from '../db/types';

/**
 * A page stays far below the socket frame limit (MAX_SYNC_FRAME_BYTES) whatever the kinds carry: it ends
 * early, after at least one item, once the items' JSON passes this many characters.
 */
export const MAX_REFERENCE_PAGE_CHARS = 2_000_000;

/** Whom a pull is answered for: everything (admins) or these teams. Changes when the agent's role or teams do. */
export function referenceScope(viewer: Pick<Agent, 'role' | 'teamIds'>): string {
  return viewer.role === 'admin' ? 'admin' : `teams:${[...viewer.teamIds].sort().join(',')}`;
}

interface Row {
  kind: string;
  id: string;
  version: unknown;
  team_ids: string[];
  data: unknown;
  deleted: boolean;
  visible: boolean;
}

/**
 * The reference items `viewer` may see changed after version `after`, ascending, at most `limit`.
 * Visible: organisation-wide items, items of a team the viewer belongs to; admins see everything. An item
 * the viewer could once see but no longer can (moved to other teams) comes as a bare tombstone, so their
 * desktop drops it; items they never could see are not sent at all, not even their ids.
 *
 * Never missing a late commit: `top` is read before the page, and every version ≤ top is committed by then
 * (versions are drawn under REFERENCE_LOCK, held to commit: write.ts). The page reads only versions ≤ top, in a
 * later snapshot that sees all of them; `next` is top when the page is not full, so the client never re-scans
 * what it may not see and never skips what it may. An item rewritten meanwhile has moved above top and comes
 * with a later pull at its new version.
 */
export async function pullReference(q: Queryable, viewer: Agent, after: number, limit: number): Promise<ReferenceResponse> {
  const scope = referenceScope(viewer);
  const { rows: topRows } = await q.query<{ m: unknown }>('select coalesce(max(version), 0) as m from reference_items');
  const top = toNumber(topRows[0]?.m);
  if (top <= after) return { items: [], next: after, hasMore: false, scope };
  const admin = viewer.role === 'admin';
  const { rows } = await q.query<Row>(
    `select kind, id, version, team_ids, data, deleted,
            ($4 or cardinality(team_ids) = 0 or team_ids && $5::uuid[]) as visible
     from reference_items
     where version > $1 and version <= $2
       and ($4 or cardinality(team_ids) = 0 or team_ids && $5::uuid[] or seen_org or seen_team_ids && $5::uuid[])
     order by version
     limit $3`,
    [after, top, limit + 1, admin, viewer.teamIds],
  );
  const items: ReferenceItem[] = [];
  let chars = 0;
  for (const r of rows) {
    if (items.length === limit || (items.length > 0 && chars > MAX_REFERENCE_PAGE_CHARS)) {
      return { items, next: items[items.length - 1]!.version, hasMore: true, scope };
    }
    const item = toItem(r);
    chars += item.data === null ? 0 : JSON.stringify(item.data).length;
    items.push(item);
  }
  return { items, next: top, hasMore: false, scope };
}

function toItem(r: Row): ReferenceItem {
  const version = toNumber(r.version);
  if (!r.visible) return { kind: r.kind, id: r.id, version, teamIds: [], data: null, deleted: true };
  return { kind: r.kind, id: r.id, version, teamIds: r.team_ids, data: r.deleted ? null : r.data, deleted: r.deleted };
}
