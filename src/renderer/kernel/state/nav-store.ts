import { createStore, type StoreApi } from 'zustand/vanilla';
import { QUEUE_ROUTE, formatRoute, parseRoute, sameRoute, type Route } from '../app/route';
import { markCustomerOpen } from '../perf/marks';

export interface NavState {
  route: Route;
  go(route: Route): void;
}

export type NavStore = StoreApi<NavState>;

/** Location the nav store mirrors (window.location + hashchange in the app; absent in unit tests). */
export interface HashLocation {
  getHash(): string;
  setHash(hash: string): void;
  onHashChange(listener: () => void): () => void;
}

export function windowHashLocation(): HashLocation | null {
  if (typeof window === 'undefined') return null;
  return {
    getHash: () => window.location.hash,
    setHash: (hash) => {
      window.location.hash = hash;
    },
    onHashChange: (listener) => {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
  };
}

export function createNavStore(location: HashLocation | null = windowHashLocation()): NavStore {
  const store = createStore<NavState>()((set, get) => ({
    route: location ? parseRoute(location.getHash()) : QUEUE_ROUTE,
    go(route) {
      if (sameRoute(route, get().route)) return;
      if (route.name === 'customer') markCustomerOpen();
      set({ route });
      // the back button then works; the hashchange that follows finds the route already set
      if (location && location.getHash() !== formatRoute(route)) location.setHash(formatRoute(route));
    },
  }));
  location?.onHashChange(() => {
    const route = parseRoute(location.getHash());
    if (sameRoute(route, store.getState().route)) return;
    if (route.name === 'customer') markCustomerOpen();
    store.setState({ route });
  });
  return store;
}
