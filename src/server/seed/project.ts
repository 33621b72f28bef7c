import type { Case, Thread } from '../../shared/kernel/case';
import type { Customer } from '../../shared/kernel/customer';
import type { Event } from '../../shared/kernel/event';
import { applyToCase, applyToCustomer } from '../../shared/kernel/projection';

export interface ProjectedWorld {
  customers: Map<string, Customer>;
  cases: Map<string, Case>;
  threads: Map<string, Thread>;
}

/**
 * The projections of an event list, in memory, with the same shared pure functions the database
 * projections use: what a fully synced cache would hold. For tests and tools.
 */
export function projectInMemory(events: readonly Event[]): ProjectedWorld {
  const w: ProjectedWorld = { customers: new Map(), cases: new Map(), threads: new Map() };
  for (const e of events) {
    if (e.kind === 'customer.created') w.customers.set(e.meta.customer.id, e.meta.customer);
    else if (e.kind === 'case.opened') w.cases.set(e.meta.case.id, e.meta.case);
    else if (e.kind === 'thread.opened') w.threads.set(e.meta.thread.id, e.meta.thread);
    const c = w.customers.get(e.customerId);
    if (c) w.customers.set(c.id, applyToCustomer(c, e));
    const k = e.caseId ? w.cases.get(e.caseId) : undefined;
    if (k) w.cases.set(k.id, applyToCase(k, e));
  }
  return w;
}
