import { z } from 'zod';
import { Agent, Role, Team } from '../kernel/agent';
import { Id, Instant, Language } from '../kernel/primitives';
import { Case, Thread } from '../kernel/case';
import { Customer } from '../kernel/customer';
import { Event } from '../kernel/event';

/** POST /api/auth/login */
export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string().min(1),
  expiresAt: Instant,
  agent: Agent,
  /** signed in with a one-time password: only POST /api/auth/password (and GET /api/me) until it is changed */
  mustChangePassword: z.boolean().optional(),
  /** rotating refresh token (POST /api/auth/refresh), valid until refreshExpiresAt unless revoked (logout) */
  refreshToken: z.string().min(1).optional(),
  refreshExpiresAt: Instant.optional(),
});

/** POST /api/auth/refresh: a refresh token → a LoginResponse with a new access token and the next refresh token. */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;
export type LoginResponse = z.infer<typeof LoginResponse>;

/** GET /api/directory: the agents and teams the caller may see (for names and assignment). */
export const DirectoryResponse = z.object({ agents: z.array(Agent), teams: z.array(Team) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

/**
 * GET /api/customers?q=…&limit=…: customers the caller may see whose name, email, phone or social handle
 * matches — the server-side directory behind "open any allowed customer" (the desktop caches only part).
 */
export const CustomerSearchQuery = z.object({
  // a NUL can reach no stored text and breaks PostgreSQL text parameters: refused as bad input (400), not a 500
  q: z.string().trim().min(2).max(200).refine((q) => !q.includes('\u0000'), 'the search must not contain NUL characters'),
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

/** POST /api/auth/password: the caller changes their own password (204). */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** An agent as an admin manages it (GET /api/agents, and the answers below). */
export const ManagedAgent = Agent.extend({ active: z.boolean(), mustChangePassword: z.boolean() });
export type ManagedAgent = z.infer<typeof ManagedAgent>;
export const ManagedAgentsResponse = z.object({ agents: z.array(ManagedAgent) });
export type ManagedAgentsResponse = z.infer<typeof ManagedAgentsResponse>;

/** POST /api/agents (admin): a new agent with a one-time password (shown once). */
export const CreateAgentRequest = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash or underscore'),
  displayName: z.string().trim().min(1).max(120),
  role: Role,
  teamIds: z.array(Id).max(50),
  languages: z.array(Language).min(1).default(['en']),
});
export type CreateAgentRequest = z.input<typeof CreateAgentRequest>;

/** The answer of a create or a reset: the one-time password, shown to the admin once, never stored in clear. */
export const OneTimePasswordResponse = z.object({ agent: ManagedAgent, oneTimePassword: z.string().min(12) });
export type OneTimePasswordResponse = z.infer<typeof OneTimePasswordResponse>;

/** PATCH /api/agents/:id (admin): role, teams, active. */
export const UpdateAgentRequest = z
  .object({ role: Role.optional(), teamIds: z.array(Id).max(50).optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.teamIds !== undefined || v.active !== undefined, 'nothing to change');
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequest>;

export const AgentIdParams = z.object({ id: Id });

/** POST /api/teams and PATCH /api/teams/:id (admin): a new team, or a team's new name. Answer: the Team. */
export const TeamNameRequest = z.object({ name: z.string().trim().min(1).max(80) }).strict();
export type TeamNameRequest = z.infer<typeof TeamNameRequest>;
export const TeamIdParams = z.object({ id: Id });

/** Every HTTP error body: `{ error: { code, message } }`. */
export { ErrorBody } from '../kernel/errors';

export const HTTP_PATHS = {
  login: '/api/auth/login',
  lockouts: '/api/auth/lockouts',
  lockout: '/api/auth/lockouts/:username',
  password: '/api/auth/password',
  /** POST: a file for an email reply (issue 15) */
  upload: '/api/attachments',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  agents: '/api/agents',
  agent: '/api/agents/:id',
  passwordReset: '/api/agents/:id/password-reset',
  teams: '/api/teams',
  team: '/api/teams/:id',
  me: '/api/me',
  directory: '/api/directory',
  health: '/api/health',
  ready: '/api/ready',
  customers: '/api/customers',
  /** GET, admin only: everything about one customer (CustomerExport) */
  customerExport: '/api/admin/customers/:id/export',
  /** POST, admin only: erase one customer's personal data (EraseResponse) */
  customerErase: '/api/admin/customers/:id/erase',
  /** GET: the bytes of a file a message carried (its event visible to the caller, else 404) */
  attachment: '/api/attachments/:eventId/:sha256',
} as const;

/** GET /api/attachments/:eventId/:sha256 with both filled in. */
export function attachmentPath(eventId: string, sha256: string): string {
  return HTTP_PATHS.attachment.replace(':eventId', encodeURIComponent(eventId)).replace(':sha256', encodeURIComponent(sha256));
}

/** A path with `:id` filled in. */
export function customerPath(path: string, id: string): string {
  return path.replace(':id', encodeURIComponent(id));
}

/**
 * GET /api/admin/customers/:id/export: everything the server holds about the customer — the customer, its
 * identity keys, cases, threads, every event of its log (messages, notes, calls), and the attachments its
 * messages carry (metadata, and the bytes as base64 where stored).
 */
export const CustomerExport = z.object({
  exportedAt: Instant,
  customer: Customer,
  identities: z.array(z.object({ kind: z.enum(['email', 'phone', 'social']), value: z.string() })),
  cases: z.array(Case),
  threads: z.array(Thread),
  events: z.array(Event),
  attachments: z.array(z.object({ sha256: z.string(), size: z.number().int().nonnegative(), contentBase64: z.string().nullable() })),
  /** erasures already done (their ids and times; no personal data) */
  erasures: z.array(z.object({ id: Id, erasedAt: Instant })),
});
export type CustomerExport = z.infer<typeof CustomerExport>;

/** POST /api/admin/customers/:id/erase */
export const EraseResponse = z.object({ erasureId: Id, customerId: Id, eventId: Id, seq: z.number().int().positive() });
export type EraseResponse = z.infer<typeof EraseResponse>;
