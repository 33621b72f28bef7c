import { z } from 'zod';
import { DeviceKind } from '../../kernel/customer';

/**
 * A knowledge article (issue 14): one language version of one article. The English file is the source, a
 * translation names it (`translationOf`); both share the slug and the version. Only `published` ones are suggested
 * or sent; `draft` and `in_review` wait for a lead's or admin's review, `retired` stay for reference (old inserts).
 */
export const ArticleLocale = z.enum(['en', 'zh-CN']);
export type ArticleLocale = z.infer<typeof ArticleLocale>;

export const ArticleStatus = z.enum(['draft', 'in_review', 'published', 'retired']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

export const ArticleCategory = z.enum([
  'pairing',
  'setup',
  'accuracy',
  'skin',
  'battery',
  'firmware',
  'sync',
  'alarms',
  'measurement',
  'warranty',
  'returns',
  'billing',
  'privacy',
  'travel',
  'safety',
]);
export type ArticleCategory = z.infer<typeof ArticleCategory>;

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a slug is lower-case letters, digits and hyphens');

/** An article's fields, without the rules that tie them together (see `Article`). */
export const ArticleFields = z
  .object({
    /** `<slug>.<locale>` */
    id: z.string().max(120),
    slug: Slug,
    locale: ArticleLocale,
    title: z.string().trim().min(1).max(300),
    /** the source article's id (`<slug>.en`) for a translation, null for the source */
    translationOf: z.string().max(120).nullable(),
    /** exact model names (`Vitalink GlucoTrack G4`); empty: a general article */
    products: z.array(z.string().min(1).max(100)).max(20),
    deviceKinds: z.array(DeviceKind).max(5),
    /** `*`, `>=4.0.0`, `>=5.7.0 <5.8.0` */
    firmware: z.string().max(100),
    category: ArticleCategory,
    status: ArticleStatus,
    version: z.number().int().positive(),
    summary: z.string().max(1000),
    /**
     * The words customers and agents use for this topic that the article itself may not ("chest sticker" for the
     * patch, "糖" for glucose, "auto-ship" for the subscription), in both languages; searched like the tags.
     */
    keywords: z.array(z.string().trim().min(1).max(100)).max(80).default([]),
    /** Markdown, with `:::controlled id=…` passages (passages.ts) */
    body: z.string().max(200_000),
  })
  .strict();

export const Article = ArticleFields.refine((a) => a.id === `${a.slug}.${a.locale}`, { message: 'the id is <slug>.<locale>', path: ['id'] })
  .refine((a) => (a.locale === 'en') === (a.translationOf === null), { message: 'an English article is a source; a translation names its source', path: ['translationOf'] });
export type Article = z.infer<typeof Article>;

export const articleId = (slug: string, locale: ArticleLocale): string => `${slug}.${locale}`;

/** The customer's language (Customer.language) as an article locale. */
export function localeOf(language: string): ArticleLocale {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}
