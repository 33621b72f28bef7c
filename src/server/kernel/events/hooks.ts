import type { Event } from '../../../shared/kernel/event';
import type { Queryable } from '../db/types';

/**
 * What a feature may add to every append, inside the appending transaction and under the event-log lock
 * (delivery rows for replies, merges re-pointing the projections; SLA and survey scheduling next).
 * The kernel calls them; it never imports the features that register them (src/server/features.ts does).
 */
export interface AppendHook {
  /** for logs and tests */
  name: string;
  /** before validation: may check and complete events (a merge fills in what moves); throws OmnideskError to refuse */
  prepare?(tx: Queryable, events: readonly Event[]): Promise<readonly Event[]>;
  /** after the events and the projections are written, with the stored events (seq set) */
  afterAppend?(tx: Queryable, stored: readonly Event[]): Promise<void>;
}

const hooks: AppendHook[] = [];

/** Registers a hook once (by name); the composition root does this at start-up. */
export function registerAppendHook(hook: AppendHook): void {
  const i = hooks.findIndex((h) => h.name === hook.name);
  if (i >= 0) hooks[i] = hook;
  else hooks.push(hook);
}

export function appendHooks(): readonly AppendHook[] {
  return hooks;
}
