import { z } from 'zod';
import type { PerceptionDimension, SurveyAnswer } from './answer';

/** A figure over the answers that had its question: null when none had. */
export interface Figure {
  value: number | null;
  n: number;
}

const answered = <K extends 'csat' | 'nps' | 'ces'>(answers: readonly Pick<SurveyAnswer, K>[], k: K): number[] =>
  answers.map((a) => a[k]).filter((v): v is NonNullable<typeof v> => v !== undefined) as number[];

/** CSAT (DOMAIN.md): the share of 4–5 answers on the 1–5 scale, 0–1. */
export function csat(answers: readonly Pick<SurveyAnswer, 'csat'>[]): Figure {
  const v = answered(answers, 'csat');
  return { value: v.length ? v.filter((x) => x >= 4).length / v.length : null, n: v.length };
}

/** NPS (DOMAIN.md): % promoters (9–10) − % detractors (0–6), −100 to 100. */
export function nps(answers: readonly Pick<SurveyAnswer, 'nps'>[]): Figure {
  const v = answered(answers, 'nps');
  if (!v.length) return { value: null, n: 0 };
  const promoters = v.filter((x) => x >= 9).length;
  const detractors = v.filter((x) => x <= 6).length;
  return { value: ((promoters - detractors) / v.length) * 100, n: v.length };
}

/** CES (DOMAIN.md): the mean effort, 1 (very easy) – 7 (very hard); lower is better. */
export function ces(answers: readonly Pick<SurveyAnswer, 'ces'>[]): Figure {
  const v = answered(answers, 'ces');
  return { value: v.length ? v.reduce((s, x) => s + x, 0) / v.length : null, n: v.length };
}

/** The answers received of the surveys sent, 0–1. */
export function responseRate(sent: number, answeredCount: number): number | null {
  return sent > 0 ? Math.min(1, answeredCount / sent) : null;
}

/** The satisfaction index's components (DOMAIN.md), each read from one 1–5 survey question. */
export const INDEX_COMPONENTS = ['technicalSupport', 'responseSpeed', 'attitude', 'solutionEffectiveness', 'feeTransparency'] as const;
export type IndexComponent = (typeof INDEX_COMPONENTS)[number];
export const INDEX_QUESTION: Readonly<Record<IndexComponent, PerceptionDimension>> = {
  technicalSupport: 'expertise',
  responseSpeed: 'responsiveness',
  attitude: 'empathy',
  solutionEffectiveness: 'resolution',
  feeTransparency: 'fees',
};

/**
 * The index's weights, editable by admins and versioned (issue 18): a result names the version it was computed
 * with, so figures from before a change stay comparable with each other. Weights are ≥ 0 and sum to 1.
 */
const sumsToOne = (w: Record<string, number>) => Math.abs(Object.values(w).reduce((s, x) => s + x, 0) - 1) < 1e-6;
/** The weights alone (what an admin edits): each 0–1, together 1. */
export const IndexWeightMap = z
  .object(Object.fromEntries(INDEX_COMPONENTS.map((c) => [c, z.number().min(0).max(1)])) as Record<IndexComponent, z.ZodNumber>)
  .strict()
  .refine(sumsToOne, 'the weights must add up to 1');
export const IndexWeights = z.object({ version: z.number().int().positive(), weights: IndexWeightMap }).strict();
export type IndexWeights = z.infer<typeof IndexWeights>;

export const DEFAULT_INDEX_WEIGHTS: IndexWeights = {
  version: 1,
  weights: { technicalSupport: 0.35, responseSpeed: 0.25, attitude: 0.2, solutionEffectiveness: 0.15, feeTransparency: 0.05 },
};

export interface IndexResult {
  /** 0–100, or null when no answer rated any component */
  value: number | null;
  version: number;
  /** each component's mean rating (1–5) and how many rated it */
  components: Record<IndexComponent, Figure>;
}

/**
 * The satisfaction index (DOMAIN.md): each component's mean rating mapped to 0–100 ((mean − 1) / 4), weighted. A
 * component nobody rated drops out and the others' weights are scaled up, so a survey without the fee question
 * still has an index (the components shown say which were missing).
 */
export function satisfactionIndex(answers: readonly Pick<SurveyAnswer, 'dimensions'>[], w: IndexWeights = DEFAULT_INDEX_WEIGHTS): IndexResult {
  const components = {} as Record<IndexComponent, Figure>;
  let sum = 0;
  let weight = 0;
  for (const c of INDEX_COMPONENTS) {
    const v = answers.map((a) => a.dimensions?.[INDEX_QUESTION[c]]).filter((x): x is number => x !== undefined);
    const mean = v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
    components[c] = { value: mean, n: v.length };
    if (mean !== null && w.weights[c] > 0) {
      sum += w.weights[c] * ((mean - 1) / 4) * 100;
      weight += w.weights[c];
    }
  }
  return { value: weight > 0 ? sum / weight : null, version: w.version, components };
}
