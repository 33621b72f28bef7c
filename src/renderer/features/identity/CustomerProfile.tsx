import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../shared/contracts/bridge';
import { useCustomer } from '../conversations';
import { useLanguage, useNow } from '../../kernel/app/hooks';
import { PriorityBadge, StatusBadge, VipBadge } from '../../kernel/components/badges';
import { FirstResponseDue } from '../sla';
import { MergePanel } from './MergePanel';
import { VendorMarker } from '../surveys';
import { formatCalendarDate, formatCompact, isCalendarDatePast } from '../../kernel/i18n/format';

/** Who the customer is: identity, segment, devices, and their cases (click one to work on it). */
export function CustomerProfile({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const now = useNow();
  const selectedCaseId = useCustomer((s) => s.selectedCaseId);
  const selectCase = useCustomer((s) => s.selectCase);
  const { customer, cases } = view;
  const sortedCases = [...cases].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));

  return (
    <aside className="customer-profile" aria-label={t('customer.profile')}>
      <div className="profile-head">
        <h1 className="customer-name" data-testid="customer-name">
          {customer.name}
        </h1>
        {customer.vip && <VipBadge />}
      </div>
      <MergePanel customerId={customer.id} />
      <dl className="facts">
        <dt>{t('customer.language')}</dt>
        <dd>{t(`customer.languageName.${customer.language}`)}</dd>
        <dt>{t('customer.segment')}</dt>
        <dd>{t(`customer.segmentName.${customer.segment}`)}</dd>
      </dl>
      <VendorMarker customer={customer} />

      {customer.emails.length > 0 && (
        <section className="profile-section">
          <h2>{t('customer.emails')}</h2>
          <ul className="plain">
            {customer.emails.map((e) => (
              <li key={e} className="mono-ish">
                <a href={`mailto:${encodeURI(e)}`} data-testid="profile-mailto" title={t('customer.writeEmail')}>
                  {e}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {customer.phones.length > 0 && (
        <section className="profile-section">
          <h2>{t('customer.phones')}</h2>
          <ul className="plain">
            {customer.phones.map((p) => (
              <li key={p} className="mono-ish">
                {/* tel: hands the number to the agent's softphone / CTI client, which dials it (click-to-call) */}
                <a href={`tel:${p}`} data-testid="profile-call" title={t('customer.call')}>
                  {p}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {customer.socialHandles.length > 0 && (
        <section className="profile-section">
          <h2>{t('customer.social')}</h2>
          <ul className="plain">
            {customer.socialHandles.map((h) => (
              <li key={`${h.network}:${h.handle}`}>
                <span className="muted">{t(`customer.socialNetwork.${h.network}`)}</span> {h.handle}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="profile-section">
        <h2>{t('customer.devices')}</h2>
        {customer.devices.length === 0 && <p className="muted small">{t('customer.noDevices')}</p>}
        <ul className="plain devices">
          {customer.devices.map((d) => {
            const expired = isCalendarDatePast(d.warrantyUntil, now);
            const date = formatCalendarDate(d.warrantyUntil, lang);
            return (
              <li key={`${d.kind}:${d.serial}`} className="device" data-testid="device-item" data-serial={d.serial}>
                <div className="device-title">
                  <strong>{d.model}</strong> <span className="muted">{t(`customer.deviceKind.${d.kind}`)}</span>
                </div>
                <div className="small">
                  {t('customer.serial')}: <span className="mono-ish">{d.serial}</span>
                </div>
                <div className="small">
                  {t('customer.firmware')}: <span className="mono-ish">{d.firmware}</span>
                </div>
                <div className={`small ${expired ? 'warranty-expired' : 'muted'}`}>
                  {expired ? t('customer.warrantyExpired', { date }) : t('customer.warranty', { date })}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="profile-section">
        <h2>{t('customer.cases')}</h2>
        {cases.length === 0 && <p className="muted small">{t('customer.noCases')}</p>}
        <ul className="plain case-list">
          {sortedCases.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`case-card${c.id === selectedCaseId ? ' selected' : ''}`}
                data-testid="case-item"
                data-case-id={c.id}
                aria-pressed={c.id === selectedCaseId}
                title={t('customer.selectCase', { subject: c.subject })}
                onClick={() => selectCase(c.id)}
              >
                <span className="case-card-top">
                  <PriorityBadge priority={c.priority} />
                  <StatusBadge status={c.status} />
                </span>
                <span className="case-card-subject">{c.subject}</span>
                <span className="small">
                  <FirstResponseDue row={c} now={now} />
                </span>
                {c.status !== 'resolved' && c.status !== 'closed' && (
                  <span className="small muted">
                    {t('customer.resolutionDue', { time: formatCompact(c.resolutionDueAt, lang, now) })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
