import { useStore } from 'zustand';
import { useAppStores } from '../../kernel/app/bridge-context';
import type { QueueStore, QueueState } from './queue-store';

// The cases feature's store joins the app's stores (built in src/renderer/app-stores.ts).
declare module '../../kernel/app/bridge-context' {
  interface AppStores {
    queue: QueueStore;
  }
}

export function useQueue<T>(selector: (s: QueueState) => T): T {
  return useStore(useAppStores().queue, selector);
}
