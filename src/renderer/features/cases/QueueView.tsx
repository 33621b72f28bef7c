import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import type { QueueRow } from '../../../shared/contracts/bridge';
import { CaseStatus, Priority } from '../../../shared/kernel/case';
import { CHANNELS } from '../../../shared/kernel/primitives';
import { useNav, useSession } from '../../kernel/app/bridge-context';
import { useDirectory } from '../directory';
import { useQueue } from './use-queue';
import { useLanguage, useNow } from '../../kernel/app/hooks';
import { ChannelBadge, PriorityBadge, StatusBadge, VipBadge } from '../../kernel/components/badges';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { caseDisplay, SlaDueCell } from '../sla';
import { QueueSafetyBadge } from '../safety';
import { errorKey } from '../../kernel/state/errors';
import { formatCompact, formatDateTime } from '../../kernel/i18n/format';
import {
  PRIORITY_RANK,
  STATUS_RANK,
  filterQueue,
  SLA_FILTERS,
  SAFETY_FILTERS,
  HANDOFF_FILTERS,
  hasActiveFilter,
  parseFilterValue,
  QUEUE_VIEWS,
  activeView,
  viewCounts,
  viewFilters,
} from './queue-filters';

/** Column ids double as the sort buttons' test ids: `sort-<columnId>`. */
export const QUEUE_COLUMNS = [
  'priority',
  'status',
  'channel',
  'subject',
  'customer',
  'assignee',
  'updated',
  'firstResponseDue',
] as const;

