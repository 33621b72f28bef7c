import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleCategory, type DraftArticle } from '../../../shared/features/knowledge';
import { useBridge } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * "Create an article from this case" (issue 14): on a solved case, the panel offers a draft written from it — its
 * subject, what the customer asked and the replies that solved it, personal details taken out — for the agent to
 * edit and send into the review queue. A change like a note: recorded offline too, sent with the next sync; a lead
 * or an admin publishes it.
 */
export function DraftFromCase({ customerId, caseId, onDone }: { customerId: string; caseId: string; onDone(): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [draft, setDraft] = useState<DraftArticle | null>(null);
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => {
    let live = true;
    bridge.call('knowledge.proposal', { caseId }).then(
      (d) => live && setDraft(d),
      () => live && setDraft(null),
    );
    return () => {
      live = false;
    };
  }, [bridge, caseId]);
  if (sent) {
    return (
      <div className="kb-draft" data-testid="kb-draft">
        <p role="status" data-testid="kb-draft-sent">
          {t('knowledge.draft.sent')}
        </p>
        <button type="button" className="ghost small" data-testid="kb-draft-done" onClick={onDone}>
          {t('knowledge.back')}
        </button>
      </div>
    );
  }
  if (!draft) return <p className="muted small">{t('knowledge.loading')}</p>;
  const set = <K extends keyof DraftArticle>(k: K, v: DraftArticle[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const send = async () => {
    const r = await run(() => bridge.call('knowledge.draft', { customerId, caseId, article: { ...draft, title: draft.title.trim(), summary: draft.summary.trim(), body: draft.body.trim() } }));
    if (r) setSent(true);
  };
  return (
    <form
      className="kb-draft"
      data-testid="kb-draft"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 className="kb-heading">{t('knowledge.draft.title')}</h3>
      <p className="muted small">{t('knowledge.draft.hint', { language: t(`lang.${draft.locale}`) })}</p>
      <label className="field">
        <span>{t('knowledge.editor.titleField')}</span>
        <input data-testid="kb-draft-title" value={draft.title} maxLength={300} required onChange={(e) => set('title', e.target.value)} />
      </label>
      <EnumSelect label={t('knowledge.editor.category')} testId="kb-draft-category" value={draft.category} options={ArticleCategory.options} optionLabel={(c) => c} onChange={(v) => v && set('category', v)} />
      <label className="field">
        <span>{t('knowledge.editor.summary')}</span>
        <input data-testid="kb-draft-summary" value={draft.summary} maxLength={1000} onChange={(e) => set('summary', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('knowledge.editor.body')}</span>
        <textarea data-testid="kb-draft-body" className="mono" rows={12} value={draft.body} maxLength={20_000} required onChange={(e) => set('body', e.target.value)} />
      </label>
      <div className="row-buttons">
        <button type="submit" className="primary small" data-testid="kb-draft-send" disabled={busy || !draft.title.trim() || !draft.body.trim()}>
          {t('knowledge.draft.send')}
        </button>
        <button type="button" className="ghost small" onClick={onDone}>
          {t('knowledge.draft.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="kb-draft-error">
          {t(errorKey(error))}
        </p>
      )}
    </form>
  );
}
