import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import { AuditAction, AuditEntry } from './chain';

/** The audit trail's HTTP routes (their access is in src/shared/contracts/permissions.ts). */
export const AUDIT_PATHS = {
  /** POST: a desktop reports the customers its agent opened and the searches made, in one batch */
  access: '/api/audit/access',
  list: '/api/audit',
  verify: '/api/audit/verify',
  export: '/api/audit/export',
} as const;

export const MAX_ACCESS_BATCH = 500;

/**
 * POST /api/audit/access. Search text travels in the body (never a URL, never logged); the server stores only a
 * keyed hash (HMAC) of its normalised form.
 */
export const AccessReport = z
  .object({
    opened: z.array(z.object({ customerId: Id, at: Instant })).max(MAX_ACCESS_BATCH),
    searches: z.array(z.object({ text: z.string().min(1).max(200), at: Instant, scope: z.enum(['cache', 'server']) })).max(MAX_ACCESS_BATCH),
  })
  .strict();
export type AccessReport = z.infer<typeof AccessReport>;
export const AccessReportResponse = z.object({ recorded: z.number().int().nonnegative() });

/** GET /api/audit?…: newest first, filtered; `before` pages back (a seq). */
export const AuditListQuery = z.object({
  actorId: Id.optional(),
  customerId: Id.optional(),
  action: AuditAction.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().positive().max(1000).default(200),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export type AuditListInput = z.input<typeof AuditListQuery>;

export const AuditListResponse = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().positive().nullable() });
export type AuditListResponse = z.infer<typeof AuditListResponse>;

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  problem: z.object({ seq: z.number().int().nonnegative(), kind: z.enum(['edited', 'removed', 'relinked']) }).nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

/** GET /api/audit/export?format=json|csv (and the list filters): the whole filtered trail as a file. */
export const AuditExportQuery = AuditListQuery.omit({ before: true, limit: true }).extend({ format: z.enum(['json', 'csv']).default('json') });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** The CSV form of entries (RFC 4180 quoting, formula-like cells neutralised); the same columns as the JSON fields. */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const cols = ['seq', 'id', 'at', 'actorId', 'actorRole', 'action', 'customerIds', 'detail', 'prevHash', 'hash'] as const;
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v as number);
    // a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection)
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [cols.join(','), ...entries.map((e) => cols.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}
