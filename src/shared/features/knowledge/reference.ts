import { z } from 'zod';
import { referenceKind } from '../../kernel/reference';
import { Article } from './article';

/**
 * Articles are reference data (src/shared/kernel/reference.ts): one item per language version (`id`: the article's
 * id, `<slug>.<locale>`), org-wide, so every desktop holds them all and searches them offline. A new version
 * replaces the item; the inserted text of an older one stays in the reply's event.
 */
export const KNOWLEDGE_ARTICLE = referenceKind<Article>('knowledge.article', Article);

/**
 * Org-wide knowledge settings (one item, id `settings`): the public help center where customers can read the
 * published articles (OMNIDESK_HELP_CENTER_URL on the server). Without it the panel offers no link to insert.
 */
export const KnowledgeSettings = z.object({
  helpCenterUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http(s) address')
    .max(500)
    .nullable(),
});
export type KnowledgeSettings = z.infer<typeof KnowledgeSettings>;
export const KNOWLEDGE_SETTINGS = referenceKind<KnowledgeSettings>('knowledge.settings', KnowledgeSettings);
export const KNOWLEDGE_SETTINGS_ID = 'settings';

/** An article's public address on the help center: `<base>/<locale>/articles/<slug>`. */
export function articleUrl(base: string, slug: string, locale: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(locale)}/articles/${encodeURIComponent(slug)}`;
}
