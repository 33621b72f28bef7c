import { z } from 'zod';
import { referenceKind } from '../../kernel/reference';
import { Rule } from './rule';
import { Script } from './script';

/**
 * Rule and script files are reference data (src/shared/kernel/reference.ts): one item per file (`id`: its name,
 * e.g. `anxious.yaml`), carrying the source an admin edits and what it parsed to, so a desktop needs no parser to
 * evaluate. Written only when the whole set still loads (./load.ts), so the last valid set stays in force.
 * `revision` counts the saves of the file; `fileSha` is the shipped file's hash it was imported from (an admin's
 * edit has none), so a restart re-imports a shipped file only when the file itself changed.
 */
export const EscalationDocument = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}\.(?:ya?ml|json)$/, 'a file name is lower-case, ending in .yaml, .yml or .json'),
  source: z.string().max(1_000_000),
  revision: z.number().int().positive(),
  fileSha: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  updatedById: z.string().nullable(),
  rules: z.array(Rule),
  scripts: z.array(Script),
});
export type EscalationDocument = z.infer<typeof EscalationDocument>;

export const ESCALATION_DOCUMENT = referenceKind<EscalationDocument>('escalation.document', EscalationDocument);
