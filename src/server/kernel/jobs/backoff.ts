import type { Backoff } from './types';

export const DEFAULT_BACKOFF: Required<Backoff> = { baseMs: 2000, maxMs: 10 * 60_000 };

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based): exponential (base·2^(attempt-1),
 * capped), with "equal jitter" (half fixed, half random) so instances retrying a shared outage spread out.
 */
export function retryDelayMs(attempt: number, backoff: Backoff = {}, random: () => number = Math.random): number {
  const base = backoff.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const max = backoff.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
