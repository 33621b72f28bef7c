import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

interface Doc {
  name: string;
  source: string;
  revision: number;
  rules: number;
  scripts: number;
}
type Preview = { errors: { file: string; line: number; reason: string }[]; rules: number; scripts: number; mood: string; asks: string[]; fires: { ruleId: string; detail: string | null }[] };

/**
 * Admins edit escalation rules and scripts (issue 13): one file at a time, as YAML or JSON, with a preview that
 * validates it together with the other files (file, line and reason for each problem) and shows which rules a
 * sample customer message would fire. Saving writes a new revision on the server; every desktop pulls it.
 */
export function EscalationSettingsView() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [docs, setDocs] = useState<Doc[]>([]);
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [sample, setSample] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    const load = () => bridge.call('escalation.documents', {}).then((r) => setDocs(r.documents), () => undefined);
    void load();
    return bridge.on('data.changed', () => void load());
  }, [bridge]);
  const pick = (d: Doc) => {
    setName(d.name);
    setSource(d.source);
    setPreview(null);
    setSaved(null);
  };
  const check = () => run(() => bridge.call('escalation.preview', { name, source, sample })).then((p) => p && setPreview(p));
  // a save validates first, so the admin reads file, line and reason here rather than a bare refusal from the server
  const save = async () => {
    const p = await run(() => bridge.call('escalation.preview', { name, source, sample }));
    if (!p) return;
    setPreview(p);
    if (p.errors.length > 0) return;
    const r = await run(() => bridge.call('escalation.saveDocument', { name, source }));
    if (r) setSaved(r.revision);
  };
  return (
    <section className="pad escalation-settings" data-testid="escalation-settings">
      <h2>{t('escalation.settings.title')}</h2>
      <ul className="escalation-docs">
        {docs.map((d) => (
          <li key={d.name}>
            <button type="button" className={d.name === name ? 'primary' : 'ghost'} data-testid="escalation-doc" data-name={d.name} onClick={() => pick(d)}>
              {d.name}
            </button>{' '}
            <span className="muted small">{t('escalation.settings.docLine', { revision: d.revision, rules: d.rules, scripts: d.scripts })}</span>
          </li>
        ))}
      </ul>
      <label className="field">
        <span>{t('escalation.settings.name')}</span>
        <input data-testid="escalation-doc-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('escalation.settings.source')}</span>
        <textarea data-testid="escalation-doc-source" className="mono" rows={18} spellCheck={false} value={source} onChange={(e) => setSource(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('escalation.settings.sample')}</span>
        <input data-testid="escalation-sample" value={sample} maxLength={10_000} onChange={(e) => setSample(e.target.value)} />
      </label>
      <div className="row-buttons">
        <button type="button" data-testid="escalation-preview" disabled={busy || name === '' || source === ''} onClick={() => void check()}>
          {t('escalation.settings.preview')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="escalation-save"
          disabled={busy || name === '' || source === '' || (preview !== null && preview.errors.length > 0)}
          onClick={() => void save()}
        >
          {t('escalation.settings.save')}
        </button>
      </div>
      {saved !== null && (
        <p role="status" data-testid="escalation-saved">
          {t('escalation.settings.saved', { revision: saved })}
        </p>
      )}
      {preview && preview.errors.length > 0 && (
        <ul className="form-error" role="alert" data-testid="escalation-errors">
          {preview.errors.map((e, i) => (
            <li key={i}>
              {e.file}:{e.line}: {e.reason}
            </li>
          ))}
        </ul>
      )}
      {preview && preview.errors.length === 0 && (
        <div data-testid="escalation-preview-result">
          <p>{t('escalation.settings.valid', { rules: preview.rules, scripts: preview.scripts })}</p>
          {sample && (
            <p>
              {t('escalation.settings.sampleReads', { mood: t(`escalation.mood.${preview.mood}`), asks: preview.asks.join(', ') || '—' })}{' '}
              <span data-testid="escalation-fires">{preview.fires.map((f) => f.ruleId + (f.detail ? ` (${f.detail})` : '')).join(', ') || t('escalation.settings.firesNothing')}</span>
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="escalation-settings-error">
          {t(errorKey(error))}
        </p>
      )}
    </section>
  );
}
