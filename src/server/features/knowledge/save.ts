import {
  Article,
  articleBlocks,
  KNOWLEDGE_ARTICLE,
  OmnideskError,
  parseOrThrow,
  type Agent,
  type ArticleLocale,
  type ArticlePut,
  type ArticleSaved,
} from '../../../shared/index';
import { can } from '../../../shared/kernel/permissions';
import type { Queryable } from '../../kernel/db/types';
import { putReference } from '../../kernel/reference/index';
import { appendAudit } from '../audit';
import { storedArticles } from './import';

const CONTENT = ['title', 'translationOf', 'products', 'deviceKinds', 'firmware', 'category', 'status', 'summary', 'keywords', 'body'] as const;

/**
 * Writing one language version of an article (issue 14), in the caller's transaction. The review step: anyone who may
 * write (specialists, leads, admins) saves drafts and sends them for review; only a lead or an admin publishes,
 * changes what is published or retires it, so a draft never replaces what agents send. Every change is a new
 * version (the desktops pull it and an older inserted copy reads as stale); saving unchanged changes nothing; saving
 * over a version written since the editor opened it is refused.
 */
export async function saveArticle(tx: Queryable, me: Agent, id: string, put: ArticlePut): Promise<ArticleSaved & { referenceVersion: number | null }> {
  const [slug, locale] = id.split('.') as [string, ArticleLocale];
  const all = await storedArticles(tx);
  const stored = all.get(id) ?? null;
  if ((stored?.version ?? 0) !== put.baseVersion) {
    throw new OmnideskError('CONFLICT', `the article changed since it was opened: it is at version ${stored?.version ?? 0}`);
  }
  const publisher = can(me.role, 'knowledge.publish');
  const touchesPublished = put.status === 'published' || put.status === 'retired' || stored?.status === 'published' || stored?.status === 'retired';
  if (touchesPublished && !publisher) throw new OmnideskError('FORBIDDEN', 'a lead or an admin publishes, changes a published article or retires it');
  if (locale !== 'en') {
    const source = all.get(`${slug}.en`);
    if (put.translationOf !== `${slug}.en` || !source) throw new OmnideskError('INVALID_ARGUMENT', `a translation names its English source ${slug}.en, which must exist`);
  }
  const { baseVersion: _base, ...fields } = put;
  const changed = !stored || CONTENT.some((k) => JSON.stringify(stored[k]) !== JSON.stringify(fields[k]));
  const next = parseOrThrow(Article, { ...fields, id, slug, locale, version: stored ? stored.version + (changed ? 1 : 0) : 1 }, 'article');
  const blocks = articleBlocks(next.body);
  if (blocks.errors.length) throw new OmnideskError('INVALID_ARGUMENT', `body line ${blocks.errors[0]!.line}: ${blocks.errors[0]!.reason}`);
  if (!changed) return { id, slug, locale, version: next.version, status: next.status, changed: false, referenceVersion: null };
  await putReference(tx, KNOWLEDGE_ARTICLE, [{ id, teamIds: [], data: next }]);
  const { rows } = await tx.query<{ version: string }>('select version::text as version from reference_items where kind = $1 and id = $2', [KNOWLEDGE_ARTICLE.kind, id]);
  const referenceVersion = Number(rows[0]!.version);
  await appendAudit(tx, [{ actorId: me.id, actorRole: me.role, action: 'knowledge.saved', detail: { id, version: next.version, status: next.status } }]);
  return { id, slug, locale, version: next.version, status: next.status, changed: true, referenceVersion };
}
