import { z } from 'zod';
import { ArticleSaved, KnowledgeStatsResponse, articleBlocks, articleUrl, KNOWLEDGE_SETTINGS, KNOWLEDGE_SETTINGS_ID, proposeFromCase, KNOWLEDGE_ARTICLE, KNOWLEDGE_PATHS, OmnideskError, controlledPassages, type ArticleLocale } from '../../../../shared/index';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { Store } from '../../kernel/store/index';
import { articleSet } from './article-index';
import { GapLog } from './gaps';
import { silentLogger, type Logger } from '../../kernel/logger';
import { articleHtml, articleText } from './render';
import { customerContext, preferred, recentCustomerText, searchArticles, similarCases, type SearchContext } from './search';

export interface KnowledgeContext {
  store(): Store;
  /** for saves: the signed-in session (offline: refused) and the HTTP client */
  session?(): ServerSession & { offline: boolean };
  http?: HttpOptions;
  /** after a save: pull the reference data now */
  referenceChanged?(): void;
  logger?: Logger;
  /** registers work for when the connection comes (back) online: the gaps counted offline are reported then */
  whenOnline?(fn: () => void): void;
  /** knowledge gaps: how long a gap waits before it is reported, and the retry after a failure (tests) */
  gaps?: { flushMs?: number; retryMs?: number };
}

type Methods = 'knowledge.gap' | 'knowledge.proposal' | 'knowledge.search' | 'knowledge.suggest' | 'knowledge.article' | 'knowledge.list' | 'knowledge.source' | 'knowledge.preview' | 'knowledge.save' | 'knowledge.stats';

/**
 * A search whose best article scores below this found nothing to speak of: only single Chinese characters matched
 * (the `chars` column weighs 0.1, article-index.ts), as "钛合金" matches any article with 合 in it. Counted as a gap.
 */
export const GAP_MIN_SCORE = 1;

/** What the search box searches for: the language asked, else the open customer's; their device when one is open. */
function searchedFor(store: Store, customerId: string | null, locale: ArticleLocale | null): SearchContext {
  const c = customerId ? customerContext(store, customerId) : null;
  return { locale: locale ?? c?.locale ?? 'en', product: c?.product ?? null };
}

