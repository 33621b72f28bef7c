import { z } from 'zod';
import { KpiPeriod, periodEdges } from '../lead';
import { Segment } from '../../kernel/customer';
import { Id, Instant } from '../../kernel/primitives';
import { SurveyAnswer, isDetractor } from './answer';
import { ces, csat, DEFAULT_INDEX_WEIGHTS, nps, responseRate, satisfactionIndex, type IndexWeights } from './metrics';
import { MIN_RANKED_SAMPLE, shrink, topsis, type Criterion } from './topsis';

/**
 * The lead console's customer-perceived quality (issue 18): CSAT, NPS, CES and the satisfaction index per team, agent,
 * channel, product or customer segment, per period, with response rates; and the TOPSIS ranking of agents or teams.
 * Pure: the server reads the surveys of a window into `SurveyFact`s and hands them here.
 */
export const SurveyDimension = z.enum(['team', 'agent', 'channel', 'product', 'segment']);
export type SurveyDimension = z.infer<typeof SurveyDimension>;

/** One survey sent, and its answer if any. */
export interface SurveyFact {
  teamId: string;
  /** who the answer counts for (who resolved the case) */
  agentId: string | null;
  channel: string;
  /** the device kind of the case, null when it named none */
  product: string | null;
  /** null when the customer is gone (erased) */
  segment: Segment | null;
  sentAt: number;
  answeredAt: number | null;
  answer: SurveyAnswer | null;
}

