import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SurveyChannel, type SurveySettingsResponse, type TeamSurveySettings } from '../../../shared/features/surveys';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useSaveAction } from '../../kernel/state/use-action';
import { settingsForm, teamSettingsFrom, type SettingsForm } from './quality-model';

/**
 * An admin's survey rules for one team (issue 18): the delay after a resolve (and per channel), how long answers are
 * accepted, the cooldown between two surveys to one customer, the channels used. A field left empty keeps the default.
 */
export function SurveySettingsPanel({ teamId, teamName }: { teamId: string; teamName: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [data, setData] = useState<SurveySettingsResponse | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const { busy, error, saved, run } = useSaveAction();
  useEffect(() => {
    let live = true;
    void bridge.call('surveys.settings', {}).then(
      (r) => {
        if (!live) return;
        setData(r);
        setForm(settingsForm(r.teams.find((x) => x.teamId === teamId)?.settings ?? null));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [bridge, teamId]);
  if (!data || !form) return null;
  const parsed = teamSettingsFrom(form);
  const save = (settings: TeamSurveySettings) =>
    run(async () => {
      const r = await bridge.call('surveys.setTeamSettings', { teamId, settings });
      setData(r);
      setForm(settingsForm(r.teams.find((x) => x.teamId === teamId)?.settings ?? null));
    });
  const num = (key: 'delayHours' | 'acceptDays' | 'cooldownDays', placeholder: number) => (
    <label className="field" key={key}>
      {t(`surveys.settings.${key}`)}
      <input type="number" min={0} data-testid={`survey-setting-${key}`} placeholder={String(placeholder)} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section className="survey-settings" data-testid="survey-settings" aria-labelledby="survey-settings-title">
      <h2 id="survey-settings-title">{t('surveys.settings.title', { team: teamName })}</h2>
      <p className="muted small">{t('surveys.settings.hint')}</p>
      <div className="weights-form">
        {num('delayHours', data.defaults.delayHours)}
        {num('acceptDays', data.defaults.acceptDays)}
        {num('cooldownDays', data.defaults.cooldownDays)}
      </div>
      <fieldset>
        <legend>{t('surveys.settings.channels')}</legend>
        {SurveyChannel.options.map((c) => (
          <span key={c} className="channel-setting">
            <label className="checkbox">
              <input type="checkbox" data-testid={`survey-channel-${c}`} checked={form.channels.includes(c)} onChange={(e) => setForm({ ...form, channels: e.target.checked ? [...form.channels, c] : form.channels.filter((x) => x !== c) })} />
              {t(`channel.${c}`)}
            </label>
            <label className="field">
              {t('surveys.settings.channelDelay', { channel: t(`channel.${c}`) })}
              <input type="number" min={0} data-testid={`survey-channel-delay-${c}`} value={form.channelDelayHours[c]} onChange={(e) => setForm({ ...form, channelDelayHours: { ...form.channelDelayHours, [c]: e.target.value } })} />
            </label>
          </span>
        ))}
      </fieldset>
      {!parsed && (
        <p role="alert" className="form-error" data-testid="survey-settings-invalid">
          {t('surveys.settings.invalid')}
        </p>
      )}
      <button type="button" data-testid="survey-settings-save" disabled={busy || !parsed} onClick={() => parsed && void save(parsed)}>
        {t('surveys.settings.save')}
      </button>
      <button type="button" className="secondary" data-testid="survey-settings-reset" disabled={busy} onClick={() => void save({})}>
        {t('surveys.settings.reset')}
      </button>
      {saved && <p role="status">{t('surveys.settings.saved')}</p>}
      {error && (
        <p role="alert" className="form-error">
          {t(errorKey(error))}
        </p>
      )}
    </section>
  );
}
