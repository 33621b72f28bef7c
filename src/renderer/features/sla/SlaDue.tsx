import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contracts/bridge';
import { useLanguage } from '../../kernel/app/hooks';
import { formatCompact, formatDateTime, formatRelative } from '../../kernel/i18n/format';
import { firstResponseState } from './first-response';

/** First-response due time with its state: overdue in red, due soon in amber, responded muted. */
export function FirstResponseDue({
  row,
  now,
}: {
  row: Pick<QueueRow, 'status' | 'firstRespondedAt' | 'firstResponseDueAt'>;
  now: number;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const state = firstResponseState(row, now);
  const when = formatCompact(row.firstResponseDueAt, lang, now);
  const title = formatDateTime(row.firstResponseDueAt, lang);
  if (state === 'responded') {
    return (
      <span className="sla sla-responded" data-sla={state} title={title}>
        ✓ {t('sla.responded')}
      </span>
    );
  }
  if (state === 'not_running') {
    return (
      <span className="sla sla-not-running" data-sla={state} title={title}>
        {t('sla.closed')}
      </span>
    );
  }
  return (
    <span className={`sla sla-${state}`} data-sla={state} title={title}>
      {state === 'overdue' && <strong className="sla-flag">{t('sla.overdue')}</strong>}
      {state === 'due_soon' && <strong className="sla-flag">{t('sla.dueSoon')}</strong>}
      <span>{when}</span>
      <span className="sla-rel">{formatRelative(row.firstResponseDueAt, now, lang)}</span>
    </span>
  );
}
