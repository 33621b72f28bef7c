import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_ROUTE } from '../../kernel/app/route';
import { useNav } from '../../kernel/app/bridge-context';
import { useCustomer } from './use-customer';
import { errorKey } from '../../kernel/state/errors';
import { CaseControls } from '../cases';
import { Composer } from './Composer';
import { CustomerProfile } from '../identity';
import { CustomerTyping } from './typing';
import { Timeline } from './Timeline';
import { ViewersNotice } from './Viewers';
import { KnowledgePanel } from '../knowledge';

/**
 * One customer: profile on the left, the cross-channel timeline and composer in the centre, then the knowledge panel
 * and the case controls (with the escalation panel).
 */
export function CustomerView({ customerId, caseId, readOnly = false }: { customerId: string; caseId: string | null; readOnly?: boolean }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const open = useCustomer((s) => s.open);
  const status = useCustomer((s) => s.status);
  const errorCode = useCustomer((s) => s.errorCode);
  const view = useCustomer((s) => s.view);
  const shownId = useCustomer((s) => s.customerId);

  useEffect(() => {
    void open(customerId, caseId);
  }, [open, customerId, caseId]);

  const ready = view !== null && shownId === customerId && view.customer.id === customerId;

  return (
    <section className="customer-view" data-testid="customer-view" data-customer-id={customerId} data-ready={ready}>
      <div className="customer-topbar">
        <button type="button" className="ghost" data-testid="back-to-queue" onClick={() => go(QUEUE_ROUTE)}>
          ← {t('customer.back')}
        </button>
        {readOnly && (
          <p className="read-only-note" role="status" data-testid="read-only">
            {t('customer.readOnly')}{' '}
            <button type="button" className="link" data-testid="work-on-case" onClick={() => go({ name: 'customer', customerId, caseId })}>
              {t('customer.workOnIt')}
            </button>
          </p>
        )}
      </div>
      {!ready && status === 'loading' && <p className="muted pad">{t('customer.loading')}</p>}
      {!ready && status === 'error' && (
        <div className="banner banner-error pad" role="alert">
          <span>
            {t('customer.loadFailed')} {errorCode && t(errorKey(errorCode))}
          </span>
          <button type="button" className="ghost small" onClick={() => void open(customerId, caseId)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {ready && (
        <div className="customer-grid">
          <CustomerProfile view={view} />
          <div className="customer-main">
            <ViewersNotice customerId={customerId} />
            <Timeline />
            <CustomerTyping customerId={customerId} />
            {!readOnly && <Composer key={customerId} />}
          </div>
          <KnowledgePanel customerId={customerId} />
          {!readOnly && <CaseControls />}
        </div>
      )}
    </section>
  );
}
