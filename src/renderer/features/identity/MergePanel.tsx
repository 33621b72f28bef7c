import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeInfo } from '../../../shared/contracts/bridge';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useNav, useSession } from '../../kernel/app/bridge-context';

/** Merge suggestions for this customer, merges into it (each can be undone), and a note when it was merged away. */
export function MergePanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [info, setInfo] = useState<MergeInfo | null>(null);
  const [busy, setBusy] = useState(false);
  // merge and un-merge are a lead's (src/shared/kernel/permissions): other roles see the suggestions, not the buttons
  const mayMerge = useSession((s) => (s.session ? can(s.session.agent.role, 'customers.merge') : false));

  const load = useCallback(() => {
    bridge.call('customer.mergeInfo', { customerId }).then(setInfo, () => setInfo(null));
  }, [bridge, customerId]);
  useEffect(() => {
    load();
    return bridge.on('data.changed', (c) => {
      if (c.all || c.customerIds.includes(customerId)) load();
    });
  }, [bridge, customerId, load]);

  if (!info || (!info.mergedInto && info.suggestions.length === 0 && info.merges.length === 0)) return null;
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <section className="profile-section merge-panel" data-testid="merge-panel">
      <h2>{t('merge.title')}</h2>
      {info.mergedInto && (
        <p className="small">
          {t('merge.mergedInto')}{' '}
          <button type="button" className="link" onClick={() => go({ name: 'customer', customerId: info.mergedInto as string, caseId: null })}>
            {t('merge.openTarget')}
          </button>
        </p>
      )}
      {info.suggestions.length > 0 && (
        <ul className="plain">
          {info.suggestions.map((s) => (
            <li key={s.customerId} data-testid="merge-suggestion">
              <span>{s.name}</span> <span className="muted small">{t(`merge.reason.${s.reason}`)}</span>{' '}
              {mayMerge && <button type="button" className="small" disabled={busy} data-testid="merge-into-this" onClick={() => void act(() => bridge.call('customer.merge', { sourceId: s.customerId, targetId: customerId }))}>
                {t('merge.mergeIntoThis')}
              </button>}{' '}
              {mayMerge && <button type="button" className="small ghost" disabled={busy} data-testid="merge-dismiss" onClick={() => void act(() => bridge.call('customer.dismissSuggestion', { customerId, candidateId: s.customerId }))}>
                {t('merge.dismiss')}
              </button>}
            </li>
          ))}
        </ul>
      )}
      {info.merges.length > 0 && (
        <ul className="plain">
          {info.merges.map((m) => (
            <li key={m.mergeId} data-testid="merge-done">
              <span className="small">{t('merge.merged', { name: m.sourceName })}</span>{' '}
              {mayMerge && <button type="button" className="small ghost" disabled={busy} data-testid="unmerge" onClick={() => void act(() => bridge.call('customer.unmerge', { mergeId: m.mergeId, customerId }))}>
                {t('merge.undo')}
              </button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
