import type { Case, Customer, Event, EventKind } from '../../../../shared/index';
import type { Store } from './store';

/** The pull's in-memory server copies of the page's cases and customers (written once at the end of the page). */
export interface PullAccess {
  customer(id: string): Customer | null;
  setCustomer(c: Customer): void;
  case(id: string): Case | null;
  setCase(c: Case): void;
}

/**
 * How a feature applies a pulled event of its own kinds to the cache, inside the pull transaction (the identity
 * feature re-points a merge's rows). The desktop's counterpart of the server's append hooks: the store never
 * imports a feature; `src/main/core/features.ts` registers them. Returns the customers and cases it touched.
 */
export interface PulledEventApplier {
  kinds: readonly EventKind[];
  apply(store: Store, e: Event, access: PullAccess): { customerIds: readonly string[]; caseIds: readonly string[] };
}

const byKind = new Map<EventKind, PulledEventApplier>();

/** Registers an applier for its kinds (idempotent: the last registration of a kind wins). */
export function registerPulledEventApplier(applier: PulledEventApplier): void {
  for (const k of applier.kinds) byKind.set(k, applier);
}

export function pulledEventApplier(kind: EventKind): PulledEventApplier | undefined {
  return byKind.get(kind);
}
