import { z } from 'zod';
import { Agent, Team } from '../domain/agent';
import { Instant } from '../domain/primitives';

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

/** Every HTTP error body: `{ error: { code, message } }`. */
export { ErrorBody } from './errors';

export const HTTP_PATHS = {
  login: '/api/auth/login',
  me: '/api/me',
  directory: '/api/directory',
  health: '/api/health',
} as const;
