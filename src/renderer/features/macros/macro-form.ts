import { macroListItem, type Macro, type MacroListItem, type MacroPut } from '../../../shared/features/macros';
import type { CaseStatus } from '../../../shared/kernel/case';

/** The editor's fields as typed (empty strings for a language left out). */
export interface MacroForm {
  id: string | null;
  scope: 'team' | 'personal';
  teamId: string | null;
  title: string;
  shortcut: string;
  en: string;
  zh: string;
  setStatus: CaseStatus | '';
  /** the tags as typed, separated by commas */
  tags: string;
}

export const emptyForm = (scope: 'team' | 'personal', teamId: string | null): MacroForm => ({ id: null, scope, teamId, title: '', shortcut: '', en: '', zh: '', setStatus: '', tags: '' });

export function formOf(m: Macro): MacroForm {
  return { id: m.id, scope: m.scope, teamId: m.teamId, title: m.title, shortcut: m.shortcut, en: m.bodies.en ?? '', zh: m.bodies.zh ?? '', setStatus: m.setStatus ?? '', tags: m.addTags.join(', ') };
}

/** What the server is sent: a language left empty is left out (the server requires one of them). */
export function putOf(f: MacroForm): MacroPut {
  return {
    scope: f.scope,
    teamId: f.scope === 'team' ? f.teamId : null,
    title: f.title.trim(),
    shortcut: f.shortcut.trim().replace(/^#/, '').toLowerCase(),
    bodies: { ...(f.en.trim() ? { en: f.en.trim() } : {}), ...(f.zh.trim() ? { zh: f.zh.trim() } : {}) },
    setStatus: f.setStatus === '' ? null : f.setStatus,
    addTags: tagList(f.tags),
  };
}

/**
 * The list with a macro just saved in it (replacing its old version), before the reference data it becomes has
 * reached this desktop's cache: the agent sees what they saved at once.
 */
export function withSaved(list: readonly MacroListItem[], m: Macro): MacroListItem[] {
  const item = macroListItem(m, true);
  const rest = list.filter((x) => x.id !== m.id);
  return m.scope === 'personal' ? [item, ...rest] : [...rest, item];
}

export const without = (list: readonly MacroListItem[], id: string): MacroListItem[] => list.filter((x) => x.id !== id);

/** Tags as typed: split on commas (also the Chinese ，、), trimmed, lower-cased, once each; the server checks the rest. */
export function tagList(typed: string): string[] {
  return [...new Set(typed.split(/[,，、\n]/u).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
