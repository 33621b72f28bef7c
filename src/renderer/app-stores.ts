import type { OmnideskBridge } from '../shared/contracts/bridge';
import { createQueueStore } from './features/cases';
import { createCustomerStore } from './features/conversations';
import { createDirectoryStore } from './features/directory';
import type { AppStores } from './kernel/app/bridge-context';
import { QUEUE_ROUTE } from './kernel/app/route';
import { createChangeBatcher, type ChangeBatch, type Timers } from './kernel/state/change-batcher';
import { createNavStore, type HashLocation } from './kernel/state/nav-store';
import { createSessionStore } from './kernel/state/session-store';
import { createSyncStore } from './kernel/state/sync-store';

/**
 * The composition of the renderer's stores: the kernel's (session, sync, navigation) and the features' (queue,
 * customer, directory), all talking to the one bridge, and how bridge events reach them.
 */
export type { AppStores };

export function createAppStores(bridge: OmnideskBridge, opts: { location?: HashLocation | null } = {}): AppStores {
  return {
    session: createSessionStore(bridge),
    directory: createDirectoryStore(bridge),
    queue: createQueueStore(bridge),
    customer: createCustomerStore(bridge),
    sync: createSyncStore(bridge),
    nav: opts.location === undefined ? createNavStore() : createNavStore(opts.location),
  };
}

/** Does this change touch the customer on screen (by id, or through one of their cases)? */
export function touchesCustomer(
  batch: ChangeBatch,
  customerId: string | null,
  caseIds: readonly string[],
): boolean {
  if (customerId === null) return false;
  return batch.all || batch.customerIds.has(customerId) || caseIds.some((id) => batch.caseIds.has(id));
}

/**
 * Wire bridge events to the stores: sync.status updates the indicator; data.changed (debounced) refetches
 * what is on screen. Also loads and clears per-session data as the session starts and ends.
 * Returns the function that disconnects everything.
 */
export function connectStores(
  bridge: OmnideskBridge,
  stores: AppStores,
  opts: { debounceMs?: number; timers?: Timers } = {},
): () => void {
  const { session, directory, queue, customer, sync, nav } = stores;

  const onChange = (batch: ChangeBatch) => {
    if (session.getState().status !== 'signed_in') return;
    if (batch.all) void directory.getState().load();
    const route = nav.getState().route;
    if (route.name === 'queue') {
      void queue.getState().load();
    } else {
      const c = customer.getState();
      const caseIds = c.view?.cases.map((x) => x.id) ?? [];
      if (touchesCustomer(batch, c.customerId, caseIds)) void c.refresh();
    }
  };
  const batcher = createChangeBatcher(onChange, {
    delayMs: opts.debounceMs ?? 100,
    ...(opts.timers ? { timers: opts.timers } : {}),
  });

  const offSync = bridge.on('sync.status', (status) => {
    sync.getState().set(status);
    if (status.state === 'signed_out') void session.getState().verify();
  });
  const offData = bridge.on('data.changed', (change) => batcher.push(change));

  const offSession = session.subscribe((now, before) => {
    if (now.status === 'signed_in' && before.status !== 'signed_in') {
      void directory.getState().load();
      void sync.getState().load();
    } else if (now.status !== 'signed_in' && before.status === 'signed_in') {
      // nothing of the previous agent stays in memory
      queue.getState().reset();
      customer.getState().close();
      directory.getState().reset();
      sync.getState().reset();
      nav.getState().go(QUEUE_ROUTE);
    }
  });

  return () => {
    batcher.dispose();
    offSync();
    offData();
    offSession();
  };
}
