/**
 * User-timing marks for the benchmarks (tests/bench/first-paint.bench.ts) and for anyone profiling in
 * DevTools: `omnidesk:customer-open` when a customer is requested, `omnidesk:timeline-painted` once its
 * timeline has been painted (the frame after React committed the rows).
 */
export const MARK_OPEN = 'omnidesk:customer-open';
export const MARK_PAINTED = 'omnidesk:timeline-painted';

export function markCustomerOpen(): void {
  performance.clearMarks(MARK_OPEN);
  performance.clearMarks(MARK_PAINTED);
  performance.mark(MARK_OPEN);
}

export function markTimelinePainted(): void {
  // first rAF: before the next paint; the second runs after that paint has happened
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(MARK_PAINTED)));
}
