import { useTranslation } from 'react-i18next';
import type { RegulatoryDeadline as Deadline } from '../../../shared/features/safety/regulatory-clock';
import { useLanguage } from '../../kernel/app/hooks';
import { formatDateTime } from '../../kernel/i18n/format';
import { daysHours, deadlineState } from './regulatory-display';

/** One regulatory deadline: which rule, when, how long is left (or how late), coloured by its state. */
export function RegulatoryDeadline({ d, now, compact = false }: { d: Pick<Deadline, 'rule' | 'dueAt' | 'warnAt' | 'state'>; now: number; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const state = deadlineState(d, now);
  const left = daysHours(d.dueAt, now);
  const counting = state === 'running' || state === 'warning' || state === 'overdue';
  return (
    <span className={`reg-deadline reg-${state}`} data-testid="regulatory-deadline" data-rule={d.rule} data-state={state} title={formatDateTime(d.dueAt, lang)}>
      <strong>{t(`safety.rule.${d.rule}`)}</strong>{' '}
      {counting ? (
        <time dateTime={d.dueAt}>{t(left.past ? 'safety.clock.late' : 'safety.clock.left', { d: left.d, h: left.h })}</time>
      ) : (
        <span>{t(`safety.clock.state.${state}`)}</span>
      )}
      {!compact && <span className="muted small"> · {formatDateTime(d.dueAt, lang)}</span>}
    </span>
  );
}
