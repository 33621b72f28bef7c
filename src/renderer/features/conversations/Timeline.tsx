import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useSync } from '../../kernel/app/bridge-context';
import { useDirectory } from '../directory';
import { useCustomer } from './use-customer';
import { useLanguage } from '../../kernel/app/hooks';
import { PriorityBadge, StatusBadge } from '../../kernel/components/badges';
import { TimelineEntry } from './TimelineEntry';
import { safetyByMessage } from '../safety';
import { TIMELINE_CHANNELS, allHidden, buildRows, deliveryByMessage, quoteSnippet, reactionsByMessage, storedFiles, visibleItems, type TimelineRow } from './timeline-model';
import { markTimelinePainted } from '../../kernel/perf/marks';

/** Generous: a customer's recent history is usually all in the DOM, long histories stay cheap. */
const OVERSCAN = 20;

/**
 * One chronological timeline across channels, oldest at the top, opening at the newest. Virtualized:
 * rows are measured as they render (dynamic heights); the list stays anchored when older items are
 * prepended and follows new items while scrolled to the end.
 */
export function Timeline() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const customerId = useCustomer((s) => s.customerId);
  const view = useCustomer((s) => s.view);
  const items = useCustomer((s) => s.items);
  const filter = useCustomer((s) => s.channelFilter);
  const groupByCase = useCustomer((s) => s.groupByCase);
  const nextBefore = useCustomer((s) => s.nextBefore);
  const loadingOlder = useCustomer((s) => s.loadingOlder);
  const toggleChannel = useCustomer((s) => s.toggleChannel);
  const setGroupByCase = useCustomer((s) => s.setGroupByCase);
  const loadOlder = useCustomer((s) => s.loadOlder);
  const agents = useDirectory((s) => s.agents);
  const syncState = useSync((s) => s.status?.state ?? null);
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.displayName])), [agents]);
  const cases = view?.cases;
  const customerName = view?.customer.name ?? '';

  const rows = useMemo<TimelineRow[]>(
    () => buildRows(visibleItems(items, filter), { groupByCase, cases: cases ?? [] }),
    [items, filter, groupByCase, cases],
  );

  // delivery reports are loaded with the timeline and shown on their message, not as items
  const deliveries = useMemo(() => deliveryByMessage(items), [items]);
  // so are reactions (on the message they react to) and stored media (on their message's part)
  const reactions = useMemo(() => reactionsByMessage(items), [items]);
  const files = useMemo(() => storedFiles(items), [items]);
  const flags = useMemo(() => safetyByMessage(items), [items]);

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggleExpand = useCallback((id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'case' ? 40 : 110),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: OVERSCAN,
    anchorTo: 'end',
    followOnAppend: true,
  });

  // Open at the newest item: when a customer is first shown, and when the grouping changes.
  const shownFor = useRef<string | null>(null);
  useEffect(() => {
    if (!customerId || rows.length === 0) return;
    const k = `${customerId}|${groupByCase}`;
    if (shownFor.current === k) return;
    shownFor.current = k;
    virtualizer.scrollToEnd();
    markTimelinePainted();
  }, [customerId, groupByCase, rows.length, virtualizer]);

  // Jump to an agent's own new item (a reply or note just made here), even when scrolled up.
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    const last = rows[rows.length - 1];
    const key = last ? last.key : null;
    if (key === lastKey.current) return;
    const wasKnown = lastKey.current !== null;
    lastKey.current = key;
    if (wasKnown && last?.type === 'item' && last.item.localState === 'pending') virtualizer.scrollToEnd();
  }, [rows, virtualizer]);

  const jumpTo = useCallback(
    (eventId: string) => {
      const index = rows.findIndex((r) => r.type === 'item' && r.item.event.id === eventId);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    },
    [rows, virtualizer],
  );

  const hidden = allHidden(filter);

  return (
    <section className="timeline-panel" aria-label={t('timeline.title')}>
      <div className="timeline-toolbar">
        <div className="chips" role="group" aria-label={t('timeline.filterLabel')}>
          {TIMELINE_CHANNELS.map((ch) => (
            <button
              key={ch}
              type="button"
              className={`chip channel-${ch}${filter[ch] ? ' on' : ''}`}
              data-testid={`timeline-filter-${ch}`}
              data-channel={ch}
              aria-pressed={filter[ch]}
              onClick={() => toggleChannel(ch)}
            >
              <span className="chip-check" aria-hidden="true">
                {filter[ch] ? '✓' : ''}
              </span>
              {ch === 'internal' ? t('timeline.filterInternal') : t(`channel.${ch}`)}
            </button>
          ))}
        </div>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="group-by-case"
            checked={groupByCase}
            onChange={(e) => setGroupByCase(e.target.checked)}
          />
          {t('timeline.groupByCase')}
        </label>
        {nextBefore !== null && (
          <button
            type="button"
            className="ghost small"
            data-testid="load-older"
            disabled={loadingOlder}
            onClick={() => void loadOlder()}
          >
            {loadingOlder ? t('timeline.loadingOlder') : t('timeline.loadOlder')}
          </button>
        )}
      </div>

      <div
        className="timeline-scroll"
        ref={scrollRef}
        data-testid="timeline"
        data-count={rows.length}
        role="feed"
        aria-busy={loadingOlder}
        aria-label={t('timeline.title')}
        tabIndex={0}
      >
        {rows.length === 0 && <p className="muted timeline-empty">{hidden ? t('timeline.allHidden') : t('timeline.empty')}</p>}
        <div className="timeline-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const row = rows[vi.index];
            if (!row) return null;
            return (
              <div
                key={vi.key}
                data-index={vi.index}
                ref={virtualizer.measureElement}
                className="tl-row"
                style={{ transform: `translateY(${vi.start}px)` }}
              >
                {row.type === 'case' ? (
                  <div className="tl-group-header" data-testid="timeline-group" data-case-id={row.caseId ?? ''}>
                    {row.case ? (
                      <>
                        <PriorityBadge priority={row.case.priority} />
                        <span className="tl-group-subject">{t('timeline.caseHeader', { subject: row.case.subject })}</span>
                        <StatusBadge status={row.case.status} />
                      </>
                    ) : (
                      <span className="tl-group-subject">{t('timeline.noCase')}</span>
                    )}
                    <span className="muted small">{t('timeline.itemCount', { count: row.count })}</span>
                  </div>
                ) : (
                  <TimelineEntry
                    item={row.item}
                    names={names}
                    customerName={customerName}
                    lang={lang}
                    syncState={syncState}
                    expanded={expanded.has(row.item.event.id)}
                    onToggleExpand={toggleExpand}
                    delivery={deliveries.get(row.item.event.id)}
                    reactions={reactions.get(row.item.event.id)}
                    files={files}
                    quote={row.item.event.kind === 'message.received' && row.item.event.meta.quoted ? quoteSnippet(items, row.item.event.meta.quoted.eventId) : null}
                    onJump={jumpTo}
                    safety={flags.get(row.item.event.id)}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
