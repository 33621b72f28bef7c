import { referenceKind } from '../../kernel/reference';
import { Article } from './article';

/**
 * Articles are reference data (src/shared/kernel/reference.ts): one item per language version (`id`: the article's
 * id, `<slug>.<locale>`), org-wide, so every desktop holds them all and searches them offline. A new version
 * replaces the item; the inserted text of an older one stays in the reply's event.
 */
export const KNOWLEDGE_ARTICLE = referenceKind<Article>('knowledge.article', Article);
