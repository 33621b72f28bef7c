import { useTranslation } from 'react-i18next';
import type { MacroListItem } from '../../../shared/features/macros';

/** The macros matching `#…` under the reply box: Enter takes the first, a click any (issue 15). */
export function MacroSuggestions({ matches, onPick }: { matches: readonly MacroListItem[]; onPick(m: MacroListItem): void }) {
  const { t } = useTranslation();
  if (matches.length === 0) {
    return (
      <p className="hint small" data-testid="macro-none">
        {t('macros.none')}
      </p>
    );
  }
  return (
    <ul className="macro-suggestions" role="listbox" aria-label={t('macros.suggestions')} data-testid="macro-suggestions">
      {matches.map((m, i) => (
        <li key={m.id} role="option" aria-selected={i === 0}>
          <button type="button" className="ghost small" data-testid="macro-suggestion" data-shortcut={m.shortcut} onClick={() => onPick(m)}>
            <code>#{m.shortcut}</code> {m.title}
            {m.scope === 'personal' && <span className="muted"> · {t('macros.personal')}</span>}
            {m.setStatus && <span className="muted"> · {t('macros.setsStatus', { status: t(`status.${m.setStatus}`) })}</span>}
            {m.addTags.length > 0 && <span className="muted"> · {t('macros.setsTags', { tags: m.addTags.join(', ') })}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
