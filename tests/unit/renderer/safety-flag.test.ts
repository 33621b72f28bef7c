import { describe, expect, it } from 'vitest';
import { highlightSegments, safetyByMessage } from '../../../src/renderer/features/safety';
import type { TimelineItem } from '../../../src/shared/contracts/bridge';
import type { SafetyEvidence } from '../../../src/shared/kernel/safety-flag';

const msg = '00000000-0000-7000-8000-000000000001';
const flag = (id: string, categories: string[], evidence: SafetyEvidence[]): TimelineItem =>
  ({
    localState: 'synced',
    event: {
      id, seq: 2, customerId: msg, caseId: msg, threadId: msg, channel: 'internal', kind: 'safety.flagged', author: { type: 'system', id: null, name: null },
      body: null, occurredAt: '2026-12-05T10:00:00.000Z', meta: { messageId: msg, categories, evidence, confidence: 0.9, source: 'detector' },
    },
  }) as unknown as TimelineItem;

describe("a message's safety flag", () => {
  it('folds every flag of a message: categories once, all evidence', () => {
    const m = safetyByMessage([
      flag('00000000-0000-7000-8000-000000000002', ['burn_heat'], [{ start: 0, end: 4, category: 'burn_heat' }]),
      flag('00000000-0000-7000-8000-000000000003', ['burn_heat', 'skin'], [{ start: 10, end: 15, category: 'skin' }]),
    ]);
    expect(m.get(msg)).toEqual({ categories: ['burn_heat', 'skin'], evidence: [{ start: 0, end: 4, category: 'burn_heat' }, { start: 10, end: 15, category: 'skin' }] });
  });

  const body = 'it left a burn and a blister';
  it.each([
    ['marks each piece of evidence', [{ start: 10, end: 14 }, { start: 21, end: 28 }], ['it left a ', '[burn]', ' and a ', '[blister]']],
    ['merges overlaps and keeps order', [{ start: 21, end: 28 }, { start: 10, end: 16 }, { start: 12, end: 14 }], ['it left a ', '[burn a]', 'nd a ', '[blister]']],
    ['clips offsets beyond the text (a stale flag never garbles it)', [{ start: 25, end: 99 }, { start: 40, end: 50 }, { start: 5, end: 5 }], ['it left a burn and a blis', '[ter]']],
    ['leaves a body without evidence whole', [], ['it left a burn and a blister']],
  ])('%s', (_name, spans, want) => {
    const segments = highlightSegments(body, spans.map((s) => ({ ...s, category: 'skin' as const })));
    expect(segments.map((s) => (s.mark ? `[${s.text}]` : s.text))).toEqual(want);
    expect(segments.map((s) => s.text).join('')).toBe(body);
  });
});
