/**
 * "Something a live view shows has changed" (issue 16): the teams whose log grew, the agents whose desktop or presence
 * moved. Announced after the change committed, in this instance; a feature that pushes live views (the lead console's
 * wallboard) listens. Carries ids only. The kernel never imports the listeners; the composition root registers them.
 */
export interface Change {
  teams?: readonly string[];
  agents?: readonly string[];
}
export type ChangeListener = (change: Change) => void;

const listeners = new Set<ChangeListener>();

export function onChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceChange(change: Change): void {
  if (!change.teams?.length && !change.agents?.length) return;
  for (const l of listeners) {
    try {
      l(change);
    } catch {
      // a listener's failure is its own (it logs); the change already committed
    }
  }
}
