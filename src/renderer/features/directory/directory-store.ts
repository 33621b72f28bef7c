import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Agent, Team } from '../../../shared/kernel/agent';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';

export interface DirectoryState {
  agents: Agent[];
  teams: Team[];
  loaded: boolean;
  load(): Promise<void>;
  reset(): void;
}

export type DirectoryStore = StoreApi<DirectoryState>;

export function createDirectoryStore(bridge: OmnideskBridge): DirectoryStore {
  let generation = 0;
  return createStore<DirectoryState>()((set) => ({
    agents: [],
    teams: [],
    loaded: false,
    async load() {
      const mine = ++generation;
      try {
        const d = await bridge.call('directory.get', {});
        if (mine !== generation) return;
        const agents = [...d.agents].sort((a, b) => a.displayName.localeCompare(b.displayName));
        set({ agents, teams: d.teams, loaded: true });
      } catch {
        // names fall back to "Unknown agent"; the next data.changed(all) or navigation retries
      }
    },
    reset() {
      generation++;
      set({ agents: [], teams: [], loaded: false });
    },
  }));
}

/** id → display name, for tables and timeline lines. */
export function agentNameMap(agents: readonly Agent[]): Map<string, string> {
  return new Map(agents.map((a) => [a.id, a.displayName]));
}
