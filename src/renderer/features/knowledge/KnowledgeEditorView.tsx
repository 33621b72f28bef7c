import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleCategory, ArticleStatus, articleId, type Article, type ArticleLocale, type ArticlePut, type ArticleStats, type KnowledgeGap } from '../../../shared/features/knowledge';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { articleSrcdoc } from './ArticleReader';

interface Listed {
  id: string;
  slug: string;
  locale: ArticleLocale;
  title: string;
  status: ArticleStatus;
  version: number;
}

/** The form's text fields; lists are edited as comma-separated text. */
interface Form {
  slug: string;
  locale: ArticleLocale;
  title: string;
  summary: string;
  keywords: string;
  products: string;
  deviceKinds: string;
  firmware: string;
  category: ArticleCategory;
  status: ArticleStatus;
  body: string;
  baseVersion: number;
}

const EMPTY: Form = { slug: '', locale: 'en', title: '', summary: '', keywords: '', products: '', deviceKinds: '', firmware: '*', category: 'setup', status: 'draft', body: '', baseVersion: 0 };
const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
const formOf = (a: Article): Form => ({
  slug: a.slug,
  locale: a.locale,
  title: a.title,
  summary: a.summary,
  keywords: a.keywords.join(', '),
  products: a.products.join(', '),
  deviceKinds: a.deviceKinds.join(', '),
  firmware: a.firmware,
  category: a.category,
  status: a.status,
  body: a.body,
  baseVersion: a.version,
});

/**
 * Writing knowledge articles in the app (issue 14): specialists write drafts and send them for review; leads and
 * admins publish, change what is published and retire. One language version at a time; the Chinese one names its
 * English source. The preview is the article as agents will see it; saving goes to the server, and every desktop
 * pulls the new version at once.
 */
