import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditAction, type AuditEntry, type AuditVerifyResponse } from '../../../shared/features/audit';
import { can } from '../../../shared/kernel/permissions';
import { saveFile } from '../../kernel/files/save-file';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { useLanguage } from '../../kernel/app/hooks';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { formatDateTime } from '../../kernel/i18n/format';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Filters {
  action: AuditAction | '';
  actorId: string;
  customerId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { action: '', actorId: '', customerId: '', from: '', to: '' };

/** The bridge's filter input from the form: only well-formed values travel. */
function toQuery(f: Filters) {
  const day = (d: string, end: boolean) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00.000Z`).getTime() + (end ? 86_400_000 : 0) : null);
  const from = day(f.from, false);
  const to = day(f.to, true);
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(UUID.test(f.actorId.trim()) ? { actorId: f.actorId.trim() } : {}),
    ...(UUID.test(f.customerId.trim()) ? { customerId: f.customerId.trim() } : {}),
    ...(from !== null ? { from: new Date(from).toISOString() } : {}),
    ...(to !== null ? { to: new Date(to).toISOString() } : {}),
  };
}

/** #/audit: the audit trail for admins — filters, the table (newest first, paged), verify, export JSON / CSV. */
export function AuditView() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const role = useSession((s) => s.session?.agent.role ?? null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<AuditVerifyResponse | null>(null);
  const { busy, error, run } = useAction();

  const load = useCallback(
    async (f: Filters, before?: number) => {
      const res = await run(() => bridge.call('audit.list', { ...toQuery(f), limit: 200, ...(before ? { before } : {}) }));
      if (!res) return;
      setEntries((prev) => (before ? [...prev, ...res.entries] : res.entries));
      setNextBefore(res.nextBefore);
    },
    [bridge, run],
  );

  useEffect(() => {
    if (role && can(role, 'audit.read')) void load(NO_FILTERS);
  }, [load, role]);

  if (!role || !can(role, 'audit.read')) {
    return (
      <section className="audit-view" data-testid="audit-view">
        <p className="form-error">{t('audit.notAllowed')}</p>
      </section>
    );
  }

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [k]: e.target.value }));

  return (
    <section className="audit-view" data-testid="audit-view">
      <h1>{t('audit.title')}</h1>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load(filters);
        }}
      >
        <EnumSelect
          label={t('audit.action')}
          variant="filter"
          testId="audit-action"
          value={filters.action}
          options={AuditAction.options}
          emptyLabel={t('audit.anyAction')}
          optionLabel={(v) => t(`audit.actions.${v}`)}
          onChange={(v) => setFilters((f) => ({ ...f, action: v }))}
        />
        <label className="filter">
          {t('audit.actor')}
          <input data-testid="audit-actor" value={filters.actorId} onChange={set('actorId')} placeholder="agent id" />
        </label>
        <label className="filter">
          {t('audit.customer')}
          <input data-testid="audit-customer" value={filters.customerId} onChange={set('customerId')} placeholder="customer id" />
        </label>
        <label className="filter">
          {t('audit.from')}
          <input type="date" data-testid="audit-from" value={filters.from} onChange={set('from')} />
        </label>
        <label className="filter">
          {t('audit.to')}
          <input type="date" data-testid="audit-to" value={filters.to} onChange={set('to')} />
        </label>
        <button type="submit" disabled={busy} data-testid="audit-apply">
          {t('audit.apply')}
        </button>
      </form>

      <div className="audit-actions">
        <button type="button" disabled={busy} data-testid="audit-verify" onClick={() => void run(() => bridge.call('audit.verify', {})).then((v) => v && setVerdict(v))}>
          {t('audit.verify')}
        </button>
        {(['json', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="ghost"
            disabled={busy}
            data-testid={`audit-export-${format}`}
            onClick={() => void run(() => bridge.call('audit.export', { format, ...toQuery(filters) })).then((f) => f && saveFile(f.filename, f.mimeType, f.content))}
          >
            {t(`audit.export.${format}`)}
          </button>
        ))}
        {verdict && (
          <p role="status" data-testid="audit-verdict" data-ok={verdict.ok} className={verdict.ok ? 'ok' : 'form-error'}>
            {verdict.ok
              ? t('audit.intact', { count: verdict.checked })
              : t('audit.broken', { seq: verdict.problem?.seq ?? 0, kind: t(`audit.problem.${verdict.problem?.kind ?? 'edited'}`) })}
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="audit-error">
          {t(errorKey(error))}
        </p>
      )}

      <table className="audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.at')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.customers')}</th>
            <th>{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid="audit-row" data-action={e.action}>
              <td>{e.seq}</td>
              <td>{formatDateTime(e.at, lang)}</td>
              <td className="mono small">{e.actorId ? `${e.actorId.slice(0, 8)}… (${e.actorRole ? t(`role.${e.actorRole}`) : '?'})` : t('audit.system')}</td>
              <td>{t(`audit.actions.${e.action}`)}</td>
              <td className="mono small">{e.customerIds.map((id) => id.slice(0, 8)).join(', ')}</td>
              <td className="mono small">
                {Object.entries(e.detail)
                  .map(([k, v]) => `${k}=${String(v)}`)
                  .join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !busy && <p className="muted">{t('audit.empty')}</p>}
      {nextBefore !== null && (
        <button type="button" className="ghost" disabled={busy} onClick={() => void load(filters, nextBefore)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
