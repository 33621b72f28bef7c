import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/contracts/bridge';
import { useSync } from '../../app/bridge-context';
import { useLanguage } from '../../app/hooks';
import { formatDateTime } from '../../i18n/format';

/** Always-visible sync state and the number of own changes waiting (DESIGN.md: offline must be obvious). */
export function SyncIndicator() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const status = useSync((s) => s.status);
  const state: SyncState = status?.state ?? 'connecting';
  const pending = status?.pending ?? 0;
  const rejected = status?.rejected ?? 0;
  const last = status?.lastSyncedAt
    ? t('sync.lastSynced', { time: formatDateTime(status.lastSyncedAt, lang) })
    : t('sync.neverSynced');
  return (
    <div
      className={`sync-indicator sync-${state}`}
      data-testid="sync-indicator"
      data-state={state}
      role="status"
      aria-live="polite"
      title={last}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{t(`sync.state.${state}`)}</span>
      <span className={`sync-count${pending > 0 ? ' has-pending' : ''}`} title={t('sync.pending')}>
        <span className="sr-only">{t('sync.pending')}: </span>
        <span data-testid="sync-pending">{pending}</span>
      </span>
      {rejected > 0 && (
        <span className="sync-rejected" data-testid="sync-rejected" title={t('sync.rejected')}>
          {t('sync.rejected')}: {rejected}
        </span>
      )}
    </div>
  );
}
