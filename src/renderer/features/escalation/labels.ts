import { useEffect } from 'react';
import { create } from 'zustand';
import type { EscalationLabels } from '../../../shared/features/escalation/labels';
import { localize } from '../../../shared/features/escalation/text';
import type { AnswerValue } from '../../../shared/kernel/escalation';
import { useBridge } from '../../kernel/app/bridge-context';

/** Names for the ids escalation events record, read once from the desktop core and again when an id is not found. */
interface LabelStore {
  labels: EscalationLabels | null;
  loadedAt: number;
  set(labels: EscalationLabels): void;
}
const useLabelStore = create<LabelStore>((set) => ({ labels: null, loadedAt: 0, set: (labels) => set({ labels }) }));
/** a rule added since the labels were read shows its id until the next read, at most this often */
const RELOAD_MS = 30_000;

export interface EscalationNames {
  rule(id: string): string;
  script(id: string): string;
  step(id: string): string;
  question(id: string): string;
  answer(questionId: string, value: AnswerValue, yesNo: (v: boolean) => string): string;
}

/**
 * Entries other than `started` name their run, not their script: a step or question id is looked up across the
 * scripts in force (ids are unique within a script, and the shipped scripts do not share them). An id nobody knows
 * any more (a script edited since) is shown as it was recorded.
 */
export function escalationNames(labels: EscalationLabels | null, lang: string, onMiss: () => void): EscalationNames {
  const scripts = labels ? Object.values(labels.scripts) : [];
  const miss = (id: string) => {
    onMiss();
    return id;
  };
  const question = (id: string) => scripts.find((s) => s.questions[id])?.questions[id];
  return {
    rule: (id) => (labels?.rules[id] ? localize(labels.rules[id], lang) : miss(id)),
    script: (id) => (labels?.scripts[id] ? localize(labels.scripts[id].title, lang) : miss(id)),
    step: (id) => {
      const hit = scripts.find((s) => s.steps[id])?.steps[id];
      return hit ? localize(hit, lang) : miss(id);
    },
    question: (id) => {
      const q = question(id);
      return q ? localize(q.prompt, lang) : miss(id);
    },
    answer: (questionId, value, yesNo) => {
      if (typeof value === 'boolean') return yesNo(value);
      const label = typeof value === 'string' ? question(questionId)?.options[value] : undefined;
      return label ? localize(label, lang) : String(value);
    },
  };
}

export function useEscalationNames(lang: string): EscalationNames {
  const bridge = useBridge();
  const labels = useLabelStore((s) => s.labels);
  useEffect(() => {
    if (!useLabelStore.getState().labels) loadLabels(bridge);
  }, [bridge]);
  // a miss is found while rendering: the read starts after it
  return escalationNames(labels, lang, () => queueMicrotask(() => loadLabels(bridge)));
}

/** One read at a time and at most once per RELOAD_MS, however many timeline lines ask. */
function loadLabels(bridge: ReturnType<typeof useBridge>): void {
  const { loadedAt, set } = useLabelStore.getState();
  if (Date.now() - loadedAt < RELOAD_MS) return;
  useLabelStore.setState({ loadedAt: Date.now() });
  bridge.call('escalation.labels', {}).then(set, () => undefined);
}
