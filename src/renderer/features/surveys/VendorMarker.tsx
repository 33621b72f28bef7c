import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/kernel/customer';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/**
 * "This contact is a vendor" (issue 18): a distributor's or a clinic's purchasing contact is not a customer and gets
 * no satisfaction survey. A customer change like any other (offline too: it syncs).
 */
export function VendorMarker({ customer }: { customer: Pick<Customer, 'id' | 'vendor'> }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  // shown at once; the customer's own value takes over when the change comes back from the cache (or undoes it)
  const [shown, setShown] = useState(customer.vendor === true);
  useEffect(() => setShown(customer.vendor === true), [customer.vendor]);
  const change = async (vendor: boolean) => {
    setShown(vendor);
    if (!(await run(() => bridge.call('customer.update', { customerId: customer.id, patch: { vendor } })))) setShown(customer.vendor === true);
  };
  return (
    <div className="vendor-marker">
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="customer-vendor"
          checked={shown}
          disabled={busy}
          onChange={(e) => void change(e.target.checked)}
        />
        {t('surveys.vendor')}
      </label>
      {error && (
        <p role="alert" className="form-error">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
