import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACEHOLDERS, type MacroListItem, type Signature } from '../../../shared/features/macros';
import { CaseStatus } from '../../../shared/kernel/case';
import { newId } from '../../../shared/kernel/ids';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { errorKey } from '../../kernel/state/errors';
import { useSaveAction } from '../../kernel/state/use-action';
import { useDirectory } from '../directory';
import { emptyForm, formOf, putOf, withSaved, without, type MacroForm } from './macro-form';

/**
 * The agent's reply tools (issue 15): their signature in both languages, the canned replies they can use, and an
 * editor for their own (and, for a lead or an admin, their teams'). Saving needs the server; using works offline.
 */
export function MacrosView() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const me = useSession((s) => s.session?.agent ?? null);
  const teams = useDirectory((s) => s.teams);
  const [macros, setMacros] = useState<MacroListItem[]>([]);
  const [signature, setSignature] = useState<Signature | null>(null);
  const [form, setForm] = useState<MacroForm | null>(null);
  const { error, saved, run } = useSaveAction();

  const reload = useCallback(() => {
    bridge.call('macros.list', {}).then((r) => setMacros(r.macros), () => setMacros([]));
  }, [bridge]);
  useEffect(() => {
    reload();
    bridge.call('macros.signature', {}).then(setSignature, () => setSignature(null));
  }, [bridge, reload]);

  if (!me) return null;
  const leadsTeams = me.role === 'admin' ? teams : me.role === 'lead' ? teams.filter((x) => me.teamIds.includes(x.id)) : [];

  return (
    <section className="settings-view macros-view" data-testid="macros-view" aria-labelledby="macros-title">
      <h1 id="macros-title">{t('macros.title')}</h1>
      {signature && (
        <form
          className="macros-signature"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => setSignature(await bridge.call('macros.saveSignature', { en: signature.en, zh: signature.zh })));
          }}
        >
          <h2>{t('macros.signature')}</h2>
          <label className="field">
            <span>{t('macros.signatureEn')}</span>
            <textarea data-testid="signature-en" rows={2} maxLength={1000} value={signature.en} onChange={(e) => setSignature({ ...signature, en: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('macros.signatureZh')}</span>
            <textarea data-testid="signature-zh" rows={2} maxLength={1000} value={signature.zh} onChange={(e) => setSignature({ ...signature, zh: e.target.value })} />
          </label>
          <button type="submit" className="secondary" data-testid="signature-save">
            {t('macros.saveSignature')}
          </button>
        </form>
      )}

      <h2>{t('macros.list')}</h2>
      <ul className="macros-list" data-testid="macros-list">
        {macros.map((m) => (
          <li key={m.id} data-testid="macros-item" data-shortcut={m.shortcut}>
            <code>#{m.shortcut}</code> {m.title} <span className="muted">· {m.scope === 'personal' ? t('macros.personal') : t('macros.team')} · {m.languages.join(' / ')}</span>
            {m.editable && (
              <button type="button" className="ghost small" data-testid="macros-edit" onClick={() => void bridge.call('macros.get', { id: m.id }).then((x) => setForm(formOf(x)))}>
                {t('macros.edit')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="macros-actions">
        <button type="button" className="secondary" data-testid="macros-new-personal" onClick={() => setForm(emptyForm('personal', null))}>
          {t('macros.newPersonal')}
        </button>
        {leadsTeams.length > 0 && (
          <button type="button" className="secondary" data-testid="macros-new-team" onClick={() => setForm(emptyForm('team', leadsTeams[0]!.id))}>
            {t('macros.newTeam')}
          </button>
        )}
      </div>

      {form && (
        <form
          className="macros-form"
          data-testid="macros-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const saved = await bridge.call('macros.save', { id: form.id ?? newId(), macro: putOf(form) });
              setForm(null);
              setMacros((list) => withSaved(list, saved));
            });
          }}
        >
          {form.scope === 'team' && (
            <ChoiceSelect label={t('macros.form.teamLabel')} testId="macros-team" value={form.teamId ?? ''} choices={leadsTeams.map((x) => ({ value: x.id, label: x.name }))} onChange={(v) => setForm({ ...form, teamId: v || null })} />
          )}
          <label className="field">
            <span>{t('macros.form.title')}</span>
            <input data-testid="macros-title" required maxLength={120} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('macros.form.shortcut')}</span>
            <input data-testid="macros-shortcut" required maxLength={41} pattern="#?[\p{L}\p{N}_\-]{1,40}" value={form.shortcut} onChange={(e) => setForm({ ...form, shortcut: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('macros.form.textEn')}</span>
            <textarea data-testid="macros-en" rows={4} maxLength={5000} value={form.en} onChange={(e) => setForm({ ...form, en: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('macros.form.textZh')}</span>
            <textarea data-testid="macros-zh" rows={4} maxLength={5000} value={form.zh} onChange={(e) => setForm({ ...form, zh: e.target.value })} />
          </label>
          <p className="hint small">{t('macros.form.placeholders', { list: PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') })}</p>
          <ChoiceSelect
            label={t('macros.form.status')}
            testId="macros-status"
            value={form.setStatus}
            emptyLabel={t('macros.form.statusNone')}
            choices={CaseStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={(v) => setForm({ ...form, setStatus: v })}
          />
          <label className="field">
            <span>{t('macros.form.tags')}</span>
            <input data-testid="macros-tags" maxLength={400} placeholder={t('macros.form.tagsHint')} value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
          </label>
          <div className="macros-actions">
            <button type="submit" className="primary" data-testid="macros-save">
              {t('macros.form.save')}
            </button>
            {form.id && (
              <button
                type="button"
                className="secondary"
                data-testid="macros-delete"
                onClick={() =>
                  void run(async () => {
                    const id = form.id!;
                    await bridge.call('macros.delete', { id });
                    setForm(null);
                    setMacros((list) => without(list, id));
                  })
                }
              >
                {t('macros.form.delete')}
              </button>
            )}
            <button type="button" className="ghost" onClick={() => setForm(null)}>
              {t('macros.form.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="macros-error">
          {error === 'UNAVAILABLE' ? t('macros.offline') : t(errorKey(error))}
        </p>
      )}
      {saved && !error && (
        <p className="hint" role="status" data-testid="macros-saved">
          {t('macros.saved')}
        </p>
      )}
    </section>
  );
}
