import { useTranslation } from 'react-i18next';
import { LANGUAGES, isAppLanguage, setLanguage } from '../i18n/index';
import { useLanguage } from '../app/hooks';

/** Run-time language switch; the choice is remembered in localStorage. Option labels stay in their own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('lang.label')}</span>
      <select
        data-testid="lang-toggle"
        aria-label={t('lang.label')}
        value={lang}
        onChange={(e) => {
          if (isAppLanguage(e.target.value)) void setLanguage(i18n, e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
