/** Small benchmark kit: timings with warm-up, percentiles, and one results file for `npm run bench`. */
import { writeFileSync } from 'node:fs';

export interface BenchResult {
  id: string;
  value: number;
  unit: string;
  /** the target as text, e.g. "< 5" or ">= 20000"; null for context figures such as ratios */
  target: string | null;
}

const results: BenchResult[] = [];

export function record(r: BenchResult): void {
  results.push(r);
  const ok = r.target === null ? '' : meets(r.value, r.target) ? '  ✓ meets target' : '  ✗ misses target';
  console.log(`  ${r.id.padEnd(42)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.target === null ? '' : `target ${r.target}`}${ok}`);
}

export function meets(value: number, target: string): boolean {
  const m = target.match(/^(<=|>=|<|>)\s*([\d.]+)/);
  if (!m) return true;
  const t = Number(m[2]);
  switch (m[1]) {
    case '<':
      return value < t;
    case '<=':
      return value <= t;
    case '>':
      return value > t;
    default:
      return value >= t;
  }
}

export function allResults(): BenchResult[] {
  return results;
}

export function writeResults(file: string): void {
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4);
}

export interface Timing {
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

/** Runs `fn` `warmup` times unmeasured, then `iterations` times; milliseconds per call. */
export async function time(fn: () => unknown | Promise<unknown>, iterations = 200, warmup = 20): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export function summarize(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / s.length, samples: s.length };
}
