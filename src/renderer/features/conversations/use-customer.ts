import { useStore } from 'zustand';
import { useAppStores } from '../../kernel/app/bridge-context';
import type { CustomerStore, CustomerState } from './customer-store';

// The conversations feature's store joins the app's stores (built in src/renderer/app-stores.ts).
declare module '../../kernel/app/bridge-context' {
  interface AppStores {
    customer: CustomerStore;
  }
}

export function useCustomer<T>(selector: (s: CustomerState) => T): T {
  return useStore(useAppStores().customer, selector);
}
