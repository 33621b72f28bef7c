import { z } from 'zod';

/**
 * A text shown to agents or customers in every language the desktop speaks (en, zh-CN). Both are required: a rule
 * or script missing a translation is refused when it is loaded, with the path of the missing text, instead of
 * showing a Chinese-speaking agent an English prompt in the middle of an escalation.
 */
export const SCRIPT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

export const Localized = z
  .object({
    en: z.string().trim().min(1, 'the English text is missing').max(4000),
    'zh-CN': z.string().trim().min(1, 'the Chinese (zh-CN) text is missing').max(4000),
  })
  .strict();
export type Localized = z.infer<typeof Localized>;

/** The text in `lang`, or English for a language without its own (a customer writing in French). */
export function localize(text: Localized, lang: string): string {
  return lang.toLowerCase().startsWith('zh') ? text['zh-CN'] : text.en;
}
