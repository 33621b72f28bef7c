import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RejectedChange, SyncState } from '../../../shared/contracts/bridge';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { useBridge, useSync } from '../app/bridge-context';
import { errorCodeOf, errorKey } from '../state/errors';
import { useLanguage } from '../app/hooks';
import { formatDateTime } from '../i18n/format';

/** Always-visible sync state and the number of own changes waiting (DESIGN.md: offline must be obvious). */
export function SyncIndicator() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const status = useSync((s) => s.status);
  const state: SyncState = status?.state ?? 'connecting';
  const pending = status?.pending ?? 0;
  const rejected = status?.rejected ?? 0;
  const [open, setOpen] = useState(false);
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
        <button
          type="button"
          className="sync-rejected"
          data-testid="sync-rejected"
          title={t('sync.showRejected')}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {t('sync.rejected')}: {rejected}
        </button>
      )}
      {open && rejected > 0 && <RejectedList count={rejected} />}
    </div>
  );
}

const CHANGE_KEYS = {
  'reply.send': 'sync.changes.reply_send',
  'note.add': 'sync.changes.note_add',
  'case.setStatus': 'sync.changes.case_setStatus',
  'case.assign': 'sync.changes.case_assign',
  'case.setPriority': 'sync.changes.case_setPriority',
  'customer.update': 'sync.changes.customer_update',
} as const;

function changeKey(name: string) {
  return (CHANGE_KEYS as Record<string, (typeof CHANGE_KEYS)[keyof typeof CHANGE_KEYS]>)[name] ?? 'sync.changes.other';
}

/**
 * Every change the server refused, also those the timeline does not show (customer edits): what, why, and
 * the agent's way out (redo as a new change, or discard). Reloaded whenever the refused count changes.
 */
function RejectedList({ count }: { count: number }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [items, setItems] = useState<RejectedChange[]>([]);
  const [failed, setFailed] = useState<{ id: string; code: ErrorCode } | null>(null);
  useEffect(() => {
    let live = true;
    bridge.call('sync.rejected', {}).then(
      (r) => live && setItems(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [bridge, count]);
  const act = (method: 'sync.redo' | 'sync.discard', eventId: string) => {
    setFailed(null);
    bridge.call(method, { eventId }).then(
      () => setItems((list) => list.filter((i) => i.eventId !== eventId)),
      (err: unknown) => setFailed({ id: eventId, code: errorCodeOf(err) }),
    );
  };
  return (
    <div className="sync-rejected-list" data-testid="sync-rejected-list" role="dialog" aria-label={t('sync.rejectedTitle')}>
      <strong>{t('sync.rejectedTitle')}</strong>
      <ul>
        {items.map((i) => (
          <li key={i.eventId} data-testid="sync-rejected-item" data-event-id={i.eventId} data-code={i.error.code}>
            <span>{t(changeKey(i.name))}</span>: <span>{t(errorKey(i.error.code))}</span>{' '}
            <button type="button" className="link small" data-testid="sync-rejected-redo" onClick={() => act('sync.redo', i.eventId)}>
              {t('timeline.redo')}
            </button>{' '}
            <button type="button" className="link small" data-testid="sync-rejected-discard" onClick={() => act('sync.discard', i.eventId)}>
              {t('timeline.discard')}
            </button>
            {failed?.id === i.eventId && <span className="tl-redo-failed"> {t('timeline.redoFailed', { reason: t(errorKey(failed.code)) })}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
