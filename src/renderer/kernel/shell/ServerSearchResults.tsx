import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryCustomer } from '../../../shared/contracts/bridge';
import { useBridge, useNav, useSync } from '../app/bridge-context';
import { errorCodeOf, errorKey } from '../state/errors';

const DEBOUNCE_MS = 350;
const MAX_SHOWN = 10;

/**
 * The server's customer directory under the local search results: the desktop holds only part of the
 * customers (its queues, what the agent touched, the history window), so while online any other customer
 * the agent may see is found here. Opening one fetches it whole into the cache, where it then stays.
 */
export function ServerSearchResults({ q, localIds, onOpened }: { q: string; localIds: ReadonlySet<string>; onOpened: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const online = useSync((s) => s.status?.state === 'online' || s.status?.state === 'syncing');
  const [found, setFound] = useState<DirectoryCustomer[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(() => {
    setFound(null);
    setFailed(false);
    setOpenError(null);
    if (!online || q.length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      bridge
        .call('customer.find', { q: q.slice(0, 200), limit: 50 })
        .then((r) => live && setFound(r))
        .catch(() => live && setFailed(true));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, online, bridge]);

  if (q.length < 2) return null;
  if (!online) {
    return (
      <p className="muted small" data-testid="server-search-offline">
        {t('search.serverOffline')}
      </p>
    );
  }
  if (failed) return <p className="form-error">{t('search.serverFailed')}</p>;
  // only what is not on this desktop: the local results above already show the rest
  const extra = (found ?? []).filter((c) => !c.cached && !localIds.has(c.customerId)).slice(0, MAX_SHOWN);
  if (extra.length === 0 && !openError) return null;

  const open = async (c: DirectoryCustomer) => {
    setOpening(c.customerId);
    setOpenError(null);
    try {
      await bridge.call('customer.open', { customerId: c.customerId });
      onOpened();
      go({ name: 'customer', customerId: c.customerId, caseId: null });
    } catch (err) {
      setOpenError(t('search.openFailed', { reason: t(errorKey(errorCodeOf(err))) }));
    } finally {
      setOpening(null);
    }
  };

  return (
    <div className="server-results" data-testid="server-results">
      <h3 className="muted small">{t('search.onServer')}</h3>
      {openError && (
        <p className="form-error" role="alert">
          {openError}
        </p>
      )}
      <ul>
        {extra.map((c) => (
          <li key={c.customerId}>
            <button
              type="button"
              className="search-result"
              data-testid="server-result"
              data-customer-id={c.customerId}
              disabled={opening !== null}
              onClick={() => void open(c)}
            >
              <span className="search-result-name">{c.name}</span>
              {opening === c.customerId && <span className="muted small">{t('search.opening')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
