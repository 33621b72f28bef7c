import { DEFAULT_INDEX_WEIGHTS, IndexWeightMap, type IndexWeights, type IndexWeightsResponse } from '../../../shared/features/surveys';
import { toIso, type Queryable } from '../../kernel/db/types';

/**
 * The satisfaction index's weights (issue 18), versioned: an admin's change adds the next version, nothing is
 * overwritten, so a report can say which weights it used and old figures stay comparable. No row yet: DOMAIN.md's
 * defaults, version 1.
 */
export async function weightsHistory(q: Queryable): Promise<IndexWeightsResponse> {
  const { rows } = await q.query<{ version: number; weights: unknown; created_at: unknown }>('select version, weights, created_at from survey_index_weights order by version desc limit 100');
  const history = rows.map((r) => ({ version: r.version, weights: IndexWeightMap.parse(r.weights), createdAt: toIso(r.created_at) }));
  const current: IndexWeights = history[0] ? { version: history[0].version, weights: history[0].weights } : DEFAULT_INDEX_WEIGHTS;
  return { current, history };
}

export async function weightsOf(q: Queryable, version?: number): Promise<IndexWeights> {
  if (version === undefined) return (await weightsHistory(q)).current;
  const { rows } = await q.query<{ weights: unknown }>('select weights from survey_index_weights where version = $1', [version]);
  if (rows[0]) return { version, weights: IndexWeightMap.parse(rows[0].weights) };
  return version === DEFAULT_INDEX_WEIGHTS.version ? DEFAULT_INDEX_WEIGHTS : (await weightsHistory(q)).current;
}

/** Stores new weights as the next version (the first change after the defaults is version 2). */
export async function saveWeights(q: Queryable, weights: IndexWeights['weights'], by: string, now = Date.now()): Promise<number> {
  const { rows } = await q.query<{ v: number | null }>('select max(version) as v from survey_index_weights');
  const version = Math.max(rows[0]?.v ?? 0, DEFAULT_INDEX_WEIGHTS.version) + 1;
  await q.query('insert into survey_index_weights (version, weights, created_at, created_by) values ($1, $2::jsonb, $3, $4)', [version, JSON.stringify(weights), new Date(now).toISOString(), by]);
  return version;
}
