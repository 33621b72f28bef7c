import { useStore } from 'zustand';
import { useAppStores } from '../../kernel/app/bridge-context';
import type { DirectoryStore, DirectoryState } from './directory-store';

// The directory feature's store joins the app's stores (built in src/renderer/app-stores.ts).
declare module '../../kernel/app/bridge-context' {
  interface AppStores {
    directory: DirectoryStore;
  }
}

export function useDirectory<T>(selector: (s: DirectoryState) => T): T {
  return useStore(useAppStores().directory, selector);
}
