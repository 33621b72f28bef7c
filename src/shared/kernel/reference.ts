import { z } from 'zod';
import { Id } from './primitives';

/**
 * Reference data: what every desktop keeps whole and that belongs to no customer — the directory of teams and
 * agents now; knowledge articles, escalation rules and scripts, SLA policies and calendars, routing rules next
 * (DESIGN.md "Events and sync"). It replicates in its own stream beside the customer scope: each item carries a
 * server-wide `version`, and a desktop pulls the items after the highest version it holds (`sync:reference`).
 */

/** `<feature>.<name>`, e.g. `directory.team`: the owning feature first, so a kind says where it lives. */
export const ReferenceKindName = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'a reference kind is <feature>.<name> in lower case');

export const ReferenceItem = z
  .object({
    kind: ReferenceKindName,
    /** unique within its kind (a uuid for most kinds; any short stable key is allowed) */
    id: z.string().min(1).max(200),
    /** taken from one server-wide sequence on every write: a pull after version V gets everything changed since */
    version: z.number().int().positive(),
    /** the teams that may see it; empty: the whole organisation */
    teamIds: z.array(Id),
    /** the kind's payload (validated by the kind's schema where it is read), null once deleted */
    data: z.unknown().nullable(),
    deleted: z.boolean(),
  })
  .refine((i) => i.deleted === (i.data === null), { message: 'a deleted item has no data, a live one has', path: ['data'] });
export type ReferenceItem = z.infer<typeof ReferenceItem>;

/**
 * A kind of reference data, registered by the feature that owns it (see src/shared/features/directory/reference.ts):
 * its name and the schema of its `data`. Writers validate with it on the server; readers on the desktop parse with it,
 * so an item a newer server sends in a shape this desktop does not know is skipped, not trusted.
 */
export interface ReferenceKind<T> {
  readonly kind: string;
  readonly schema: z.ZodType<T>;
}

export function referenceKind<T>(kind: string, schema: z.ZodType<T>): ReferenceKind<T> {
  ReferenceKindName.parse(kind);
  return { kind, schema };
}
