/**
 * The labelled sentiment set (tests/fixtures/sentiment, written apart from the mood detector) and its scoring. The
 * held-out half is scored in aggregate only: nothing here prints its texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MoodLabel } from '../../src/shared/features/escalation';

export interface SentimentItem {
  id: string;
  lang: 'en' | 'zh-CN';
  channel: string;
  text: string;
  label: MoodLabel;
  asks: string[];
}

/** tuning and train may be read while developing; heldout is only measured */
export type SentimentHalf = 'tuning' | 'train' | 'train2' | 'heldout';

/** Everything the detector may learn from: the tuning half and the training sets of the second and third authors. */
export function loadTrainingMaterial(): SentimentItem[] {
  return [...loadSentimentSet('tuning'), ...(['train', 'train2'] as const).filter((h) => existsSync(setPath(h))).flatMap(loadSentimentSet)];
}

const setPath = (half: SentimentHalf) => join(import.meta.dirname, '..', 'fixtures', 'sentiment', `${half}.jsonl`);

export function loadSentimentSet(half: SentimentHalf): SentimentItem[] {
  return readFileSync(setPath(half), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SentimentItem);
}

export interface SentimentScore {
  n: number;
  accuracy: number;
  /** per label: recall (found ÷ labelled) and precision (right ÷ predicted) */
  labels: Record<MoodLabel, { n: number; recall: number; precision: number }>;
  /** asks: a message's set of asks equal to the labelled set */
  asksExact: number;
  asksRecall: number;
  asksPrecision: number;
}

export function scoreSentiment(items: readonly SentimentItem[], predict: (it: SentimentItem) => { mood: MoodLabel; asks: string[] }): SentimentScore {
  const labels = {} as SentimentScore['labels'];
  const preds = items.map((it) => ({ it, p: predict(it) }));
  for (const l of ['anxious', 'angry', 'negative', 'neutral'] as MoodLabel[]) {
    const labelled = preds.filter((x) => x.it.label === l);
    const predicted = preds.filter((x) => x.p.mood === l);
    const right = labelled.filter((x) => x.p.mood === l).length;
    labels[l] = { n: labelled.length, recall: labelled.length ? right / labelled.length : 1, precision: predicted.length ? right / predicted.length : 1 };
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  for (const { it, p } of preds) {
    const want = new Set(it.asks);
    const got = new Set(p.asks);
    for (const a of got) {
      if (want.has(a)) tp++;
      else fp++;
    }
    for (const a of want) if (!got.has(a)) fn++;
    if (want.size === got.size && [...want].every((a) => got.has(a))) exact++;
  }
  return {
    n: items.length,
    accuracy: preds.filter((x) => x.p.mood === x.it.label).length / items.length,
    labels,
    asksExact: exact / items.length,
    asksRecall: tp + fn ? tp / (tp + fn) : 1,
    asksPrecision: tp + fp ? tp / (tp + fp) : 1,
  };
}
