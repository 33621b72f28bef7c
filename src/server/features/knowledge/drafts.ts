import { Article, articleId, KNOWLEDGE_ARTICLE, type Event } from '../../../shared/index';
import type { AppendHook } from '../../kernel/events/index';
import type { Queryable } from '../../kernel/db/types';
import { putReference } from '../../kernel/reference/index';
import { storedArticles } from './import';

type Drafted = Extract<Event, { kind: 'knowledge.drafted' }>;

/** The requested slug, or the first of `slug-2`, `slug-3` … that no article (in any language) uses yet. */
export function freeSlug(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const s = `${wanted.slice(0, 95)}-${n}`;
    if (!taken.has(s)) return s;
  }
}

/**
 * The articles a drafted case becomes: in English, one article `in_review`; in Chinese, the Chinese version
 * `in_review` and its English source as a `draft` holding the same text to translate (every translation names an
 * English source, article.ts), so the reviewer sees both and publishes them together.
 */
export function draftedArticles(e: Drafted, slug: string): Article[] {
  const m = e.meta;
  const common = {
    slug,
    title: m.title,
    products: m.products,
    deviceKinds: m.deviceKinds,
    firmware: '*',
    category: m.category,
    version: 1,
    summary: m.summary,
    keywords: [],
  };
  const body = e.body ?? '';
  if (m.locale === 'en') return [Article.parse({ ...common, id: articleId(slug, 'en'), locale: 'en', translationOf: null, status: 'in_review', body })];
  return [
    Article.parse({ ...common, id: articleId(slug, 'en'), locale: 'en', translationOf: null, status: 'draft', body: `> Drafted in Chinese from a solved case: translate it here before publishing.\n\n${body}` }),
    Article.parse({ ...common, id: articleId(slug, 'zh-CN'), locale: 'zh-CN', translationOf: articleId(slug, 'en'), status: 'in_review', body }),
  ];
}

/**
 * "Create an article from this case" on the server (issue 14): a `knowledge.drafted` event (an agent's change,
 * possibly made offline hours ago) becomes articles in the review queue, in the appending transaction — the event
 * and its draft commit together or not at all, and a push retried after a lost answer appends nothing twice, so
 * nothing is drafted twice. The desktops pull them with the reference data; only a lead or an admin publishes.
 */
export const knowledgeDraftHook: AppendHook = {
  name: 'knowledge.drafts',
  async afterAppend(tx: Queryable, stored: readonly Event[]) {
    const drafted = stored.filter((e): e is Drafted => e.kind === 'knowledge.drafted');
    if (drafted.length === 0) return;
    const taken = new Set([...(await storedArticles(tx)).values()].map((a) => a.slug));
    const items = drafted.flatMap((e) => {
      const slug = freeSlug(e.meta.slug, taken);
      taken.add(slug);
      return draftedArticles(e, slug).map((a) => ({ id: a.id, teamIds: [], data: a }));
    });
    await putReference(tx, KNOWLEDGE_ARTICLE, items);
  },
};
