import { z } from 'zod';
import { CaseStatus, CaseTag } from '../../kernel/case';
import { Id, Language } from '../../kernel/primitives';
import { MacroPut, SignaturePut } from './contract';
import { Macro, Signature } from './macro';

export const MacroListItem = z.object({
  id: Id,
  scope: z.enum(['team', 'personal']),
  title: z.string(),
  shortcut: z.string(),
  languages: z.array(Language),
  setStatus: CaseStatus.nullable(),
  addTags: z.array(CaseTag),
  /** the signed-in agent may change it */
  editable: z.boolean(),
});
export type MacroListItem = z.infer<typeof MacroListItem>;

/** How the list shows a macro: its languages, and whether this agent may change it. */
export function macroListItem(m: Macro, editable: boolean): MacroListItem {
  return {
    id: m.id,
    scope: m.scope,
    title: m.title,
    shortcut: m.shortcut,
    languages: (['en', 'zh'] as const).filter((l) => m.bodies[l] !== undefined),
    setStatus: m.setStatus,
    addTags: m.addTags,
    editable,
  };
}

/** The reply tools' bridge methods (issue 15): macros and signatures are reference data, listed and filled offline. */
export const macrosBridgeMethods = {
  'macros.list': { input: z.object({}).strict(), output: z.object({ macros: z.array(MacroListItem) }) },
  /** one macro for one customer: its text in their language with the placeholders filled */
  'macros.render': {
    input: z.object({ macroId: Id.optional(), shortcut: z.string().max(40).optional(), customerId: Id, caseId: Id.nullable() }).strict(),
    output: z.object({ macroId: Id, text: z.string(), language: Language, missing: z.array(z.string()), setStatus: CaseStatus.nullable(), addTags: z.array(CaseTag) }),
  },
  'macros.get': { input: z.object({ id: Id }).strict(), output: Macro },
  'macros.save': { input: z.object({ id: Id, macro: MacroPut }).strict(), output: Macro },
  'macros.delete': { input: z.object({ id: Id }).strict(), output: z.object({ ok: z.literal(true) }) },
  /** the signed-in agent's signature (empty when none was saved) */
  'macros.signature': { input: z.object({}).strict(), output: Signature },
  'macros.saveSignature': { input: SignaturePut, output: Signature },
} as const;
