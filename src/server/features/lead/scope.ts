import { canSeeTeam, OmnideskError, type Agent } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';

/** The teams a report or wallboard covers: the one asked for (if the caller's), else all the caller's. */
export async function teamsFor(db: Queryable, me: Agent, teamId: string | undefined): Promise<string[]> {
  if (teamId) {
    if (!canSeeTeam(me, teamId)) throw new OmnideskError('FORBIDDEN', 'not a team of yours');
    return [teamId];
  }
  if (me.role !== 'admin') return [...me.teamIds];
  const { rows } = await db.query<{ id: string }>('select id from teams order by name');
  return rows.map((r) => r.id);
}

/** Display names of the report's keys that are teams or agents (channels and products are words already). */
export async function namesOf(db: Queryable, keys: ReadonlyArray<string | null>): Promise<Record<string, string>> {
  const ids = [...new Set(keys.filter((k): k is string => !!k && /^[0-9a-f-]{36}$/.test(k)))];
  if (ids.length === 0) return {};
  const { rows } = await db.query<{ id: string; name: string }>(
    'select id, name from teams where id = any($1::uuid[]) union all select id, display_name as name from agents where id = any($1::uuid[])',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** A window longer than this is refused (a report over years is an export job, not a screen). */
const MAX_WINDOW_MS = 400 * 24 * 3600_000;

/** A report's [from, to): `to` after `from`, at most 400 days; as epoch ms. */
export function reportWindow(q: { from: string; to: string }): { from: number; to: number } {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(to - from > 0)) throw new OmnideskError('INVALID_ARGUMENT', '`to` must be after `from`');
  if (to - from > MAX_WINDOW_MS) throw new OmnideskError('INVALID_ARGUMENT', 'a report covers at most 400 days');
  return { from, to };
}