export const SurveyReportQuery = z
  .object({
    from: Instant,
    to: Instant,
    period: KpiPeriod.default('week'),
    by: SurveyDimension.default('team'),
    teamId: Id.optional(),
    timeZone: z.string().min(1).max(64).default('UTC'),
    /** the index's weights version to compute with (default: the current one); a query string's number */
    indexVersion: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type SurveyReportQuery = z.infer<typeof SurveyReportQuery>;

const Share = z.number().nullable();
export const SurveyFigures = z.object({
  sent: z.number().int(),
  answered: z.number().int(),
  /** answered / sent, 0–1 */
  responseRate: Share,
  /** 0–1: the share of 4–5 answers */
  csat: Share,
  /** −100 – 100 */
  nps: Share,
  /** mean effort 1–7, lower is better */
  ces: Share,
  /** satisfaction index 0–100 with the weights' version */
  index: Share,
  detractors: z.number().int(),
});
export type SurveyFigures = z.infer<typeof SurveyFigures>;

export const SurveyReportRow = SurveyFigures.extend({
  /** the period's first day (yyyy-mm-dd, local), or 'all' for the whole window */
  period: z.string(),
  key: z.string().nullable(),
});
export type SurveyReportRow = z.infer<typeof SurveyReportRow>;

export const SurveyReport = z.object({
  rows: z.array(SurveyReportRow),
  names: z.record(z.string(), z.string()),
  indexVersion: z.number().int(),
  generatedAt: Instant,
});
export type SurveyReport = z.infer<typeof SurveyReport>;

/** The figures of a set of surveys: counted by when they were sent (the response rate needs both halves). */
export function surveyFigures(facts: readonly SurveyFact[], weights: IndexWeights = DEFAULT_INDEX_WEIGHTS): SurveyFigures {
  const answers = facts.flatMap((f) => (f.answer ? [f.answer] : []));
  return {
    sent: facts.length,
    answered: answers.length,
    responseRate: responseRate(facts.length, answers.length),
    csat: csat(answers).value,
    nps: nps(answers).value,
    ces: ces(answers).value,
    index: satisfactionIndex(answers, weights).value,
    detractors: answers.filter(isDetractor).length,
  };
}

export function surveyKey(f: SurveyFact, by: SurveyDimension): string | null {
  switch (by) {
    case 'team':
      return f.teamId;
    case 'agent':
      return f.agentId;
    case 'channel':
      return f.channel;
    case 'product':
      return f.product;
    case 'segment':
      return f.segment;
  }
}

/** Rows per period and key (the trend) and one 'all' row per key (the window), keys in first-seen order. */
export function computeSurveyReport(facts: readonly SurveyFact[], q: SurveyReportQuery, weights: IndexWeights = DEFAULT_INDEX_WEIGHTS): SurveyReportRow[] {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const inWindow = facts.filter((f) => f.sentAt >= from && f.sentAt < to);
  const { starts, labels } = periodEdges(from, to, q.period, q.timeZone);
  const groups = new Map<string | null, SurveyFact[]>();
  for (const f of inWindow) {
    const k = surveyKey(f, q.by);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  const rows: SurveyReportRow[] = [];
  for (const [key, list] of groups) {
    rows.push({ period: 'all', key, ...surveyFigures(list, weights) });
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? to;
      const inPeriod = list.filter((f) => f.sentAt >= start && f.sentAt < end);
      if (inPeriod.length) rows.push({ period: labels[i]!, key, ...surveyFigures(inPeriod, weights) });
    });
  }
  return rows;
}

/** The criteria agents and teams are ranked on; NPS is shifted to 0–200 (TOPSIS needs values ≥ 0). */
export const RANKING_CRITERIA = [
  { id: 'csat', direction: 'benefit' },
  { id: 'nps', direction: 'benefit' },
  { id: 'ces', direction: 'cost' },
  { id: 'index', direction: 'benefit' },
  { id: 'responseRate', direction: 'benefit' },
] as const satisfies readonly Criterion[];
export type RankingCriterion = (typeof RANKING_CRITERIA)[number]['id'];

export const SurveyRankingQuery = z
  .object({ from: Instant, to: Instant, by: z.enum(['agent', 'team']).default('agent'), teamId: Id.optional() })
  .strict();
export type SurveyRankingQuery = z.infer<typeof SurveyRankingQuery>;

export const SurveyRankingRow = z.object({
  key: z.string(),
  answered: z.number().int(),
  /** the figures as measured */
  raw: z.record(z.string(), z.number().nullable()),
  /** after shrinking toward the group's mean (what is ranked) */
  shrunk: z.record(z.string(), z.number()),
  closeness: z.number(),
  /** 1 = best; null for too few answers to be called best or worst */
  rank: z.number().int().nullable(),
  fewAnswers: z.boolean(),
  /** per criterion, 0 (the group's worst) – 1 (the best): why it ranks where it does */
  position: z.record(z.string(), z.number()),
});
export type SurveyRankingRow = z.infer<typeof SurveyRankingRow>;

export const SurveyRanking = z.object({
  /** the entropy weights TOPSIS derived, per criterion */
  weights: z.record(z.string(), z.number()),
  rows: z.array(SurveyRankingRow),
  names: z.record(z.string(), z.string()),
  minSample: z.number().int(),
});
export type SurveyRanking = z.infer<typeof SurveyRanking>;

/**
 * Entropy-weighted TOPSIS over the agents (or teams) that have answers. Each figure is first shrunk toward the group's
 * mean by how many answers had it (`shrink`, a Bayesian average), so a figure from two answers barely leaves the mean;
 * an alternative with fewer than MIN_RANKED_SAMPLE answers is shown with its closeness, flagged, and given no rank.
 */
export function rankSurveys(facts: readonly SurveyFact[], by: 'agent' | 'team', weights: IndexWeights = DEFAULT_INDEX_WEIGHTS): Omit<SurveyRanking, 'names'> {
  const groups = new Map<string, SurveyFact[]>();
  for (const f of facts) {
    const k = by === 'agent' ? f.agentId : f.teamId;
    if (!k) continue;
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  const measured = [...groups]
    .map(([key, list]) => {
      const answers = list.flatMap((f) => (f.answer ? [f.answer] : []));
      const figs = surveyFigures(list, weights);
      const raw: Record<RankingCriterion, number | null> = {
        csat: figs.csat,
        nps: figs.nps === null ? null : figs.nps + 100,
        ces: figs.ces,
        index: figs.index,
        responseRate: figs.responseRate,
      };
      const n: Record<RankingCriterion, number> = {
        csat: csat(answers).n,
        nps: nps(answers).n,
        ces: ces(answers).n,
        index: answers.filter((a) => Object.keys(a.dimensions ?? {}).length > 0).length,
        responseRate: list.length,
      };
      return { key, answered: answers.length, raw, n };
    })
    .filter((m) => m.answered > 0);
  // the group's mean of each criterion, weighted by how many answers had it
  const groupMean = Object.fromEntries(
    RANKING_CRITERIA.map(({ id }) => {
      let sum = 0;
      let count = 0;
      for (const m of measured) {
        const v = m.raw[id];
        if (v !== null) {
          sum += v * m.n[id];
          count += m.n[id];
        }
      }
      return [id, count ? sum / count : 0];
    }),
  ) as Record<RankingCriterion, number>;
  const shrunk = measured.map((m) =>
    Object.fromEntries(RANKING_CRITERIA.map(({ id }) => [id, m.raw[id] === null ? groupMean[id] : shrink(m.raw[id]!, m.n[id], groupMean[id])])) as Record<RankingCriterion, number>,
  );
  const result = measured.length
    ? topsis(
        RANKING_CRITERIA,
        measured.map((m, i) => ({ id: m.key, values: RANKING_CRITERIA.map(({ id }) => shrunk[i]![id]) })),
      )
    : { weights: RANKING_CRITERIA.map(() => 1 / RANKING_CRITERIA.length), ranked: [] };
  let rank = 0;
  const rows = result.ranked.map((r) => {
    const i = measured.findIndex((m) => m.key === r.id);
    const m = measured[i]!;
    const fewAnswers = m.answered < MIN_RANKED_SAMPLE;
    return {
      key: m.key,
      answered: m.answered,
      raw: { ...m.raw, nps: m.raw.nps === null ? null : m.raw.nps - 100 },
      shrunk: { ...shrunk[i]!, nps: shrunk[i]!.nps - 100 },
      closeness: r.closeness,
      rank: fewAnswers ? null : ++rank,
      fewAnswers,
      position: Object.fromEntries(RANKING_CRITERIA.map(({ id }, j) => [id, r.position[j]!])),
    };
  });
  return { weights: Object.fromEntries(RANKING_CRITERIA.map(({ id }, j) => [id, result.weights[j]!])), rows, minSample: MIN_RANKED_SAMPLE };
}
