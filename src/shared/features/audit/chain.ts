import { z } from 'zod';
import { Role } from '../../kernel/agent';
import { Id, Instant } from '../../kernel/primitives';

/**
 * The audit trail (HIPAA access logging, issue 9): who opened which customer, searched what (a keyed hash of the
 * normalised text, never the text), exported, erased, merged, changed a role. Append-only and hash-chained:
 * `hash = sha256(prevHash || canonical(row))`, so an edited, removed or inserted entry breaks the chain at its
 * position. Pure rules here; the server writes and verifies (src/server/features/audit).
 */
export const AuditAction = z.enum([
  'customer.opened',
  'customer.searched',
  'customer.exported',
  'customer.erased',
  'customer.merged',
  'customer.unmerged',
  'safety.flagged',
  'safety.confirmed',
  'safety.dismissed',
  'complaint.updated',
  'complaint.decided',
  'agent.role_changed',
  'team.created',
  'team.renamed',
  'audit.exported',
  'sla.configured',
  'escalation.configured',
  'complaint.exported',
  'knowledge.saved',
  'case.fast_tracked',
  'case.fast_track_reviewed',
  'lead.messaged',
  'surveys.weights_changed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Flat details: ids, codes, counts and hashes — never names, contact details, bodies or search text. */
export const AuditDetail = z.record(z.string().max(64), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]));
export type AuditDetail = z.infer<typeof AuditDetail>;

export const AuditEntry = z.object({
  /** position in the chain: 1, 2, 3, … without gaps */
  seq: z.number().int().positive(),
  id: Id,
  at: Instant,
  actorId: Id.nullable(),
  actorRole: Role.nullable(),
  action: AuditAction,
  customerIds: z.array(Id),
  detail: AuditDetail,
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** What a caller records; the writer adds seq, id, time and the chain. */
export interface AuditInput {
  actorId: string | null;
  actorRole: Role | null;
  action: AuditAction;
  customerIds?: readonly string[];
  detail?: AuditDetail;
  /** default: now */
  at?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The bytes hashed for a row: a fixed field order and sorted detail keys (jsonb does not keep key order). */
export function canonicalAuditRow(e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const detail = Object.keys(e.detail)
    .sort()
    .map((k) => [k, e.detail[k] ?? null]);
  return JSON.stringify([e.seq, e.id, e.at, e.actorId, e.actorRole, e.action, [...e.customerIds], detail]);
}

/** The chain link of a row: sha256 over the previous hash followed by the canonical row (hex). */
export function auditHashInput(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return `${prevHash}${canonicalAuditRow(e)}`;
}

export type ChainProblem = 'edited' | 'removed' | 'relinked';
export interface ChainVerdict {
  ok: boolean;
  /** rows checked */
  checked: number;
  /** the first position where the chain breaks: the seq expected there, and what is wrong */
  problem: { seq: number; kind: ChainProblem } | null;
  /** the last good hash (the head when ok) */
  head: string;
}

/**
 * Walks rows in seq order (page after page: call `push` for each, then `result`). A row whose content no longer
 * matches its hash → `edited`; a missing seq → `removed` at the first missing position; a row whose prevHash is not
 * the previous row's hash (a forged rewrite) → `relinked`. `sha256` is the caller's (Node's crypto on the server).
 */
export function chainVerifier(sha256: (text: string) => string, start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  let checked = 0;
  let problem: ChainVerdict['problem'] = null;
  return {
    /** false once a problem is found (stop reading) */
    push(row: AuditEntry): boolean {
      if (problem) return false;
      checked++;
      const { hash, prevHash, ...rest } = row;
      if (row.seq !== expectedSeq) problem = { seq: expectedSeq, kind: 'removed' };
      else if (sha256(auditHashInput(prevHash, rest)) !== hash) problem = { seq: row.seq, kind: 'edited' };
      else if (prevHash !== prev) problem = { seq: row.seq, kind: 'relinked' };
      if (problem) return false;
      prev = hash;
      expectedSeq++;
      return true;
    },
    /** `expectedLast`: the head the writer recorded (audit_head), so a removed tail is found too */
    result(expectedLast?: { seq: number; hash: string } | null): ChainVerdict {
      if (!problem && expectedLast && (expectedLast.seq !== expectedSeq - 1 || expectedLast.hash !== prev)) {
        problem = { seq: Math.min(expectedSeq, expectedLast.seq), kind: expectedLast.seq >= expectedSeq ? 'removed' : 'relinked' };
      }
      return { ok: problem === null, checked, problem, head: prev };
    },
  };
}

/** Search text as it is hashed: trimmed, lower-cased, inner whitespace collapsed, Unicode NFKC. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
