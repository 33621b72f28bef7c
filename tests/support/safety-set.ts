/**
 * The labelled safety set (tests/fixtures/safety, written apart from the detector) and its scoring. The held-out
 * half is scored in aggregate only: nothing here prints its texts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafetyVerdict } from '../../src/shared/features/safety';

export interface SafetyItem {
  id: string;
  text: string;
  channel: string;
  language: 'en' | 'zh-CN' | 'zh-TW' | 'mixed';
  label: 'harm' | 'malfunction' | 'none';
  flag: boolean;
  severity: string | null;
  category: string;
  categories: string[];
  hard_negative: string | null;
}

/**
 * The sets. `tuning`: the first set's tuning half. `v1-heldout`: the first set's held-out half, read to fix misses on
 * 2026-12-06 and tuning material since. `v3` to `v10`: sets written as tuning material (tests/fixtures/safety/v3 … v10; v7 is ordinary
 * traffic with no harm), each by an author who read neither the detector nor the other sets.
 * `heldout`: the second set (tests/fixtures/safety/v2), written apart from the detector and the other sets, scored in
 * aggregate only.
 */
export type Half = 'tuning' | 'v1-heldout' | 'v3' | 'v4' | 'v5' | 'v6' | 'v7' | 'v8' | 'v9' | 'v10' | 'heldout';

const FILES: Record<Half, string[]> = {
  tuning: ['tuning.jsonl'],
  'v1-heldout': ['heldout.jsonl'],
  v3: ['v3', 'tuning-v3.jsonl'],
  v4: ['v4', 'tuning-v4.jsonl'],
  v5: ['v5', 'tuning-v5.jsonl'],
  v6: ['v6', 'tuning-v6.jsonl'],
  v7: ['v7', 'tuning-v7.jsonl'],
  v8: ['v8', 'tuning-v8.jsonl'],
  v9: ['v9', 'tuning-v9.jsonl'],
  v10: ['v10', 'tuning-v10.jsonl'],
  heldout: ['v2', 'heldout-v2.jsonl'],
};

export function loadSafetySet(half: Half): SafetyItem[] {
  const file = join(import.meta.dirname, '..', 'fixtures', 'safety', ...FILES[half]);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SafetyItem);
}

/** Everything a detector author may read: the first set (both halves), the third to the tenth (written as tuning material; the seventh is ordinary traffic with no harm). */
export function loadTuningMaterial(): SafetyItem[] {
  return (['tuning', 'v1-heldout', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10'] as const).flatMap(loadSafetySet);
}

export interface Score {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  recall: number;
  precision: number;
  f1: number;
}

export function score(items: readonly SafetyItem[], flagged: (item: SafetyItem) => boolean): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const it of items) {
    const f = flagged(it);
    if (f && it.flag) tp++;
    else if (f && !it.flag) fp++;
    else if (!f && it.flag) fn++;
  }
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { n: items.length, tp, fp, fn, recall, precision, f1 };
}

/** Scores per language, per labelled harm category (recall: an item counts under each of its categories) and per hard-negative kind (false flags). */
export function breakdown(items: readonly SafetyItem[], verdicts: ReadonlyMap<string, SafetyVerdict>) {
  const flagged = (it: SafetyItem) => verdicts.get(it.id)!.decision === 'harm';
  const language = Object.fromEntries(['en', 'zh-CN', 'zh-TW', 'mixed'].map((l) => [l, score(items.filter((it) => it.language === l), flagged)]));
  const categories = new Set(items.filter((it) => it.flag).flatMap((it) => it.categories));
  const category = Object.fromEntries([...categories].sort().map((c) => [c, score(items.filter((it) => it.flag && it.categories.includes(c)), flagged)]));
  const kinds = new Set(items.map((it) => it.hard_negative).filter((k): k is string => k !== null));
  const hardNegative = Object.fromEntries([...kinds].sort().map((k) => {
    const xs = items.filter((it) => it.hard_negative === k && !it.flag);
    return [k, { n: xs.length, falseFlags: xs.filter(flagged).length }];
  }));
  return { language, category, hardNegative };
}
