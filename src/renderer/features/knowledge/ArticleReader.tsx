import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleLocale, ArticleView, FeedbackVerdict } from '../../../shared/features/knowledge';
import { sandboxSrcdoc } from '../../kernel/components/sandbox-doc';
import { useReplyDraft } from '../conversations';
import { articleLink, articleUse } from './use-knowledge';

/** Nothing loads from outside and nothing runs: the article's HTML is sanitized by the core and shown in a sandbox. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const CSS =
  'body{font:13px/1.45 system-ui,sans-serif;margin:8px;color:#1f2328;overflow-wrap:anywhere}' +
  'h1,h2,h3{font-size:14px;margin:12px 0 4px}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 6px}' +
  'aside.kb-controlled{border-left:4px solid #bf8700;background:#fff8c5;padding:4px 8px;margin:8px 0}';

export function articleSrcdoc(html: string): string {
  return sandboxSrcdoc(html, { csp: CSP, css: CSS });
}

/**
 * One article: its language versions, the text in a sandboxed frame, and what can go into the reply: the whole
 * article, or a controlled passage (safety warnings, instructions for use), which goes in whole and read-only.
 */
export function ArticleReader({
  view,
  wanted,
  onLocale,
  onBack,
  onFeedback,
}: {
  view: ArticleView;
  wanted: ArticleLocale;
  onLocale(l: ArticleLocale): void;
  onBack(): void;
  /** records the agent's verdict on this version (a `knowledge.feedback` change, offline too) */
  onFeedback(verdict: FeedbackVerdict, comment: string | null): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [given, setGiven] = useState<FeedbackVerdict | null>(null);
  const [reporting, setReporting] = useState(false);
  const [comment, setComment] = useState('');
  const give = async (verdict: FeedbackVerdict, text: string | null) => {
    if (await onFeedback(verdict, text)) {
      setGiven(verdict);
      setReporting(false);
    }
  };
  const insertArticle = useReplyDraft((s) => s.insertArticle);
  const doc = useMemo(() => articleSrcdoc(view.html), [view.html]);
  return (
    <div className="kb-reader" data-testid="kb-article" data-slug={view.slug} data-locale={view.locale} data-version={view.version}>
      <button type="button" className="link small" data-testid="kb-back" onClick={onBack}>
        ← {t('knowledge.back')}
      </button>
      <h3 className="kb-title">{view.title}</h3>
      <p className="muted small">
        {t('knowledge.version', { version: view.version })} · {t(`lang.${view.locale}`)}
      </p>
      {view.fallback && (
        <p className="hint" role="note" data-testid="kb-fallback">
          {t('knowledge.noTranslation', { language: t(`lang.${wanted}`) })}
        </p>
      )}
      {view.locales.length > 1 && (
        <div className="kb-locales" role="group" aria-label={t('knowledge.languages')}>
          {view.locales.map((l) => (
            <button key={l} type="button" className={l === view.locale ? 'secondary small active' : 'ghost small'} aria-pressed={l === view.locale} data-testid={`kb-locale-${l}`} onClick={() => onLocale(l)}>
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      )}
      <iframe className="kb-frame" data-testid="kb-frame" title={view.title} sandbox="" referrerPolicy="no-referrer" srcDoc={doc} />
      <div className="kb-actions">
        <button type="button" className="primary small" data-testid="kb-insert-article" onClick={() => insertArticle(articleUse(view, 'article'))}>
          {t('knowledge.insertArticle')}
        </button>
        {view.url && (
          <button type="button" className="small" data-testid="kb-insert-link" onClick={() => insertArticle(articleLink(view, view.url!))}>
            {t('knowledge.insertLink')}
          </button>
        )}
      </div>
      <div className="kb-feedback" role="group" aria-label={t('knowledge.feedback.label')} data-testid="kb-feedback">
        {given ? (
          <p className="small muted" role="status" data-testid="kb-feedback-given">
            {t('knowledge.feedback.thanks')}
          </p>
        ) : (
          <>
            <button type="button" className="ghost small" data-testid="kb-helpful" onClick={() => void give('helpful', null)}>
              {t('knowledge.feedback.helpful')}
            </button>
            <button type="button" className="ghost small" data-testid="kb-not-helpful" onClick={() => void give('not_helpful', null)}>
              {t('knowledge.feedback.notHelpful')}
            </button>
            <button type="button" className="ghost small" data-testid="kb-wrong" onClick={() => setReporting(true)}>
              {t('knowledge.feedback.wrong')}
            </button>
          </>
        )}
        {reporting && !given && (
          <div className="kb-actions">
            <input data-testid="kb-wrong-comment" aria-label={t('knowledge.feedback.whatIsWrong')} placeholder={t('knowledge.feedback.whatIsWrong')} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
            <button type="button" className="secondary small" data-testid="kb-wrong-send" disabled={comment.trim() === ''} onClick={() => void give('wrong', comment.trim())}>
              {t('knowledge.feedback.send')}
            </button>
          </div>
        )}
      </div>
      {view.passages.length > 0 && (
        <div className="kb-passages">
          <h4>{t('knowledge.controlled')}</h4>
          {view.passages.map((p) => (
            <div key={p.id} className="kb-passage" data-testid="kb-passage" data-passage={p.id}>
              <p className="small">{p.text}</p>
              <button type="button" className="secondary small" data-testid="kb-insert-passage" onClick={() => insertArticle(articleUse(view, 'passage', p))}>
                {t('knowledge.insertPassage')}
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
