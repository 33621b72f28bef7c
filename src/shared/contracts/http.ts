import { z } from 'zod';
import { Agent, Team } from '../kernel/agent';
import { Id, Instant } from '../kernel/primitives';

/** POST /api/auth/login */
export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string().min(1), expiresAt: Instant, agent: Agent });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** GET /api/directory: the agents and teams the caller may see (for names and assignment). */
export const DirectoryResponse = z.object({ agents: z.array(Agent), teams: z.array(Team) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

/**
 * GET /api/customers?q=…&limit=…: customers the caller may see whose name, email, phone or social handle
 * matches — the server-side directory behind "open any allowed customer" (the desktop caches only part).
 */
export const CustomerSearchQuery = z.object({
  q: z.string().trim().min(2).max(200),
  limit: z.coerce.number().int().positive().max(50).default(20),
});
export type CustomerSearchQuery = z.infer<typeof CustomerSearchQuery>;

export const CustomerSearchResponse = z.object({
  customers: z.array(z.object({ id: Id, name: z.string(), teamId: Id, vip: z.boolean() })),
});
export type CustomerSearchResponse = z.infer<typeof CustomerSearchResponse>;

/** GET /api/auth/lockouts (leads: their teams' agents; admins: all): usernames locked by failed sign-ins. */
export const LockoutsResponse = z.object({
  lockouts: z.array(z.object({ agentId: Id, username: z.string(), failures: z.number().int(), lockedUntil: Instant })),
});
export type LockoutsResponse = z.infer<typeof LockoutsResponse>;

/** DELETE /api/auth/lockouts/:username */
export const LockoutParams = z.object({ username: z.string().min(1).max(64) });

/** Every HTTP error body: `{ error: { code, message } }`. */
export { ErrorBody } from '../kernel/errors';

export const HTTP_PATHS = {
  login: '/api/auth/login',
  lockouts: '/api/auth/lockouts',
  lockout: '/api/auth/lockouts/:username',
  me: '/api/me',
  directory: '/api/directory',
  health: '/api/health',
  customers: '/api/customers',
} as const;
