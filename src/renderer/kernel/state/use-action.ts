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
