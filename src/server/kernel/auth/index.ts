export { hashPassword, verifyPassword } from './passwords';
export { signAccessToken, verifyAccessToken, TOKEN_TTL_SECONDS, TokenClaims, MIN_SECRET_LENGTH } from './tokens';
export { resolveJwtSecret, SECRET_FILE } from './secret';
export { login, bearerToken, agentFromToken, BAD_CREDENTIALS } from './session';
export { createSignInGuard, RateLimitedError, usernameKey, type SignInGuard, type SignInGuardOptions } from './sign-in-guard';
export { createHashGate, type HashGate, type HashGateOptions } from './hash-gate';
