import { useEffect, useRef, useState } from 'react';
import type { ArticleCard, ArticleLocale, ArticleUse, ArticleView, SimilarCase } from '../../../shared/features/knowledge';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';
import { useBridge } from '../../kernel/app/bridge-context';
import { useCustomer, useReplyDraft } from '../conversations';

export interface KnowledgeResults {
  articles: ArticleCard[];
  cases: SimilarCase[];
  /** the language the articles were wanted in (the customer's) */
  locale: ArticleLocale;
  /** what was searched ('' for suggestions) */
  query: string;
}

/** How long a search must stand, finding nothing, before it counts as a knowledge gap (not every half-typed word). */
export const GAP_SETTLE_MS = 2_000;

/** Waits until `value` stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * What the panel shows: with a query, what the agent searched for; without, suggestions from the customer's recent
 * messages on every channel and the reply being written. Re-read when the customer's data changes (a new message, a
 * new article version pulled) and as the agent types.
 */
export function useKnowledge(customerId: string, query: string): { results: KnowledgeResults | null; searching: boolean } {
  const bridge = useBridge();
  const draft = useDebounced(useReplyDraft((s) => s.text), 600);
  const q = useDebounced(query.trim(), 250);
  const caseId = useCustomer((s) => s.selectedCaseId);
  const [results, setResults] = useState<KnowledgeResults | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(
    () =>
      bridge.on('data.changed', (c) => {
        if (c.all || c.customerIds.includes(customerId)) setTick((n) => n + 1);
      }),
    [bridge, customerId],
  );
  useEffect(() => {
    let live = true;
    const call = q
      ? bridge.call('knowledge.search', { text: q, customerId, locale: null })
      : bridge.call('knowledge.suggest', { customerId, caseId, ...(draft.trim() ? { draft: draft.slice(0, 20_000) } : {}) });
    call.then(
      (r) => live && setResults({ articles: r.articles, cases: r.cases, locale: r.locale, query: q }),
      () => live && setResults(null),
    );
    return () => {
      live = false;
    };
  }, [bridge, customerId, caseId, q, draft, tick]);

  // a search that still finds nothing once the agent stopped typing is a knowledge gap for the lead (once per panel)
  const reported = useRef(new Set<string>());
  useEffect(() => {
    if (!q || !results || results.query !== q || results.articles.length > 0 || reported.current.has(q)) return;
    const id = setTimeout(() => {
      reported.current.add(q);
      bridge.call('knowledge.gap', { text: q, customerId, locale: null }).catch(() => undefined);
    }, GAP_SETTLE_MS);
    return () => clearTimeout(id);
  }, [bridge, customerId, q, results]);
  return { results, searching: q !== '' };
}

/** One article in a language, re-read when a new version is pulled. */
export function useArticle(slug: string | null, locale: ArticleLocale): ArticleView | null | 'missing' {
  const bridge = useBridge();
  const [view, setView] = useState<ArticleView | null | 'missing'>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => bridge.on('data.changed', (c) => c.all && setTick((n) => n + 1)), [bridge]);
  useEffect(() => {
    if (!slug) return setView(null);
    let live = true;
    bridge.call('knowledge.article', { slug, locale }).then(
      (v) => live && setView(v),
      () => live && setView('missing'),
    );
    return () => {
      live = false;
    };
  }, [bridge, slug, locale, tick]);
  return view;
}

export function articleUse(a: ArticleView, mode: ArticleUse['mode'], passage?: { id: string; text: string }): ArticleUse {
  return {
    articleId: a.articleId,
    slug: a.slug,
    version: a.version,
    locale: a.locale,
    mode,
    passageId: passage?.id ?? null,
    text: passage ? passage.text : a.text,
  };
}

/** A link to the article on the public help center, as it goes into the reply: its title and address. */
export function articleLink(a: ArticleView, url: string): ArticleUse {
  return { ...articleUse(a, 'link'), text: `${a.title}: ${url}` };
}

/** The `??words` an agent typed at the end of the reply, or null. */
export function shortcutQuery(draft: string): { typed: string; words: string } | null {
  // at the start of a line or after a space, and straight on to a word: a customer's "really?? ok" is not one
  const m = /(?:^|\s)(\?\?(\S[^\n?]{1,79}))$/.exec(draft);
  return m ? { typed: m[1]!, words: m[2]!.trim() } : null;
}

/**
 * The composer's `??` shortcut: `??skin rash` then Enter puts the best article for those words, in the customer's
 * language, in place of what was typed. Returns false when there is no shortcut or no article (the key does its
 * usual thing).
 */
export async function insertByShortcut(bridge: OmnideskBridge, customerId: string, draft: string): Promise<boolean> {
  const sc = shortcutQuery(draft);
  if (!sc || !sc.words) return false;
  const found = await bridge.call('knowledge.search', { text: sc.words, customerId, locale: null });
  const top = found.articles[0];
  if (!top) return false;
  const view = await bridge.call('knowledge.article', { slug: top.slug, locale: found.locale });
  useReplyDraft.getState().replaceWithArticle(sc.typed, articleUse(view, 'article'));
  return true;
}
