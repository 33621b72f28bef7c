import { describe, expect, it } from 'vitest';
import { checkEntry, missingAnswers, nextStep, runState, Script, stepOf, verifyChain, linkHash, CHAIN_GENESIS, type ChainRecord } from '../../../../src/shared/features/escalation';
import type { ScriptEntry } from '../../../../src/shared/kernel/escalation';

/** The script runner (issue 13): branching on answers, required answers, resuming from the record, the hash chain. */
const L = (en: string) => ({ en, 'zh-CN': `${en}（中文）` });
const script = Script.parse({
  id: 'calm',
  title: L('Calm'),
  steps: [
    {
      id: 'ask',
      title: L('Ask'),
      questions: [
        { id: 'hurt', prompt: L('Is anyone hurt?'), type: 'yesno' },
        { id: 'pain', prompt: L('Pain 0-10'), type: 'number', required: false },
        { id: 'what', prompt: L('What happened?'), type: 'choice', options: [{ id: 'burn', label: L('Burn') }, { id: 'rash', label: L('Rash') }] },
      ],
      next: [
        { when: { question: 'hurt', equals: true }, goto: 'care' },
        { when: { question: 'pain', gte: 7 }, goto: 'care' },
        { goto: 'callback' },
      ],
    },
    { id: 'care', title: L('Seek care'), say: [L('Please see a doctor today.')], questions: [{ id: 'when', prompt: L('When?'), type: 'date' }] },
    { id: 'callback', title: L('Callback'), questions: [{ id: 'time', prompt: L('Best time'), type: 'text' }] },
  ],
});
const RUN = '01890000-0000-7000-8000-000000000001';
const e = {
  answer: (stepId: string, questionId: string, value: boolean | number | string): ScriptEntry => ({ type: 'answered', runId: RUN, stepId, questionId, value }),
  skip: (stepId: string, questionId: string, reason: string): ScriptEntry => ({ type: 'skipped', runId: RUN, stepId, questionId, reason }),
  advance: (stepId: string, to: string): ScriptEntry => ({ type: 'advanced', runId: RUN, stepId, to }),
  override: (stepId: string, to: string, reason: string): ScriptEntry => ({ type: 'overridden', runId: RUN, stepId, to, reason }),
};
const started: ScriptEntry = { type: 'started', runId: RUN, scriptId: 'calm', revision: 1, ruleId: 'anxious' };

