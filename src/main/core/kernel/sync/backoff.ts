/** Jittered exponential backoff, the same shape as socket.io-client's reconnection delay. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the delay is spread uniformly over ±factor of its value */
  randomizationFactor: number;
}

export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(o.maxMs, o.initialMs * 2 ** Math.min(attempt, 30));
  const jitter = base * o.randomizationFactor * (random() * 2 - 1);
  return Math.max(0, Math.min(o.maxMs, Math.round(base + jitter)));
}