/** Bridge handlers of the knowledge panel (issue 14): all on the cache, offline too. */
export function knowledgeHandlers(ctx: KnowledgeContext): Pick<BridgeHandlers, Methods> {
  /** the session and HTTP client of a call to the server; offline (or without them) UNAVAILABLE */
  const online = () => {
    const session = ctx.session?.();
    if (!session || !ctx.http || session.offline) throw new OmnideskError('UNAVAILABLE', 'the knowledge base is edited on the server: signed in offline');
    return { session, http: ctx.http };
  };
  const gaps = new GapLog({
    store: ctx.store,
    logger: ctx.logger ?? silentLogger,
    ...ctx.gaps,
    send: async (report) => {
      const { session, http } = online();
      await readJson(await serverCall(session, KNOWLEDGE_PATHS.gaps, http, { method: 'POST', body: JSON.stringify(report) }), z.object({ recorded: z.number() }));
    },
  });
  ctx.whenOnline?.(() => void gaps.flush());
  return {
    // a search that found nothing, once the agent stopped typing: counted for the lead (checked here, not trusted)
    'knowledge.gap': async ({ text, customerId, locale }) => {
      const store = ctx.store();
      const wanted = searchedFor(store, customerId, locale);
      const best = searchArticles(store, text, wanted, 1, true)[0];
      if (best && best.score >= GAP_MIN_SCORE) return { recorded: false };
      return { recorded: gaps.record(wanted.locale, text) };
    },

    'knowledge.search': async ({ text, customerId, locale }) => {
      const store = ctx.store();
      const wanted = searchedFor(store, customerId, locale);
      return {
        articles: searchArticles(store, text, wanted, 8, true),
        cases: similarCases(store, text, customerId, 3),
        locale: wanted.locale,
      };
    },

    'knowledge.suggest': async ({ customerId, caseId, draft }) => {
      const store = ctx.store();
      if (!store.customers.get(customerId)) throw new OmnideskError('NOT_FOUND', 'customer not found');
      const c = customerContext(store, customerId);
      const k = caseId ? store.cases.get(caseId) : null;
      const recent = recentCustomerText(store, customerId, k && k.customerId === customerId ? k.id : null);
      // what the agent is typing joins the customer's words: a reply in progress says where the case is going
      const text = draft?.trim() ? `${recent}\n${draft}` : recent;
      return {
        articles: searchArticles(store, text, c, 5),
        cases: similarCases(store, recent, customerId, 3),
        locale: c.locale,
        product: c.product,
      };
    },

    'knowledge.article': async ({ slug, locale }) => {
      const store = ctx.store();
      const set = articleSet(store);
      const helpCenter = store.reference.get(KNOWLEDGE_SETTINGS, KNOWLEDGE_SETTINGS_ID)?.helpCenterUrl ?? null;
      const a = preferred(set, slug, locale);
      if (!a) throw new OmnideskError('NOT_FOUND', 'no such article');
      return {
        articleId: a.id,
        slug: a.slug,
        locale: a.locale,
        fallback: a.locale !== locale,
        locales: [...(set.bySlug.get(slug)?.keys() ?? [])].sort(),
        title: a.title,
        summary: a.summary,
        version: a.version,
        status: a.status,
        products: a.products,
        html: articleHtml(a.body),
        text: articleText(a.title, a.body),
        passages: controlledPassages(a.body),
        url: helpCenter ? articleUrl(helpCenter, a.slug, a.locale) : null,
      };
    },

    'knowledge.list': async () => ({
      articles: ctx
        .store()
        .reference.list(KNOWLEDGE_ARTICLE)
        .map((a) => ({ id: a.id, slug: a.slug, locale: a.locale, title: a.title, status: a.status, version: a.version })),
    }),

    'knowledge.source': async ({ id }) => {
      const a = ctx.store().reference.get(KNOWLEDGE_ARTICLE, id);
      if (!a) throw new OmnideskError('NOT_FOUND', 'no such article');
      return a;
    },

    'knowledge.proposal': async ({ caseId }) => {
      const store = ctx.store();
      const k = store.cases.get(caseId);
      const customer = k ? store.customers.get(k.customerId) : null;
      if (!k || !customer) throw new OmnideskError('NOT_FOUND', 'case not found');
      const bodies = (kind: string) =>
        store.db
          .prepare<[string, string], string>(
            `SELECT body FROM events WHERE case_id = ? AND kind = ? AND body IS NOT NULL AND local_state <> 'rejected' ORDER BY occurred_at, rid LIMIT 50`,
          )
          .pluck()
          .all(caseId, kind);
      const c = customerContext(store, customer.id);
      const device = customer.devices[0] ?? null;
      // the article the case's words find first says what kind of article this is
      const top = searchArticles(store, recentCustomerText(store, customer.id, caseId), c, 1)[0];
      return proposeFromCase({
        caseId,
        subject: k.subject,
        locale: c.locale,
        customerNames: [customer.name],
        device: device ? { kind: device.kind, model: device.model } : null,
        asked: bodies('message.received'),
        answered: bodies('message.sent'),
        category: top?.category ?? null,
      });
    },

    'knowledge.preview': async ({ body }) => ({ html: articleHtml(body), problems: articleBlocks(body).errors }),

    'knowledge.stats': async () => {
      const { session, http } = online();
      await gaps.flush(); // the lead's own gaps count too
      return readJson(await serverCall(session, KNOWLEDGE_PATHS.stats, http), KnowledgeStatsResponse);
    },

    'knowledge.save': async ({ id, article }) => {
      const { session, http } = online();
      const saved = await readJson(await serverCall(session, KNOWLEDGE_PATHS.article.replace(':id', encodeURIComponent(id)), http, { method: 'PUT', body: JSON.stringify(article) }), ArticleSaved);
      ctx.referenceChanged?.();
      return saved;
    },
  };
}