describe('script runner', () => {
  it.each([
    { answers: { hurt: true }, to: 'care' },
    { answers: { hurt: false, pain: 8 }, to: 'care' },
    { answers: { hurt: false, pain: 3 }, to: 'callback' },
    { answers: { hurt: false }, to: 'callback' },
    { answers: {}, to: 'callback' },
  ])('from "ask" with $answers the script goes to $to', ({ answers, to }) => {
    expect(nextStep(script, 'ask', answers as Record<string, boolean | number>)).toBe(to);
  });
  it('a step without `next` goes on to the step after it; the last one ends', () => {
    expect(nextStep(script, 'care', {})).toBe('callback');
    expect(nextStep(script, 'callback', {})).toBe('end');
  });

  it('required answers: moving on waits for them, a skip with a reason counts, optional ones never block', () => {
    let s = runState(script, [started])!;
    expect(missingAnswers(stepOf(script, 'ask')!, s).map((q) => q.id)).toEqual(['hurt', 'what']);
    expect(checkEntry(script, s, e.advance('ask', 'callback'))).toEqual({ ok: false, reason: 'answer or skip first: hurt, what' });
    expect(checkEntry(script, s, e.skip('ask', 'what', ' '))).toEqual({ ok: false, reason: 'a required question is skipped only with a reason' });
    s = runState(script, [started, e.answer('ask', 'hurt', false), e.skip('ask', 'what', 'customer did not say')])!;
    expect(checkEntry(script, s, e.advance('ask', 'callback'))).toEqual({ ok: true });
    expect(checkEntry(script, s, e.advance('ask', 'care'))).toEqual({ ok: false, reason: 'the answers lead elsewhere: override with a reason' });
    expect(checkEntry(script, s, e.override('ask', 'care', 'she sounds unwell'))).toEqual({ ok: true });
  });

  it.each([
    { q: 'hurt', v: 'yes', ok: false },
    { q: 'hurt', v: true, ok: true },
    { q: 'pain', v: '7', ok: false },
    { q: 'pain', v: 7, ok: true },
    { q: 'what', v: 'fire', ok: false },
    { q: 'what', v: 'burn', ok: true },
  ])('an answer of the wrong type is refused ($q = $v)', ({ q, v, ok }) => {
    expect(checkEntry(script, runState(script, [started])!, e.answer('ask', q, v)).ok).toBe(ok);
  });
  it('a date answer is YYYY-MM-DD; answers go to the current step only; an ended run takes nothing', () => {
    const atCare = runState(script, [started, e.answer('ask', 'hurt', true), e.answer('ask', 'what', 'burn'), e.advance('ask', 'care')])!;
    expect(checkEntry(script, atCare, e.answer('care', 'when', '2026-05-01')).ok).toBe(true);
    expect(checkEntry(script, atCare, e.answer('care', 'when', 'yesterday')).ok).toBe(false);
    expect(checkEntry(script, atCare, e.answer('ask', 'hurt', false))).toEqual({ ok: false, reason: 'that step is not the current one' });
    const ended = runState(script, [started, e.override('ask', 'end', 'customer hung up')])!;
    expect(ended.done).toBe(true);
    expect(checkEntry(script, ended, e.answer('end', 'x', 1))).toEqual({ ok: false, reason: 'the script has ended' });
  });

  it('resume: the state is a fold of the recorded entries, so a restart lands on the same step with the same answers', () => {
    const entries = [started, e.answer('ask', 'hurt', true), e.answer('ask', 'what', 'rash'), e.advance('ask', 'care'), e.answer('care', 'when', '2026-04-30')];
    const s = runState(script, entries)!;
    expect(s).toMatchObject({ stepId: 'care', path: ['ask', 'care'], answers: { hurt: true, what: 'rash', when: '2026-04-30' }, done: false });
    expect(runState(script, JSON.parse(JSON.stringify(entries)) as ScriptEntry[])).toEqual(s);
    expect(runState(script, [])).toBeNull();
  });
});

describe('the answers hash chain', () => {
  const chain = (entries: ScriptEntry[]): ChainRecord[] => {
    let prev = CHAIN_GENESIS;
    return entries.map((entry, i) => {
      const link = { id: `r${i}`, authorId: 'mei', entry };
      const hash = linkHash(prev, link);
      const r = { ...link, prev, hash };
      prev = hash;
      return r;
    });
  };
  const records = chain([started, e.answer('ask', 'hurt', true), e.answer('ask', 'what', 'burn'), e.advance('ask', 'care')]);

  it('a whole chain verifies', () => {
    expect(verifyChain(records)).toBeNull();
  });
  it('an edited answer is found at its position', () => {
    const edited = records.map((r, i) => (i === 1 ? { ...r, entry: { ...r.entry, value: false } as ScriptEntry } : r));
    expect(verifyChain(edited)).toEqual({ index: 1, kind: 'edited' });
  });
  it('a removed answer breaks the link after it', () => {
    expect(verifyChain(records.filter((_, i) => i !== 2))).toEqual({ index: 2, kind: 'relinked' });
  });
  it('a rewritten answer with a fresh hash still breaks the next link', () => {
    const forged = [...records];
    const entry = { ...forged[1]!.entry, value: false } as ScriptEntry;
    forged[1] = { ...forged[1]!, entry, hash: linkHash(forged[1]!.prev, { id: forged[1]!.id, authorId: 'mei', entry }) };
    expect(verifyChain(forged)).toEqual({ index: 2, kind: 'relinked' });
  });
  it('the hash does not depend on key order (canonical form)', () => {
    const a = linkHash(CHAIN_GENESIS, { id: 'x', authorId: 'mei', entry: started });
    const reordered = JSON.parse(JSON.stringify({ ruleId: 'anxious', revision: 1, scriptId: 'calm', runId: RUN, type: 'started' })) as ScriptEntry;
    expect(linkHash(CHAIN_GENESIS, { entry: reordered, authorId: 'mei', id: 'x' })).toBe(a);
  });
});
