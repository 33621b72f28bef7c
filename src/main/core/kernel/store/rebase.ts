import { applyToCase, applyToCustomer } from '../../../../shared/index';
import type { Store } from './store';

/**
 * Recomputes the local view of a case: the server's copy with this desktop's still-pending events applied
 * on top, in the order they were made. A server update therefore never overwrites a field that has a
 * pending local change, and a rejected change simply drops out.
 */
export function rebaseCase(store: Store, caseId: string): void {
  const server = store.cases.serverCopy(caseId);
  if (!server) return;
  store.cases.setLocal(store.events.pendingForCase(caseId).reduce(applyToCase, server));
}

export function rebaseCustomer(store: Store, customerId: string): void {
  const server = store.customers.serverCopy(customerId);
  if (!server) return;
  store.customers.setLocal(store.events.pendingForCustomer(customerId).reduce(applyToCustomer, server));
}
