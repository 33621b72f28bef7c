/**
 * Sessions and rotating refresh tokens (migration 032). A session is one sign-in; its refresh tokens form a family:
 * each refresh marks the presented token used and issues the next. A used token presented again (a copy) revokes
 * the family. Access tokens carry `sid`; `sessionActive` answers from a short cache (SESSION_CACHE_MS), and a
 * revocation in this process drops the cached answer at once (other instances see it within the cache time).
 */
import { createHash, randomBytes } from 'node:crypto';
import { OmnideskError } from '../../../shared/kernel/errors';
import { newId } from '../../../shared/kernel/ids';
import type { Db, Queryable } from '../db/types';

/** A session (and so its refresh tokens) lasts at most a shift. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const SESSION_CACHE_MS = 5_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');

const cache = new Map<string, { active: boolean; at: number }>();

export async function createSession(q: Queryable, agentId: string, now = Date.now()): Promise<{ sessionId: string; refreshToken: string; expiresAt: string }> {
  const sessionId = newId();
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await q.query('insert into auth_sessions (id, agent_id, expires_at) values ($1, $2, $3)', [sessionId, agentId, expiresAt]);
  await q.query('insert into auth_refresh_tokens (hash, session_id) values ($1, $2)', [hashOf(refreshToken), sessionId]);
  return { sessionId, refreshToken, expiresAt: expiresAt.toISOString() };
}

const REFUSED = 'the session has ended: sign in again';

/** A refresh token → its session's agent and the next refresh token. UNAUTHENTICATED when unknown, used (then the family is revoked), revoked or expired. */
export async function rotateRefreshToken(db: Db, refreshToken: string): Promise<{ agentId: string; sessionId: string; refreshToken: string; expiresAt: string }> {
  const outcome = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ session_id: string; used_at: unknown; agent_id: string; expires_at: Date | string; revoked_at: unknown }>(
      `select t.session_id, t.used_at, s.agent_id, s.expires_at, s.revoked_at
         from auth_refresh_tokens t join auth_sessions s on s.id = t.session_id
        where t.hash = $1 for update of t, s`,
      [hashOf(refreshToken)],
    );
    const r = rows[0];
    if (!r) return { refused: true as const };
    if (r.revoked_at !== null || new Date(r.expires_at).getTime() <= Date.now()) return { refused: true as const };
    if (r.used_at !== null) {
      // a copy: whoever holds this family now is not trusted
      await tx.query('update auth_sessions set revoked_at = now() where id = $1', [r.session_id]);
      return { refused: true as const, revoked: r.session_id };
    }
    const next = newRefreshToken();
    await tx.query('update auth_refresh_tokens set used_at = now() where hash = $1', [hashOf(refreshToken)]);
    await tx.query('insert into auth_refresh_tokens (hash, session_id) values ($1, $2)', [hashOf(next), r.session_id]);
    return { refused: false as const, agentId: r.agent_id, sessionId: r.session_id, refreshToken: next, expiresAt: new Date(r.expires_at).toISOString() };
  });
  if (outcome.refused) {
    if ('revoked' in outcome && outcome.revoked) cache.delete(outcome.revoked);
    throw new OmnideskError('UNAUTHENTICATED', REFUSED);
  }
  return outcome;
}

export async function revokeSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query('update auth_sessions set revoked_at = coalesce(revoked_at, now()) where id = $1', [sessionId]);
  cache.set(sessionId, { active: false, at: Date.now() });
}

/** Revokes every session of an agent (a password change or reset, a deactivation). */
export async function revokeAgentSessions(q: Queryable, agentId: string, exceptSessionId: string | null = null): Promise<void> {
  const { rows } = await q.query<{ id: string }>(
    'update auth_sessions set revoked_at = now() where agent_id = $1 and revoked_at is null and ($2::uuid is null or id <> $2::uuid) returning id',
    [agentId, exceptSessionId],
  );
  for (const r of rows) cache.set(r.id, { active: false, at: Date.now() });
}

/** Is the session neither revoked nor over? Cached for SESSION_CACHE_MS. */
export async function sessionActive(q: Queryable, sessionId: string): Promise<boolean> {
  const hit = cache.get(sessionId);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS) return hit.active;
  const { rows } = await q.query<{ ok: boolean }>('select (revoked_at is null and expires_at > now()) as ok from auth_sessions where id = $1', [sessionId]);
  const active = rows[0]?.ok === true;
  if (cache.size > 50_000) cache.clear();
  cache.set(sessionId, { active, at: Date.now() });
  return active;
}
