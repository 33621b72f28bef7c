import { z } from 'zod';
import { CaseStatus, CaseTag, type Case } from '../../kernel/case';
import { Id } from '../../kernel/primitives';
import { referenceKind } from '../../kernel/reference';

/** A canned reply's text in each language it exists in (at least one). */
export const MacroBodies = z
  .object({ en: z.string().trim().min(1).max(5000).optional(), zh: z.string().trim().min(1).max(5000).optional() })
  .refine((b) => b.en !== undefined || b.zh !== undefined, 'a macro needs its text in at least one language');
export type MacroBodies = z.infer<typeof MacroBodies>;

/**
 * A canned reply (issue 15): team-shared (the team's lead or an admin writes it) or personal (its agent's own).
 * `shortcut` is what the agent types after `#` in the reply box; `setStatus` and `addTags` are applied to the case
 * when the reply is sent (e.g. "waiting on customer" and "photo-requested" after asking for a photo).
 */
export const Macro = z.object({
  id: Id,
  scope: z.enum(['team', 'personal']),
  teamId: Id.nullable(),
  ownerId: Id.nullable(),
  title: z.string().trim().min(1).max(120),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'letters, digits, - and _ only'),
  bodies: MacroBodies,
  setStatus: CaseStatus.nullable(),
  /** tags put on the case when the reply is sent (issue 15); absent on macros saved before tags existed */
  addTags: z.array(CaseTag).max(10).default([]),
  updatedAt: z.iso.datetime(),
});
export type Macro = z.infer<typeof Macro>;

/** Macros are reference data: a team macro replicates to its team, a personal one to its owner's teams (shown only to them). */
export const MACRO = referenceKind<Macro>('macros.macro', Macro);

/** An agent's reply signature in each language (reference item `macros.signature`, id = the agent's id). */
export const Signature = z.object({
  agentId: Id,
  en: z.string().max(1000),
  zh: z.string().max(1000),
});
export type Signature = z.infer<typeof Signature>;
export const SIGNATURE = referenceKind<Signature>('macros.signature', Signature);

/** Who may see a macro in their list: the team's members for a team macro, the owner for a personal one. */
export function macroVisibleTo(m: Pick<Macro, 'scope' | 'teamId' | 'ownerId'>, agent: { id: string; teamIds: readonly string[] }): boolean {
  return m.scope === 'personal' ? m.ownerId === agent.id : m.teamId !== null && agent.teamIds.includes(m.teamId);
}

/** Who may write it: the owner their personal ones; a lead or admin the team ones (a lead only for their teams). */
export function mayWriteMacro(m: Pick<Macro, 'scope' | 'teamId' | 'ownerId'>, agent: { id: string; role: string; teamIds: readonly string[] }): boolean {
  if (m.scope === 'personal') return m.ownerId === agent.id && m.teamId === null;
  if (m.ownerId !== null || m.teamId === null) return false;
  return agent.role === 'admin' || (agent.role === 'lead' && agent.teamIds.includes(m.teamId));
}

/** Of a sent macro's tags, those the case does not carry yet: only they are added (a change that changes nothing is refused). */
export function tagsToAdd(c: Pick<Case, 'tags'> | null, tags: readonly string[]): string[] {
  if (!c) return [];
  const has = new Set(c.tags ?? []);
  return [...new Set(tags.map((t) => t.trim().toLowerCase()))].filter((t) => t && !has.has(t)).slice(0, 10);
}
