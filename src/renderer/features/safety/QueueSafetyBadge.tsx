import { useTranslation } from 'react-i18next';
import type { QueueSafety } from '../../../shared/features/safety/queue';
import { RegulatoryDeadline } from './RegulatoryDeadline';

/** A queue row's safety mark: possible harm, where its review stands, and the regulatory deadline to meet next. */
export function QueueSafetyBadge({ safety, now }: { safety: QueueSafety; now: number }) {
  const { t } = useTranslation();
  const categories = safety.categories.map((c) => t(`safety.category.${c}`)).join(', ');
  return (
    <span className={`queue-safety safety-${safety.standing}`} data-testid="queue-safety" data-standing={safety.standing} title={categories}>
      <span className="tl-safety">{t(`safety.standing.${safety.standing}`)}</span>
      {safety.next && <RegulatoryDeadline d={{ ...safety.next, state: 'running' }} now={now} compact />}
    </span>
  );
}
