import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index';
import { useLanguage } from '../app/hooks';
import { useSession } from '../app/bridge-context';
import { EnumSelect } from '../components/EnumSelect';

/** Run-time language switch; the choice is remembered in localStorage (also as the signed-in agent's own). Option labels stay in their own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const agentId = useSession((s) => s.session?.agent.id ?? null);
  return (
    <EnumSelect
      variant="lang-switch"
      label={t('lang.label')}
      labelHidden
      testId="lang-toggle"
      value={lang}
      options={LANGUAGES}
      optionLabel={(l) => t(`lang.${l}`)}
      optionLang={(l) => l}
      onChange={(l) => {
        if (l !== '') void setLanguage(i18n, l, undefined, agentId);
      }}
    />
  );
}
