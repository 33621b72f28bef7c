import { z } from 'zod';
import { Macro, MacroBodies, Signature } from './macro';
import { CaseStatus } from '../../kernel/case';
import { Id } from '../../kernel/primitives';

export const MACRO_PATHS = {
  macro: '/api/macros/:id',
  signature: '/api/macros/signature',
} as const;

/** PUT /api/macros/:id: a new macro or a new version (the server sets owner, scope checks and updatedAt). */
export const MacroPut = z
  .object({
    scope: z.enum(['team', 'personal']),
    teamId: Id.nullable(),
    title: Macro.shape.title,
    shortcut: Macro.shape.shortcut,
    bodies: MacroBodies,
    setStatus: CaseStatus.nullable(),
    addTags: Macro.shape.addTags,
  })
  .strict();
export type MacroPut = z.infer<typeof MacroPut>;

export const SignaturePut = Signature.omit({ agentId: true }).strict();
export type SignaturePut = z.infer<typeof SignaturePut>;
