import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/contracts/bridge';
import { useBridge, useNav } from '../app/bridge-context';
import { useLanguage } from '../app/hooks';
import { formatDateTime } from '../i18n/format';
import { ServerSearchResults } from './ServerSearchResults';

const DEBOUNCE_MS = 250;

/** What the key event is typed into: a field, where `/` is a character and not the search shortcut. */
interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
}

/**
 * The search shortcut (issue 15): Ctrl+K (⌘K on macOS) anywhere, or `/` when the agent is not typing in a field
 * (a reply with a `/` in it stays a reply).
 */
export function isSearchShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: KeyTarget | null }): boolean {
  if (e.altKey) return false;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return true;
  if (e.key !== '/' || e.ctrlKey || e.metaKey) return false;
  const tag = e.target?.tagName?.toUpperCase() ?? '';
  return !(tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target?.isContentEditable === true);
}

/**
 * Global search (in the header, so it works from any view): search.query over the local cache, offline too;
 * a result opens the customer. Below it, while online, the server's directory for customers not on this desktop.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const go = useNav((s) => s.go);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(true);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchShortcut({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as KeyTarget | null })) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Results follow the cache: new data (a sync, a new customer from a channel) re-runs the open query.
  const [dataVersion, setDataVersion] = useState(0);
  const hasQuery = q.trim() !== '';
  useEffect(() => {
    if (!hasQuery) return;
    return bridge.on('data.changed', () => setDataVersion((v) => v + 1));
  }, [bridge, hasQuery]);

  useEffect(() => {
    const query = q.trim();
    const mine = ++seq.current;
    if (!query) {
      setHits(null);
      setBusy(false);
      setFailed(false);
      return;
    }
    setBusy(true);
    const timer = setTimeout(() => {
      bridge
        .call('search.query', { q: query.slice(0, 200), limit: 20 })
        .then((r) => {
          if (mine !== seq.current) return;
          setHits(r);
          setFailed(false);
        })
        .catch(() => {
          if (mine !== seq.current) return;
          setHits([]);
          setFailed(true);
        })
        .finally(() => {
          if (mine === seq.current) setBusy(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, bridge, dataVersion]);

  return (
    <div
      className="search-box"
      role="search"
      onFocus={() => setOpen(true)}
      onBlur={(e) => {
        // close when focus leaves the box (results are inside it, so clicking one keeps it open)
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label className="sr-only" htmlFor="queue-search">
        {t('search.label')}
      </label>
      <input
        id="queue-search"
        ref={input}
        aria-keyshortcuts="Control+K /"
        data-testid="search-input"
        type="search"
        placeholder={t('search.placeholder')}
        maxLength={200}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQ('');
        }}
        // only while the results exist: a reference to a missing element is invalid ARIA (axe, issue 15)
        {...(open && q.trim() !== '' ? { 'aria-controls': 'search-results' } : {})}
        autoComplete="off"
      />
      {open && q.trim() !== '' && (
        <div className="search-results" id="search-results" aria-label={t('search.results')} aria-busy={busy}>
          {busy && hits === null && <p className="muted">{t('search.searching')}</p>}
          {failed && <p className="form-error">{t('search.failed')}</p>}
          {!failed && hits !== null && hits.length === 0 && !busy && (
            <p className="muted" data-testid="search-empty">
              {t('search.noResults')}
            </p>
          )}
          {hits !== null && hits.length > 0 && (
            <ul>
              {hits.map((h, i) => (
                <li key={`${h.customerId}:${h.eventId ?? h.caseId ?? ''}:${i}`}>
                  <button
                    type="button"
                    className="search-result"
                    data-testid="search-result"
                    data-customer-id={h.customerId}
                    data-case-id={h.caseId ?? ''}
                    onClick={() => {
                      setQ('');
                      go({ name: 'customer', customerId: h.customerId, caseId: h.caseId });
                    }}
                  >
                    <span className="search-result-name">{h.customerName}</span>
                    {h.occurredAt && <span className="muted small">{formatDateTime(h.occurredAt, lang)}</span>}
                    <span className="search-result-snippet">{h.snippet}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {hits !== null && (
            <ServerSearchResults q={q.trim()} localIds={new Set((hits ?? []).map((h) => h.customerId))} onOpened={() => setQ('')} />
          )}
        </div>
      )}
    </div>
  );
}
