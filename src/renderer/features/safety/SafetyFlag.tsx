import { useTranslation } from 'react-i18next';
import { highlightSegments, type SafetyFlagInfo } from './flag-model';

/** The flag on a message that reports possible harm: what kind, said so it cannot be missed (and read out). */
export function SafetyFlagBadge({ flag }: { flag: SafetyFlagInfo }) {
  const { t } = useTranslation();
  const categories = flag.categories.map((c) => t(`safety.category.${c}`)).join(', ');
  return (
    <span className="tl-safety" role="note" data-testid="timeline-safety" data-categories={flag.categories.join(' ')}>
      {t('safety.flag', { categories })}
    </span>
  );
}

/** A body with the words that made the flag highlighted (text only: customer input is never HTML here). */
export function HighlightedBody({ body, flag }: { body: string; flag: SafetyFlagInfo }) {
  const { t } = useTranslation();
  return (
    <>
      {highlightSegments(body, flag.evidence).map((s, i) =>
        s.mark ? (
          <mark key={i} className="safety-evidence" data-testid="safety-evidence" title={t(`safety.category.${s.mark}`)}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
