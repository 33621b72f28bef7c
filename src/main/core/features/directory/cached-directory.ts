import type { Agent, DirectoryResponse, Team } from '../../../../shared/index';
import { DIRECTORY_AGENT, DIRECTORY_TEAM } from '../../../../shared/features/directory/reference';
import { directoryVisibleTo } from '../../../../shared/features/directory/visible';
import type { Store } from '../../kernel/store/index';

/**
 * The directory from the cache's reference data, as GET /api/directory would answer `viewer` (same rule, same
 * order): available offline once the first reference pull is complete; null before, when the caller falls back
 * to the server.
 */
export function cachedDirectory(store: Store, viewer: Agent): DirectoryResponse | null {
  if (!store.reference.synced()) return null;
  const teams = store.reference.list(DIRECTORY_TEAM).sort(by((t: Team) => t.name));
  const agents = store.reference.list(DIRECTORY_AGENT).sort(by((a: Agent) => a.username));
  return directoryVisibleTo(viewer, teams, agents);
}

function by<T>(key: (v: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
