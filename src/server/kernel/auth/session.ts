import type { LoginResponse } from '../../../shared/contracts/http';
import { OmnideskError } from '../../../shared/kernel/errors';
import type { Agent } from '../../../shared/kernel/agent';
import type { Db, Queryable } from '../db/types';
import { createSession, rotateRefreshToken, sessionActive } from './sessions';
import { AGENT_COLUMNS, loadAgentWithHash, rowToAgent, type AgentRow } from '../events/store';
import { dummyHash, verifyPassword } from './passwords';
import type { SignInGuard } from './sign-in-guard';
import { signAccessToken, verifyAccessToken, type TokenClaims } from './tokens';

/** The one message for an unknown user and a wrong password, so neither can be told apart. */
export const BAD_CREDENTIALS = 'wrong username or password';

/**
 * Checks the password under the sign-in guard (back-off, lockout, hashing cap: RATE_LIMITED before any check)
 * and signs a token. `address` is the caller's (req.ip).
 */
export async function login(
  db: Queryable,
  secret: string,
  guard: SignInGuard,
  creds: { username: string; password: string; address: string },
  options: { ttlSeconds?: number } = {},
): Promise<LoginResponse> {
  const agent = await guard.attempt(creds.username, creds.address, async () => {
    const found = await loadAgentWithHash(db, creds.username);
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), creds.password);
    return found && ok ? found.agent : null;
  });
  if (!agent) throw new OmnideskError('UNAUTHENTICATED', BAD_CREDENTIALS);
  const session = await createSession(db, agent.id);
  return issue(db, secret, agent.id, session, options.ttlSeconds);
}

/** An access token for the session, with its refresh token and the agent as stored now. */
async function issue(
  db: Queryable,
  secret: string,
  agentId: string,
  session: { sessionId: string; refreshToken: string; expiresAt: string },
  ttlSeconds?: number,
): Promise<LoginResponse> {
  const status = await agentStatus(db, agentId);
  if (!status) throw new OmnideskError('UNAUTHENTICATED', 'invalid token');
  const { token, expiresAt } = await signAccessToken(status.agent, secret, { sessionId: session.sessionId, ...(ttlSeconds ? { ttlSeconds } : {}) });
  return {
    token,
    expiresAt,
    agent: status.agent,
    mustChangePassword: status.mustChangePassword,
    refreshToken: session.refreshToken,
    refreshExpiresAt: session.expiresAt,
  };
}

/** POST /api/auth/refresh: rotates the refresh token (a reused one revokes the session) and signs a new access token. */
export async function refresh(db: Db, secret: string, refreshToken: string, options: { ttlSeconds?: number } = {}): Promise<LoginResponse> {
  const next = await rotateRefreshToken(db, refreshToken);
  return issue(db, secret, next.agentId, next, options.ttlSeconds);
}

/** Whether the agent still exists, is active, and must change a one-time password first. */
async function agentStatus(db: Queryable, id: string): Promise<{ agent: Agent; mustChangePassword: boolean } | null> {
  const { rows } = await db.query<AgentRow & { must_change_password: boolean }>(
    `select ${AGENT_COLUMNS}, must_change_password from agents where id = $1 and active`,
    [id],
  );
  const r = rows[0];
  return r ? { agent: rowToAgent(r), mustChangePassword: r.must_change_password } : null;
}

export const PASSWORD_CHANGE_REQUIRED = 'change your one-time password first';

/** `Authorization: Bearer <token>` → the token; UNAUTHENTICATED if missing or malformed. */
export function bearerToken(header: string | undefined): string {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new OmnideskError('UNAUTHENTICATED', 'missing bearer token');
  return m[1];
}

/**
 * A token → the agent as stored now (role and teams are read fresh, so a change takes effect at
 * once). UNAUTHENTICATED when the token is invalid or expired or the agent no longer exists.
 */
export async function agentFromToken(
  db: Queryable,
  secret: string,
  token: string,
  options: { allowPasswordChange?: boolean } = {},
): Promise<{ agent: Agent; claims: TokenClaims; mustChangePassword: boolean }> {
  const claims = await verifyAccessToken(token, secret);
  if (claims.sid && !(await sessionActive(db, claims.sid))) throw new OmnideskError('UNAUTHENTICATED', 'the session has ended: sign in again');
  const status = await agentStatus(db, claims.sub);
  if (!status) throw new OmnideskError('UNAUTHENTICATED', 'invalid token');
  // a one-time password (first admin, new agent, reset) allows only changing it (and reading who one is)
  if (status.mustChangePassword && !options.allowPasswordChange) throw new OmnideskError('PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_REQUIRED);
  return { agent: status.agent, claims, mustChangePassword: status.mustChangePassword };
}
