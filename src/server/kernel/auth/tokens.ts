import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { OmnideskError } from '../../../shared/kernel/errors';
import { Role, type Agent } from '../../../shared/kernel/agent';
import { Id } from '../../../shared/kernel/primitives';

/** Access tokens are short-lived; a refresh token (sessions.ts) gets the next one. */
export const TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'omnidesk-server';
const AUDIENCE = 'omnidesk';
const encoder = new TextEncoder();

export const TokenClaims = z.object({
  sub: Id,
  role: Role,
  teamIds: z.array(Id),
  iat: z.number().int(),
  exp: z.number().int(),
  /** the session (sessions.ts): logout or a reused refresh token revokes it, and with it this token */
  sid: Id.optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** HS256 needs at least 256 bits of key. */
export const MIN_SECRET_LENGTH = 32;

function key(secret: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`JWT secret must be at least ${MIN_SECRET_LENGTH} characters`);
  return encoder.encode(secret);
}

/** A signed access token (HS256) for the agent; `now` and `ttlSeconds` are for tests. */
export async function signAccessToken(
  agent: Pick<Agent, 'id' | 'role' | 'teamIds'>,
  secret: string,
  options: { now?: Date; ttlSeconds?: number; sessionId?: string } = {},
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = iat + (options.ttlSeconds ?? TOKEN_TTL_SECONDS);
  const token = await new SignJWT({ role: agent.role, teamIds: agent.teamIds, ...(options.sessionId ? { sid: options.sessionId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(agent.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key(secret));
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Verifies signature, algorithm, issuer, audience and expiry; throws UNAUTHENTICATED otherwise. */
export async function verifyAccessToken(token: string, secret: string): Promise<TokenClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new OmnideskError('UNAUTHENTICATED', code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token');
  }
  const claims = TokenClaims.safeParse(payload);
  if (!claims.success) throw new OmnideskError('UNAUTHENTICATED', 'invalid token');
  return claims.data;
}
