import { z } from 'zod';
import { Agent, Team } from '../kernel/agent';
import { Id, Instant } from '../kernel/primitives';
import { Case, Thread } from '../kernel/case';
import { Customer } from '../kernel/customer';
import { Event } from '../kernel/event';

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

/** Every HTTP error body: `{ error: { code, message } }`. */
export { ErrorBody } from '../kernel/errors';

export const HTTP_PATHS = {
  login: '/api/auth/login',
  me: '/api/me',
  directory: '/api/directory',
  health: '/api/health',
  customers: '/api/customers',
  /** GET, admin only: everything about one customer (CustomerExport) */
  customerExport: '/api/admin/customers/:id/export',
  /** POST, admin only: erase one customer's personal data (EraseResponse) */
  customerErase: '/api/admin/customers/:id/erase',
} as const;

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
