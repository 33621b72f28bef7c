import { useCallback, useState } from 'react';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { errorCodeOf } from './errors';

/**
 * A button's call through the bridge: `busy` while it runs, the error code if it failed (cleared on the next run).
 * `run` answers the call's value, or null when it failed.
 */
export function useAction(): { busy: boolean; error: ErrorCode | null; run<T>(fn: () => Promise<T>): Promise<T | null> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(errorCodeOf(err));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/**
 * A form's save through the bridge: `useAction` plus `saved`, true after the last save succeeded (cleared when the
 * next starts), for a "Saved." beside the form.
 */
export function useSaveAction(): { busy: boolean; error: ErrorCode | null; saved: boolean; run(fn: () => Promise<unknown>): Promise<void> } {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const { run: runAction } = action;
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setSaved(false);
      const ok = await runAction(async () => {
        await fn();
        return true;
      });
      if (ok) setSaved(true);
    },
    [runAction],
  );
  return { busy: action.busy, error: action.error, saved, run };
}
