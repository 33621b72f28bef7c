import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleLocale, Highlighted } from '../../../shared/features/knowledge';
import { ArticleReader } from './ArticleReader';
import { DraftFromCase } from './DraftFromCase';
import { shortcutQuery, useArticle, useKnowledge } from './use-knowledge';
import { useCustomer, useReplyDraft } from '../conversations';
import { useBridge } from '../../kernel/app/bridge-context';

/** A snippet with the words that matched marked. */
export function Marked({ h }: { h: Highlighted }) {
  const parts: ReactElement[] = [];
  let at = 0;
  [...h.marks]
    .sort((a, b) => a[0] - b[0])
    .forEach(([s, e], i) => {
      if (s < at) return;
      if (s > at) parts.push(<span key={`t${i}`}>{h.text.slice(at, s)}</span>);
      parts.push(<mark key={`m${i}`}>{h.text.slice(s, e)}</mark>);
      at = e;
    });
  parts.push(<span key="rest">{h.text.slice(at)}</span>);
  return <>{parts}</>;
}

/**
 * The knowledge panel beside the timeline (issue 14): articles for this customer (suggested from their messages,
 * their device and language, and the reply being written; or what the agent searches), the most similar solved
 * cases, and the article reader with its insert buttons. Everything is answered by the local cache, offline too.
 */
export function KnowledgePanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const draft = useReplyDraft((s) => s.text);
  const shortcut = shortcutQuery(draft);
  // `??words` typed in the reply searches here too, so the agent sees what Enter will insert
  const effective = query || shortcut?.words || '';
  const { results, searching } = useKnowledge(customerId, effective);
  const [open, setOpen] = useState<{ slug: string; locale: ArticleLocale } | null>(null);
  const view = useArticle(open?.slug ?? null, open?.locale ?? 'en');
  const bridge = useBridge();
  const caseId = useCustomer((s) => s.selectedCaseId);
  const solved = useCustomer((s) => {
    const st = s.view?.cases.find((c) => c.id === s.selectedCaseId)?.status;
    return st === 'resolved' || st === 'closed';
  });
  const [drafting, setDrafting] = useState(false);
  useEffect(() => setOpen(null), [customerId]);
  useEffect(() => setDrafting(false), [customerId, caseId]);

  return (
    <aside className="kb-panel" data-testid="kb-panel" aria-label={t('knowledge.title')}>
      <h2>{t('knowledge.title')}</h2>
      <input
        type="search"
        className="kb-search"
        data-testid="kb-search"
        placeholder={t('knowledge.searchPlaceholder')}
        aria-label={t('knowledge.searchPlaceholder')}
        value={query}
        maxLength={500}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
        }}
      />
      {drafting && caseId ? (
        <DraftFromCase customerId={customerId} caseId={caseId} onDone={() => setDrafting(false)} />
      ) : open && view && view !== 'missing' ? (
        <ArticleReader
          view={view}
          wanted={open.locale}
          onLocale={(l) => setOpen({ slug: open.slug, locale: l })}
          onBack={() => setOpen(null)}
          onFeedback={(verdict, comment) =>
            bridge
              .call('knowledge.feedback', { customerId, caseId, articleId: view.articleId, slug: view.slug, version: view.version, locale: view.locale, verdict, comment })
              .then(
                () => true,
                () => false,
              )
          }
        />
      ) : (
        <>
          {open && view === 'missing' && <p className="form-error">{t('knowledge.missing')}</p>}
          <h3 className="kb-heading">{searching ? t('knowledge.results') : t('knowledge.suggested')}</h3>
          {results === null ? (
            <p className="muted small">{t('knowledge.loading')}</p>
          ) : results.articles.length === 0 ? (
            <p className="muted small" data-testid="kb-none">
              {searching ? t('knowledge.noResults') : t('knowledge.noSuggestions')}
            </p>
          ) : (
            <ol className="kb-list" data-testid="kb-articles">
              {results.articles.map((a) => (
                <li key={a.slug} data-testid="kb-card" data-slug={a.slug} data-locale={a.locale}>
                  <button type="button" className="link kb-card-title" onClick={() => setOpen({ slug: a.slug, locale: results.locale })}>
                    {a.title}
                  </button>
                  {a.fallback && <span className="badge small" title={t('knowledge.noTranslation', { language: t(`lang.${results.locale}`) })}>{t(`lang.${a.locale}`)}</span>}
                  <p className="small muted kb-snippet">
                    <Marked h={a.snippet} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {results && results.cases.length > 0 && (
            <>
              <h3 className="kb-heading">{t('knowledge.similarCases')}</h3>
              <ul className="kb-cases" data-testid="kb-cases">
                {results.cases.map((c) => (
                  <li key={c.caseId} data-testid="kb-case">
                    <strong className="small">{c.subject || t('composer.noSubject')}</strong>
                    <p className="small kb-snippet">
                      <Marked h={c.asked} />
                    </p>
                    {c.resolution && (
                      <p className="small muted">
                        {t('knowledge.resolvedWith')} {c.resolution}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {solved && caseId && (
            <button type="button" className="ghost small" data-testid="kb-draft-open" onClick={() => setDrafting(true)}>
              {t('knowledge.draft.open')}
            </button>
          )}
        </>
      )}
    </aside>
  );
}