const column = createColumnHelper<QueueRow>();

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function QueueView() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const now = useNow(10_000);
  const rows = useQueue((s) => s.rows);
  const loading = useQueue((s) => s.loading);
  const loaded = useQueue((s) => s.loaded);
  const errorCode = useQueue((s) => s.errorCode);
  const filters = useQueue((s) => s.filters);
  const setFilter = useQueue((s) => s.setFilter);
  const clearFilters = useQueue((s) => s.clearFilters);
  const setFilters = useQueue((s) => s.setFilters);
  const defaultRows = useQueue((s) => s.defaultRows);
  const load = useQueue((s) => s.load);
  const agents = useDirectory((s) => s.agents);
  const meId = useSession((s) => s.session?.agent.id ?? null);
  const go = useNav((s) => s.go);
  const [sorting, setSorting] = useState<SortingState>([]);

  useEffect(() => {
    void load();
  }, [load]);

  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.displayName])), [agents]);
  const data = useMemo(() => filterQueue(rows, filters, meId, now), [rows, filters, meId, now]);
  const counts = useMemo(() => viewCounts(defaultRows, meId, now), [defaultRows, meId, now]);
  const view = activeView(filters);

  const columns = useMemo(
    () => [
      column.accessor((r) => PRIORITY_RANK[r.priority], {
        id: 'priority',
        header: () => t('queue.column.priority'),
        cell: (c) => <PriorityBadge priority={c.row.original.priority} />,
        sortingFn: 'basic',
      }),
      column.accessor((r) => STATUS_RANK[r.status], {
        id: 'status',
        header: () => t('queue.column.status'),
        cell: (c) => <StatusBadge status={c.row.original.status} />,
        sortingFn: 'basic',
      }),
      column.accessor((r) => (r.channel ? t(`channel.${r.channel}`) : ''), {
        id: 'channel',
        header: () => t('queue.column.channel'),
        cell: (c) => <ChannelBadge channel={c.row.original.channel} />,
        sortingFn: 'text',
      }),
      column.accessor('subject', {
        id: 'subject',
        header: () => t('queue.column.subject'),
        cell: (c) => (
          <span className="cell-subject">
            {c.row.original.safety && <QueueSafetyBadge safety={c.row.original.safety} now={now} />}
            {c.row.original.handoff && (
              <span className="badge badge-handoff" data-testid="queue-handoff">
                {t(`queue.handoff.${c.row.original.handoff}`)}
              </span>
            )}
            <span>{c.getValue()}</span>
          </span>
        ),
        sortingFn: 'text',
      }),
      column.accessor('customerName', {
        id: 'customer',
        header: () => t('queue.column.customer'),
        cell: (c) => (
          <span className="cell-customer">
            <span>{c.getValue()}</span>
            {c.row.original.vip && <VipBadge />}
          </span>
        ),
        sortingFn: 'text',
      }),
      column.accessor((r) => (r.assigneeId ? (names.get(r.assigneeId) ?? t('common.unknownAgent')) : ''), {
        id: 'assignee',
        header: () => t('queue.column.assignee'),
        cell: (c) =>
          c.row.original.assigneeId ? (
            <span>{c.getValue()}</span>
          ) : (
            <span className="muted unassigned">{t('common.unassigned')}</span>
          ),
        sortingFn: 'text',
      }),
      column.accessor((r) => time(r.updatedAt), {
        id: 'updated',
        header: () => t('queue.column.updated'),
        cell: (c) => (
          <time dateTime={c.row.original.updatedAt} title={formatDateTime(c.row.original.updatedAt, lang)}>
            {formatCompact(c.row.original.updatedAt, lang, now)}
          </time>
        ),
        sortingFn: 'basic',
      }),
      // the earliest due instant of a running clock (first response, next response or resolution); none last
      column.accessor((r) => (r.sla.nextDueAt ? time(r.sla.nextDueAt) : Number.MAX_SAFE_INTEGER), {
        id: 'due',
        header: () => t('queue.column.due'),
        cell: (c) => <SlaDueCell sla={c.row.original.sla} now={now} />,
        sortingFn: 'basic',
      }),
    ],
    [t, lang, now, names],
  );

  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.caseId,
    sortDescFirst: false,
    enableMultiSort: false,
  });

  const open = (r: QueueRow) => go({ name: 'customer', customerId: r.customerId, caseId: r.caseId });

  return (
    <section className="queue-view" aria-labelledby="queue-title">
      <div className="queue-toolbar">
        <h1 id="queue-title" className="view-title">
          {t('queue.title')}
        </h1>
      </div>

      <div className="queue-views" role="group" aria-label={t('queue.views.label')}>
        {QUEUE_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={view === v ? 'primary small' : 'ghost small'}
            aria-pressed={view === v}
            data-testid="queue-view"
            data-view={v}
            onClick={() => setFilters(viewFilters(v))}
          >
            {t(`queue.views.${v}`)} <span className="queue-view-count">{counts[v]}</span>
          </button>
        ))}
      </div>

      <div className="queue-filters" role="group" aria-label={t('queue.filters')}>
        <EnumSelect
          variant="filter"
          label={t('queue.filterChannel')}
          testId="filter-channel"
          value={filters.channel}
          options={CHANNELS}
          optionLabel={(c) => t(`channel.${c}`)}
          emptyLabel={t('queue.any')}
          onChange={(v) => setFilter('channel', parseFilterValue('channel', v))}
        />
        <EnumSelect
          variant="filter"
          label={t('queue.filterStatus')}
          testId="filter-status"
          value={filters.status}
          options={CaseStatus.options}
          optionLabel={(s) => t(`status.${s}`)}
          emptyLabel={t('queue.anyOpenStatus')}
          onChange={(v) => setFilter('status', parseFilterValue('status', v))}
        />
        <EnumSelect
          variant="filter"
          label={t('queue.filterPriority')}
          testId="filter-priority"
          value={filters.priority}
          options={Priority.options}
          optionLabel={(p) => `${t(`priority.${p}`)} · ${t(`priority.description.${p}`)}`}
          emptyLabel={t('queue.any')}
          onChange={(v) => setFilter('priority', parseFilterValue('priority', v))}
        />
        <ChoiceSelect
          variant="filter"
          label={t('queue.filterAssignee')}
          testId="filter-assignee"
          value={filters.assignee}
          emptyLabel={t('queue.any')}
          choices={[
            { value: 'me', label: t('queue.me') },
            { value: 'unassigned', label: t('queue.unassigned') },
            ...agents.map((a) => ({ value: a.id, label: a.displayName })),
          ]}
          onChange={(v) => setFilter('assignee', parseFilterValue('assignee', v))}
        />
        <EnumSelect
          variant="filter"
          label={t('queue.filterSla')}
          testId="filter-sla"
          value={filters.sla}
          options={SLA_FILTERS}
          optionLabel={(v) => t(`queue.sla.${v}`)}
          emptyLabel={t('queue.any')}
          onChange={(v) => setFilter('sla', parseFilterValue('sla', v))}
        />
        <EnumSelect
          variant="filter"
          label={t('queue.filterSafety')}
          testId="filter-safety"
          value={filters.safety}
          options={SAFETY_FILTERS}
          optionLabel={(v) => t(`queue.safety.${v}`)}
          emptyLabel={t('queue.any')}
          onChange={(v) => setFilter('safety', parseFilterValue('safety', v))}
        />
        <EnumSelect
          variant="filter"
          label={t('queue.filterHandoff')}
          testId="filter-handoff"
          value={filters.handoff}
          options={HANDOFF_FILTERS}
          optionLabel={(v) => t(`queue.handoff.${v}`)}
          emptyLabel={t('queue.any')}
          onChange={(v) => setFilter('handoff', parseFilterValue('handoff', v))}
        />
        {hasActiveFilter(filters) && (
          <button type="button" className="ghost small" onClick={clearFilters}>
            {t('queue.clearFilters')}
          </button>
        )}
        <span className="queue-count muted" data-testid="queue-count" data-shown={data.length} aria-live="polite">
          {t('queue.count', { shown: data.length, total: rows.length })}
        </span>
      </div>

      {errorCode && (
        <div className="banner banner-error" role="alert">
          <span>
            {t('queue.loadFailed')} {t(errorKey(errorCode))}
          </span>
          <button type="button" className="ghost small" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </div>
      )}

      <div className="table-scroll">
        <table className="queue-table" data-testid="queue-table" aria-busy={loading}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <th
                      key={h.id}
                      className={`col-${h.column.id}`}
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        data-testid={`sort-${h.column.id}`}
                        data-sort={dir || 'none'}
                        onClick={h.column.getToggleSortingHandler()}
                      >
                        {label}
                        <span className="sort-arrow" aria-hidden="true">
                          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const r = row.original;
              const sla = caseDisplay(r.sla, now).display;
              return (
                <tr
                  key={row.id}
                  data-testid="queue-row"
                  data-case-id={r.caseId}
                  data-customer-id={r.customerId}
                  data-priority={r.priority}
                  data-status={r.status}
                  data-channel={r.channel ?? ''}
                  data-assignee-id={r.assigneeId ?? ''}
                  data-sla={sla}
                  data-safety={r.safety?.standing ?? ''}
                  className={`queue-row prio-row-${r.priority}${sla === 'breached' ? ' row-overdue' : sla === 'warning' ? ' row-warning' : ''}`}
                  tabIndex={0}
                  onClick={() => open(r)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      open(r);
                    }
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={`col-${cell.column.id}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {!loaded && loading && <p className="muted table-note">{t('queue.loading')}</p>}
        {loaded && data.length === 0 && <p className="muted table-note">{t('queue.empty')}</p>}
      </div>
    </section>
  );
}
