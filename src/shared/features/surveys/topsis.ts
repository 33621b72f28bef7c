/**
 * Ranking agents and teams across quality criteria with entropy-weighted TOPSIS (issue 18, DOMAIN.md).
 *
 * Entropy weighting: a criterion on which everyone is alike tells nothing apart and gets little weight; one that
 * spreads them gets more (Shannon entropy of each column's shares). TOPSIS then ranks each alternative by how close
 * it is to the ideal (best on every criterion) and how far from the anti-ideal, after vector normalisation.
 * Small samples are shrunk toward the group's mean first and flagged, so two answers never make a best or worst agent.
 */

export interface Criterion {
  id: string;
  /** benefit: higher is better (CSAT); cost: lower is better (CES, response time) */
  direction: 'benefit' | 'cost';
}

export interface Alternative {
  id: string;
  /** one value per criterion, in the criteria's order (all ≥ 0) */
  values: readonly number[];
}

export interface RankedAlternative {
  id: string;
  /** closeness to the ideal, 0–1 (1: best on every criterion) */
  closeness: number;
  rank: number;
  /** per criterion, where this alternative sits between the worst (0) and the best (1) of the group: why it ranks so */
  position: number[];
}

export interface TopsisResult {
  /** the weights derived from the data, in the criteria's order (sum 1) */
  weights: number[];
  ranked: RankedAlternative[];
}

/** Entropy weights of the columns of `m` (rows: alternatives; values ≥ 0). Equal weights when no column varies. */
export function entropyWeights(m: readonly (readonly number[])[]): number[] {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  if (rows < 2 || cols === 0) return Array.from({ length: cols }, () => (cols ? 1 / cols : 0));
  const k = 1 / Math.log(rows);
  const d: number[] = [];
  for (let j = 0; j < cols; j++) {
    const total = m.reduce((s, r) => s + r[j]!, 0);
    let e = 0;
    if (total > 0) {
      for (const r of m) {
        const p = r[j]! / total;
        if (p > 0) e -= p * Math.log(p);
      }
      e *= k;
    } else e = 1;
    d.push(Math.max(0, 1 - e));
  }
  const sum = d.reduce((s, x) => s + x, 0);
  return sum > 0 ? d.map((x) => x / sum) : d.map(() => 1 / cols);
}

/** TOPSIS over `alternatives` with the given weights (entropy weights of the data when none are given). */
export function topsis(criteria: readonly Criterion[], alternatives: readonly Alternative[], weights?: readonly number[]): TopsisResult {
  const m = alternatives.map((a) => {
    if (a.values.length !== criteria.length) throw new Error(`alternative ${a.id}: ${a.values.length} values for ${criteria.length} criteria`);
    if (a.values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`alternative ${a.id}: values must be finite and ≥ 0`);
    return a.values;
  });
  const w = weights ? [...weights] : entropyWeights(m);
  const norms = criteria.map((_, j) => Math.sqrt(m.reduce((s, r) => s + r[j]! ** 2, 0)));
  const v = m.map((r) => r.map((x, j) => (norms[j]! > 0 ? (x / norms[j]!) * w[j]! : 0)));
  const best = criteria.map((c, j) => (c.direction === 'benefit' ? Math.max(...v.map((r) => r[j]!)) : Math.min(...v.map((r) => r[j]!))));
  const worst = criteria.map((c, j) => (c.direction === 'benefit' ? Math.min(...v.map((r) => r[j]!)) : Math.max(...v.map((r) => r[j]!))));
  const dist = (r: readonly number[], to: readonly number[]) => Math.sqrt(r.reduce((s, x, j) => s + (x - to[j]!) ** 2, 0));
  const scored = alternatives.map((a, i) => {
    const plus = dist(v[i]!, best);
    const minus = dist(v[i]!, worst);
    const closeness = plus + minus > 0 ? minus / (plus + minus) : 0.5;
    const position = criteria.map((_, j) => (best[j] === worst[j] ? 1 : (v[i]![j]! - worst[j]!) / (best[j]! - worst[j]!)));
    return { id: a.id, closeness, position };
  });
  const order = [...scored].sort((a, b) => b.closeness - a.closeness || a.id.localeCompare(b.id));
  return { weights: w, ranked: order.map((s, i) => ({ ...s, rank: i + 1 })) };
}

/**
 * A mean from few answers pulled toward the group's mean (a Bayesian average): `prior` answers' worth of the group
 * mean are added to the `n` the agent has. Two answers barely move an agent off the mean; two hundred stand.
 */
export function shrink(mean: number, n: number, groupMean: number, prior = 10): number {
  return n + prior > 0 ? (mean * n + groupMean * prior) / (n + prior) : groupMean;
}

/** Fewer answers than this: the agent is shown, flagged "few answers", and never called best or worst. */
export const MIN_RANKED_SAMPLE = 10;
