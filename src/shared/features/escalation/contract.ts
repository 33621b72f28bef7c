import { z } from 'zod';
import { EscalationDocument } from './reference';

/** The admin's HTTP routes for escalation files (issue 13). Reading is through the reference data every desktop holds. */
export const ESCALATION_PATHS = {
  document: '/api/escalation/documents/:name',
} as const;

export const DocumentName = EscalationDocument.shape.name;

/** PUT body: the file's whole text (YAML or JSON). */
export const EscalationDocumentPut = z.object({ source: z.string().min(1).max(1_000_000) }).strict();
export type EscalationDocumentPut = z.infer<typeof EscalationDocumentPut>;

export const EscalationDocumentSaved = z.object({ name: DocumentName, revision: z.number().int().positive(), version: z.number().int().positive(), changed: z.boolean() });
export type EscalationDocumentSaved = z.infer<typeof EscalationDocumentSaved>;

export const EscalationDocumentDeleted = z.object({ name: DocumentName, version: z.number().int().positive() });
export type EscalationDocumentDeleted = z.infer<typeof EscalationDocumentDeleted>;
