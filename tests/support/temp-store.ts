/** Desktop caches (Store) for tests: in a private temp directory, closed and removed after the test. */
import { join } from 'node:path';
import { installDesktopFeatures } from '../../src/main/core/features';
import { Store, applyPulledPage } from '../../src/main/core/kernel/store/index';
import type { Event } from '../../src/shared';
import type { Defer } from './cleanups';
import { privateDatabaseFiles, scopedTempDir } from './temp-dir';

/** An event as a test hands it to the server or a pull: everything but the seq the server assigns. */
export type NewEvent = Event extends infer E ? (E extends Event ? Omit<E, 'seq'> : never) : never;

/** A path for a cache file in a fresh private temp directory that goes after the test. */
export function tempCachePath(defer: Defer, name = 'cache.sqlite', prefix?: string): string {
  return join(scopedTempDir(defer, prefix), name);
}

/** Opens (or creates) the cache at `path` (by default a fresh temp one), its files 0600; closed after the test. */
export function openStore(defer: Defer, path = tempCachePath(defer), opts: Parameters<typeof Store.open>[1] = {}): Store {
  installDesktopFeatures(); // a bare Store applies pulled pages as the app's does (merges: features/identity)
  const store = Store.open(path, opts);
  defer(() => store.close());
  privateDatabaseFiles(path);
  return store;
}

/** Applies server events as one pulled page, seqs assigned in order after `from` (the cache's cursor). */
export function pullEvents(store: Store, events: NewEvent[], from = store.meta.cursor()): Event[] {
  const withSeq = events.map((e, i) => ({ ...e, seq: from + i + 1 }) as Event);
  applyPulledPage(store, { events: withSeq, cursor: from + events.length, hasMore: false });
  return withSeq;
}
