import { z } from 'zod';
import { Id } from '../../kernel/primitives';
import { ComplaintExportFormat } from './export';

/** Largest export the bridge carries, as base64 (a PDF of a very long verbatim stays well under it). */
export const MAX_COMPLAINT_EXPORT_BASE64 = 60_000_000;

/**
 * The complaint record's bridge methods (issue 12), spread into `bridgeMethods`. Online only: the desktop core asks the
 * server's export route with the session's token (src/main/core/features/safety) and answers UNAVAILABLE signed in
 * offline; the server decides who may (safety.review, the case's team) and answers NOT_FOUND otherwise.
 */
export const complaintBridgeMethods = {
  /** the case's complaint / adverse-event record as a file to save: JSON or PDF, bytes as base64 */
  'complaint.export': {
    input: z.object({ caseId: Id, format: ComplaintExportFormat }).strict(),
    output: z.object({ filename: z.string().max(200), mimeType: z.string().max(100), base64: z.string().max(MAX_COMPLAINT_EXPORT_BASE64) }),
  },
} as const;
