import type { Device } from '../../kernel/customer';
import type { Language } from '../../kernel/primitives';
import type { Macro } from './macro';

/** What a macro's placeholders are filled from. */
export interface MacroContext {
  customer: { name: string; language: Language; devices: readonly Device[] } | null;
  agent: { displayName: string };
  caseSubject: string | null;
}

/** The placeholders a macro may use; anything else in `{{…}}` is left for the agent to see and fix. */
export const PLACEHOLDERS = ['customer.name', 'customer.firstName', 'device.model', 'device.serial', 'device.kind', 'device.firmware', 'agent.name', 'case.subject'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const DEVICE_KIND: Record<Language, Record<Device['kind'], string>> = {
  en: { cgm: 'glucose monitor', ecg_patch: 'ECG patch', bp_cuff: 'blood-pressure cuff', pulse_oximeter: 'pulse oximeter', smart_watch: 'smart watch' },
  zh: { cgm: '血糖仪', ecg_patch: '心电贴', bp_cuff: '血压计', pulse_oximeter: '血氧仪', smart_watch: '智能手表' },
};

/** A first name as one would greet with it: the first word in English; a Chinese name is used whole. */
function firstName(name: string, language: Language): string {
  const n = name.trim();
  if (language === 'zh' || /[\u4e00-\u9fff]/.test(n)) return n;
  return n.split(/\s+/)[0] ?? n;
}

function value(p: Placeholder, ctx: MacroContext, language: Language): string | null {
  const device = ctx.customer?.devices[0] ?? null;
  switch (p) {
    case 'customer.name':
      return ctx.customer?.name ?? null;
    case 'customer.firstName':
      return ctx.customer ? firstName(ctx.customer.name, language) : null;
    case 'device.model':
      return device?.model ?? null;
    case 'device.serial':
      return device?.serial ?? null;
    case 'device.kind':
      return device ? DEVICE_KIND[language][device.kind] : null;
    case 'device.firmware':
      return device?.firmware ?? null;
    case 'agent.name':
      return ctx.agent.displayName;
    case 'case.subject':
      return ctx.caseSubject;
  }
}

export interface RenderedMacro {
  text: string;
  /** the language of the text used (the customer's when the macro has it, else the other) */
  language: Language;
  /** placeholders that had no value: left in the text as `{{…}}` for the agent to fill */
  missing: string[];
}

/**
 * A macro's text for a customer (issue 15): in the customer's language when it has one, else the language it has,
 * with the placeholders filled. Unknown or empty placeholders stay visible, never silently blank: a reply saying
 * "your  is on its way" is worse than one the agent sees is unfinished.
 */
export function renderMacro(macro: Pick<Macro, 'bodies'>, ctx: MacroContext, prefer: Language): RenderedMacro {
  const language: Language = macro.bodies[prefer] !== undefined ? prefer : macro.bodies.en !== undefined ? 'en' : 'zh';
  const source = macro.bodies[language] ?? '';
  const missing: string[] = [];
  const text = source.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    const v = (PLACEHOLDERS as readonly string[]).includes(name) ? value(name as Placeholder, ctx, language) : null;
    if (v === null || v.trim() === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return v;
  });
  return { text, language, missing };
}

/** `#shortcut` at the end of what the agent typed, and what comes before it; null when there is none. */
export function macroShortcut(draft: string): { shortcut: string; before: string } | null {
  const m = /(^|\s)#([\p{L}\p{N}_-]{1,40})$/u.exec(draft);
  if (!m) return null;
  return { shortcut: m[2]!.toLowerCase(), before: draft.slice(0, m.index + m[1]!.length) };
}

/** The reply with the agent's signature under it (an email sign-off), unless it already ends with it. */
export function withSignature(body: string, signature: string): string {
  const s = signature.trim();
  if (!s || body.trimEnd().endsWith(s)) return body;
  return `${body.trimEnd()}\n\n${s}`;
}
