import { z } from 'zod';
import { CaseStatus, Priority } from '../../kernel/case';
import { ComplaintRecord } from '../../kernel/complaint';
import { Segment } from '../../kernel/customer';
import { E164, EventChannel, Id, Instant } from '../../kernel/primitives';
import type { RegulatoryClock, RegulatoryDeadline } from './regulatory-clock';

/**
 * The complaint / adverse-event record as a file (issue 12): the record itself, and what it deliberately does not
 * copy read from where it lives at export time — the verbatim original (the flagged message) and the complainant
 * (the case's customer) — with the regulatory clock as it stands at that moment. The server builds it
 * (src/server/features/safety) and answers it as JSON or as a PDF; the desktop asks for it by `complaint.export`.
 */
export const SAFETY_PATHS = {
  /** GET ?format=json|pdf (safety.review; the case's team, admins all; anything else 404) */
  complaintExport: '/api/safety/complaints/:caseId/export',
} as const;
export const COMPLAINT_EXPORT_PATH = SAFETY_PATHS.complaintExport;

/** The export path of one case. */
export function complaintExportPath(caseId: string): string {
  return COMPLAINT_EXPORT_PATH.replace(':caseId', encodeURIComponent(caseId));
}

export const ComplaintExportFormat = z.enum(['json', 'pdf']);
export type ComplaintExportFormat = z.infer<typeof ComplaintExportFormat>;
export const ComplaintExportQuery = z.object({ format: ComplaintExportFormat.default('json') });
export type ComplaintExportQuery = z.infer<typeof ComplaintExportQuery>;

/** The file name of an export (what Content-Disposition names). */
export function complaintExportFilename(caseId: string, format: ComplaintExportFormat): string {
  return `complaint-${caseId}.${format}`;
}

/** regulatory-clock.ts's RegulatoryDeadline as a schema (the clock is pure TypeScript; this checks it on the wire). */
export const RegulatoryDeadlineSchema = z.object({
  regime: z.enum(['fda', 'eu']),
  rule: z.enum(['fda_30d', 'fda_5wd', 'eu_15d', 'eu_10d', 'eu_2d']),
  dueAt: Instant,
  warnAt: Instant,
  state: z.enum(['running', 'warning', 'overdue', 'met', 'late', 'not_required']),
  submittedAt: Instant.nullable(),
});
export const RegulatoryClockSchema = z.object({
  awareAt: Instant,
  deadlines: z.array(RegulatoryDeadlineSchema).max(2),
  next: RegulatoryDeadlineSchema.nullable(),
});
// the schemas and regulatory-clock.ts's interfaces say the same thing (a compile error otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const clockShapesAgree: [Same<z.infer<typeof RegulatoryDeadlineSchema>, RegulatoryDeadline>, Same<z.infer<typeof RegulatoryClockSchema>, RegulatoryClock>] = [true, true];
void clockShapesAgree;

export const ComplaintExport = z.object({
  record: ComplaintRecord,
  /** the flagged message as it is now (erased: the tombstone; gone: nulls), when it reached us, on which channel */
  verbatim: z.object({
    body: z.string().nullable(),
    subject: z.string().nullable(),
    receivedAt: Instant,
    channel: EventChannel.nullable(),
  }),
  /** the case's customer (`id`: where it lives; after a merge, the customer the case moved to) */
  complainant: z.object({
    id: Id,
    name: z.string(),
    emails: z.array(z.string()),
    phones: z.array(E164),
    segment: Segment,
  }),
  case: z.object({ id: Id, subject: z.string(), priority: Priority, status: CaseStatus }),
  /** regulatoryClock(record, exportedAt): each regime's deadline and its state at the export */
  regulatoryClock: RegulatoryClockSchema,
  exportedAt: Instant,
  exportedBy: z.object({ id: Id, name: z.string() }),
});
export type ComplaintExport = z.infer<typeof ComplaintExport>;
