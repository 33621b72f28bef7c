import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';
import type { NavState, NavStore } from '../state/nav-store';
import type { SessionState, SessionStore } from '../state/session-store';
import type { SyncStore, SyncStoreState } from '../state/sync-store';

/**
 * The app's stores: the kernel's here; each feature adds its own to this interface by declaration merging
 * (`declare module` in features/<name>/…-store.ts), so the kernel never imports a feature. Built by the composition
 * root, src/renderer/app-stores.ts.
 */
export interface AppStores {
  session: SessionStore;
  sync: SyncStore;
  nav: NavStore;
}

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
  stores,
  connect,
  children,
}: {
  bridge: OmnideskBridge;
  stores: AppStores;
  /** wires bridge events to the stores; returns the disconnect (app-stores.ts connectStores) */
  connect(bridge: OmnideskBridge, stores: AppStores): () => void;
  children: ReactNode;
}) {
  const [value] = useState<AppContextValue>(() => ({ bridge, stores }));
  useEffect(() => connect(value.bridge, value.stores), [value, connect]);
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
export function useSync<T>(selector: (s: SyncStoreState) => T): T {
  return useStore(useAppStores().sync, selector);
}
export function useNav<T>(selector: (s: NavState) => T): T {
  return useStore(useAppStores().nav, selector);
}