export function KnowledgeEditorView() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const agent = useSession((s) => s.session?.agent ?? null);
  const publisher = agent !== null && can(agent.role, 'knowledge.publish');
  const [articles, setArticles] = useState<Listed[]>([]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [preview, setPreview] = useState<{ html: string; problems: { line: number; reason: string }[] } | null>(null);
  const [saved, setSaved] = useState<{ version: number; changed: boolean } | null>(null);
  const { busy, error, run } = useAction();
  const [stats, setStats] = useState<ReadonlyMap<string, ArticleStats>>(new Map());
  const [gaps, setGaps] = useState<KnowledgeGap[] | null>(null);

  // the lead's view of each language version: uses, verdicts, solved cases; and the searches that found nothing
  // (from the server; none offline)
  useEffect(() => {
    if (!publisher) return;
    bridge.call('knowledge.stats', {}).then(
      (r) => {
        setStats(new Map(r.articles.map((a) => [articleId(a.slug, a.locale), a])));
        setGaps(r.gaps);
      },
      () => undefined,
    );
  }, [bridge, publisher]);

  useEffect(() => {
    const load = () => bridge.call('knowledge.list', {}).then((r) => setArticles(r.articles), () => undefined);
    void load();
    return bridge.on('data.changed', (c) => c.all && void load());
  }, [bridge]);
  const sorted = useMemo(() => [...articles].sort((a, b) => a.slug.localeCompare(b.slug) || a.locale.localeCompare(b.locale)), [articles]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const open = async (id: string) => {
    const a = await run(() => bridge.call('knowledge.source', { id }));
    if (!a) return;
    setForm(formOf(a));
    setPreview(null);
    setSaved(null);
  };
  const id = `${form.slug}.${form.locale}`;
  const check = async () => {
    const p = await run(() => bridge.call('knowledge.preview', { body: form.body }));
    if (p) setPreview(p);
    return p;
  };
  const save = async () => {
    const p = await check();
    if (!p || p.problems.length > 0) return;
    const article: ArticlePut = {
      title: form.title,
      translationOf: form.locale === 'en' ? null : `${form.slug}.en`,
      products: list(form.products),
      deviceKinds: list(form.deviceKinds) as ArticlePut['deviceKinds'],
      firmware: form.firmware,
      category: form.category,
      status: form.status,
      summary: form.summary,
      keywords: list(form.keywords),
      body: form.body,
      baseVersion: form.baseVersion,
    };
    const r = await run(() => bridge.call('knowledge.save', { id, article }));
    if (r) {
      setSaved({ version: r.version, changed: r.changed });
      set('baseVersion', r.version);
    }
  };
  const statuses = publisher ? ArticleStatus.options : (['draft', 'in_review'] as const);

  return (
    <section className="pad knowledge-editor" data-testid="knowledge-editor">
      <h2>{t('knowledge.editor.title')}</h2>
      <div className="kb-editor-grid">
        <div className="kb-editor-side">
          <ul className="kb-editor-list" data-testid="kb-editor-list">
            <li>
              <button type="button" className="ghost small" data-testid="kb-new" onClick={() => (setForm(EMPTY), setPreview(null), setSaved(null))}>
                + {t('knowledge.editor.new')}
              </button>
            </li>
            {sorted.map((a) => (
              <li key={a.id}>
                <button type="button" className={a.id === id ? 'primary small' : 'ghost small'} data-testid="kb-editor-item" data-id={a.id} onClick={() => void open(a.id)}>
                  {a.title}
                </button>{' '}
                <span className="muted small">
                  {a.locale} · v{a.version} · {t(`knowledge.status.${a.status}`)}
                </span>
                {stats.has(a.id) && (
                  <div className="muted small" data-testid="kb-stats" data-id={a.id}>
                    {t('knowledge.stats', {
                      uses: stats.get(a.id)!.uses,
                      helpful: stats.get(a.id)!.helpful,
                      notHelpful: stats.get(a.id)!.notHelpful,
                      wrong: stats.get(a.id)!.wrong,
                      resolved: stats.get(a.id)!.resolvedCases,
                    })}
                  </div>
                )}
              </li>
            ))}
          </ul>
          {gaps && <GapList gaps={gaps} />}
        </div>
        <div className="kb-editor-form">
          <div className="row-buttons">
            <label className="field">
              <span>{t('knowledge.editor.slug')}</span>
              <input data-testid="kb-edit-slug" value={form.slug} maxLength={100} disabled={form.baseVersion > 0} onChange={(e) => set('slug', e.target.value.toLowerCase())} />
            </label>
            <EnumSelect label={t('lang.label')} testId="kb-edit-locale" value={form.locale} options={['en', 'zh-CN'] as const} optionLabel={(l) => t(`lang.${l}`)} disabled={form.baseVersion > 0} onChange={(v) => v && set('locale', v)} />
            <EnumSelect label={t('knowledge.editor.status')} testId="kb-edit-status" value={form.status} options={statuses} optionLabel={(s) => t(`knowledge.status.${s}`)} onChange={(v) => v && set('status', v)} />
            <EnumSelect label={t('knowledge.editor.category')} testId="kb-edit-category" value={form.category} options={ArticleCategory.options} optionLabel={(c) => c} onChange={(v) => v && set('category', v)} />
          </div>
          <label className="field">
            <span>{t('knowledge.editor.titleField')}</span>
            <input data-testid="kb-edit-title" value={form.title} maxLength={300} onChange={(e) => set('title', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('knowledge.editor.summary')}</span>
            <input data-testid="kb-edit-summary" value={form.summary} maxLength={1000} onChange={(e) => set('summary', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('knowledge.editor.products')}</span>
            <input data-testid="kb-edit-products" value={form.products} onChange={(e) => set('products', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('knowledge.editor.keywords')}</span>
            <input data-testid="kb-edit-keywords" value={form.keywords} onChange={(e) => set('keywords', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('knowledge.editor.body')}</span>
            <textarea data-testid="kb-edit-body" className="mono" rows={16} spellCheck={false} value={form.body} maxLength={200_000} onChange={(e) => set('body', e.target.value)} />
          </label>
          <div className="row-buttons">
            <button type="button" data-testid="kb-edit-preview" disabled={busy || form.body === ''} onClick={() => void check()}>
              {t('knowledge.editor.preview')}
            </button>
            <button type="button" className="primary" data-testid="kb-edit-save" disabled={busy || form.slug === '' || form.title === ''} onClick={() => void save()}>
              {form.status === 'published' ? t('knowledge.editor.publish') : t('knowledge.editor.save')}
            </button>
          </div>
          {saved && (
            <p role="status" data-testid="kb-edit-saved">
              {saved.changed ? t('knowledge.editor.saved', { version: saved.version }) : t('knowledge.editor.unchanged')}
            </p>
          )}
          {preview && preview.problems.length > 0 && (
            <ul className="form-error" role="alert" data-testid="kb-edit-problems">
              {preview.problems.map((p, i) => (
                <li key={i}>
                  {t('knowledge.editor.line', { line: p.line })}: {p.reason}
                </li>
              ))}
            </ul>
          )}
          {preview && <iframe className="kb-frame" data-testid="kb-edit-frame" title={t('knowledge.editor.preview')} sandbox="" srcDoc={articleSrcdoc(preview.html)} />}
          {error && (
            <p className="form-error" role="alert" data-testid="kb-edit-error">
              {t(errorKey(error))}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

/** Knowledge gaps (issue 14): per language, what agents searched for that found no article, most searched first. */
function GapList({ gaps }: { gaps: readonly KnowledgeGap[] }) {
  const { t } = useTranslation();
  return (
    <section className="kb-gaps" data-testid="kb-gaps" aria-label={t('knowledge.gaps.title')}>
      <h3 className="kb-heading">{t('knowledge.gaps.title')}</h3>
      {(['en', 'zh-CN'] as const).map((locale) => {
        const mine = gaps.filter((g) => g.locale === locale);
        return (
          <div key={locale} data-testid="kb-gaps-locale" data-locale={locale}>
            <h4 className="small">{t(`lang.${locale}`)}</h4>
            {mine.length === 0 ? (
              <p className="muted small">{t('knowledge.gaps.none')}</p>
            ) : (
              <ol className="small">
                {mine.map((g) => (
                  <li key={g.query} data-testid="kb-gap">
                    <q>{g.query}</q> <span className="muted">{t('knowledge.gaps.count', { searches: g.searches, agents: g.agents })}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </section>
  );
}
