import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';
import type { CustomerState } from '../../features/conversations/customer-store';
import type { DirectoryState } from '../../features/directory/directory-store';
import type { NavState } from '../state/nav-store';
import type { QueueState } from '../../features/cases/queue-store';
import type { SessionState } from '../state/session-store';
import { connectStores, createAppStores, type AppStores } from '../state/stores';
import type { SyncStoreState } from '../state/sync-store';

/**
 * The UI's only way to data: the OmnideskBridge handed in by main.tsx (from getBridge()), and the stores
 * built on it. Components never call the transport directly; they use these hooks.
 */
interface AppContextValue {
  bridge: OmnideskBridge;
  stores: AppStores;
}

const AppContext = createContext<AppContextValue | null>(null);

export function BridgeProvider({
  bridge,
  stores: given,
  children,
}: {
  bridge: OmnideskBridge;
  /** for tests and stories; built from the bridge when omitted */
  stores?: AppStores;
  children: ReactNode;
}) {
  const [value] = useState<AppContextValue>(() => ({ bridge, stores: given ?? createAppStores(bridge) }));
  useEffect(() => connectStores(value.bridge, value.stores), [value]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('BridgeProvider is missing above this component');
  return v;
}

export function useBridge(): OmnideskBridge {
  return useAppContext().bridge;
}

export function useAppStores(): AppStores {
  return useAppContext().stores;
}

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(useAppStores().session, selector);
}
export function useDirectory<T>(selector: (s: DirectoryState) => T): T {
  return useStore(useAppStores().directory, selector);
}
export function useQueue<T>(selector: (s: QueueState) => T): T {
  return useStore(useAppStores().queue, selector);
}
export function useCustomer<T>(selector: (s: CustomerState) => T): T {
  return useStore(useAppStores().customer, selector);
}
export function useSync<T>(selector: (s: SyncStoreState) => T): T {
  return useStore(useAppStores().sync, selector);
}
export function useNav<T>(selector: (s: NavState) => T): T {
  return useStore(useAppStores().nav, selector);
}
