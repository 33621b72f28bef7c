import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../../src/shared/kernel/agent';
import type { Case } from '../../../../src/shared/kernel/case';
import { authorOf, Event } from '../../../../src/shared/kernel/event';
import type { HandoffSummary, ScriptEntry } from '../../../../src/shared/kernel/escalation';
import { decideMutation, type DecideContext } from '../../../../src/shared/kernel/mutation';
import { applyToCase } from '../../../../src/shared/kernel/projection';
import { MUTATION_DEFS, type MutationArgs, type MutationName } from '../../../../src/shared/mutations';
import { CHAIN_GENESIS, verifyChain, type ChainRecord } from '../../../../src/shared/features/escalation';
import { agent, baseCase, customer, id, lena, mei, wang } from './fixtures';

/** The escalation decisions (issue 13) and what their events do to the case. */
const other = agent(4, 'agent');

class World {
  k: Case = baseCase;
  log: Event[] = [];
  private n = 0;
  decide<N extends MutationName>(who: Agent, name: N, args: MutationArgs<N>) {
    const mutationId = id(1000 + ++this.n);
    const ctx: DecideContext = {
      agent: who, mutationId,
      case: (x) => (x === this.k.id ? this.k : null),
      thread: () => null,
      customer: (x) => (x === customer.id ? customer : null),
      member: (x) => [mei, lena, wang, other].find((a) => a.id === x) ?? null,
      event: () => null,
    };
    const d = decideMutation(MUTATION_DEFS.get(name)!, args, ctx);
    if (d.ok) {
      const e = Event.parse({ ...d.event, id: mutationId, seq: this.n, occurredAt: new Date(Date.UTC(2026, 4, 1, 9, this.n)).toISOString(), author: authorOf(who) });
      this.log.push(e);
      this.k = applyToCase(this.k, e);
    }
    return d;
  }
  records(): ChainRecord[] {
    return this.log.flatMap((e) => (e.kind === 'script.recorded' ? [{ id: e.id, authorId: e.author.id ?? null, entry: e.meta.entry, prev: e.meta.prev, hash: e.meta.hash }] : []));
  }
}

const RUN = id(500);
const start: ScriptEntry = { type: 'started', runId: RUN, scriptId: 'anxious-customer', revision: 1, ruleId: 'anxious-customer' };
const answer: ScriptEntry = { type: 'answered', runId: RUN, stepId: 'ask', questionId: 'hurt', value: false };
const SUMMARY: HandoffSummary = { problem: 'Watch did not detect fall', device: 'smart_watch Guardian Watch 2', mood: 'anxious', safety: false, tried: [], answers: [{ question: 'Is anyone hurt?', answer: 'No' }], open: [], note: 'please call back' };

describe('script.record', () => {
  it('starts a run, records answers chained to the case head, ends the run; the chain verifies', () => {
    const w = new World();
    expect(w.decide(mei, 'script.record', { caseId: baseCase.id, entry: start }).ok).toBe(true);
    expect(w.decide(mei, 'script.record', { caseId: baseCase.id, entry: answer }).ok).toBe(true);
    expect(w.decide(mei, 'script.record', { caseId: baseCase.id, entry: { type: 'advanced', runId: RUN, stepId: 'ask', to: 'end' } }).ok).toBe(true);
    const recs = w.records();
    expect(recs[0]!.prev).toBe(CHAIN_GENESIS);
    expect(recs[1]!.prev).toBe(recs[0]!.hash);
    expect(w.k.escalation!.chainHead).toBe(recs[2]!.hash);
    expect(w.k.escalation!.runs).toEqual([expect.objectContaining({ runId: RUN, scriptId: 'anxious-customer', done: true })]);
    expect(verifyChain(recs)).toBeNull();
  });
  it.each([
    { name: 'an entry of a run that never started', setup: [] as ScriptEntry[], entry: answer, who: mei, code: 'NOT_FOUND' },
    { name: 'a second start of the same run', setup: [start], entry: start, who: mei, code: 'CONFLICT' },
    { name: 'the same script twice at once', setup: [start], entry: { ...start, runId: id(501) }, who: mei, code: 'CONFLICT' },
    { name: 'an entry after the run ended', setup: [start, { type: 'overridden', runId: RUN, stepId: 'ask', to: 'end', reason: 'hung up' }], entry: answer, who: mei, code: 'CONFLICT' },
    { name: "another agent's case", setup: [], entry: start, who: other, code: 'FORBIDDEN' },
  ] as { name: string; setup: ScriptEntry[]; entry: ScriptEntry; who: Agent; code: string }[])('refuses $name ($code)', ({ setup, entry, who, code }) => {
    const w = new World();
    for (const s of setup) expect(w.decide(mei, 'script.record', { caseId: baseCase.id, entry: s }).ok).toBe(true);
    const d = w.decide(who, 'script.record', { caseId: baseCase.id, entry });
    expect(d.ok ? 'ok' : d.error.code).toBe(code);
  });
  it('a lead may record on any case of the team', () => {
    expect(new World().decide(lena, 'script.record', { caseId: baseCase.id, entry: start }).ok).toBe(true);
  });
});

describe('case.handoff', () => {
  it('puts the case on the lead queue with its summary', () => {
    const w = new World();
    expect(w.decide(mei, 'case.handoff', { caseId: baseCase.id, to: 'lead', summary: SUMMARY, ruleId: 'anxious-customer' }).ok).toBe(true);
    expect(w.k.escalation!.handoff).toMatchObject({ to: 'lead', byId: mei.id });
    expect(w.log.at(-1)).toMatchObject({ kind: 'case.handed_off', meta: { summary: SUMMARY } });
  });
});

describe('compensation approval', () => {
  it('an agent asks for a medium tier; the lead approves; the agent sees it approved', () => {
    const w = new World();
    const d = w.decide(mei, 'approval.request', { caseId: baseCase.id, tier: 'medium', note: 'refund of the watch' });
    expect(d.ok).toBe(true);
    const approvalId = w.log.at(-1)!.id;
    expect(w.k.escalation!.approvals).toEqual([expect.objectContaining({ id: approvalId, tier: 'medium', state: 'pending', requestedById: mei.id })]);
    expect(w.decide(lena, 'approval.decide', { caseId: baseCase.id, approvalId, approved: true, reason: '' }).ok).toBe(true);
    expect(w.k.escalation!.approvals[0]).toMatchObject({ state: 'approved', decidedById: lena.id });
  });
  it.each([
    { name: 'a basic tier within the agent’s authority', who: mei, tier: 'basic', code: 'INVALID_ARGUMENT' },
    { name: 'a tier within a lead’s own authority', who: lena, tier: 'severe', code: 'INVALID_ARGUMENT' },
  ] as const)('a request is refused for $name', ({ who, tier, code }) => {
    const d = new World().decide(who, 'approval.request', { caseId: baseCase.id, tier, note: '' });
    expect(d.ok ? 'ok' : d.error.code).toBe(code);
  });
  it('one pending approval at a time; only a lead decides; a decline needs a reason; decided once', () => {
    const w = new World();
    w.decide(mei, 'approval.request', { caseId: baseCase.id, tier: 'severe', note: 'hospital bill' });
    const approvalId = w.log.at(-1)!.id;
    const code = (d: ReturnType<World['decide']>) => (d.ok ? 'ok' : d.error.code);
    expect(code(w.decide(mei, 'approval.request', { caseId: baseCase.id, tier: 'medium', note: '' }))).toBe('CONFLICT');
    expect(code(w.decide(mei, 'approval.decide', { caseId: baseCase.id, approvalId, approved: true, reason: '' }))).toBe('FORBIDDEN');
    expect(code(w.decide(wang, 'approval.decide', { caseId: baseCase.id, approvalId, approved: true, reason: '' }))).toBe('FORBIDDEN');
    expect(code(w.decide(lena, 'approval.decide', { caseId: baseCase.id, approvalId, approved: false, reason: '' }))).toBe('INVALID_ARGUMENT');
    expect(code(w.decide(lena, 'approval.decide', { caseId: baseCase.id, approvalId, approved: false, reason: 'the device was dropped' }))).toBe('ok');
    expect(w.k.escalation!.approvals[0]!.state).toBe('declined');
    expect(code(w.decide(lena, 'approval.decide', { caseId: baseCase.id, approvalId, approved: true, reason: '' }))).toBe('CONFLICT');
  });
});

describe('escalation.fired in the projection', () => {
  const fired = (ruleId: string, actions: unknown[], n = 1): Event =>
    Event.parse({
      id: id(700 + n), seq: 700 + n, customerId: customer.id, caseId: baseCase.id, threadId: null, channel: 'internal', body: null,
      author: { type: 'system', id: null, name: 'Omnidesk' }, occurredAt: '2026-05-01T10:00:00.000Z', kind: 'escalation.fired',
      meta: { ruleId, trigger: 'vip', detail: null, actions },
    });
  it('raises the priority (never lowers it), adds tags once, and remembers the rule', () => {
    let k = applyToCase(baseCase, fired('vip', [{ type: 'raise_priority', to: 'P1' }, { type: 'add_tag', tag: 'vip' }]));
    expect(k).toMatchObject({ priority: 'P1', escalation: { fired: ['vip'], tags: ['vip'] } });
    k = applyToCase(k, fired('low', [{ type: 'raise_priority', to: 'P3' }, { type: 'add_tag', tag: 'vip' }], 2));
    expect(k).toMatchObject({ priority: 'P1', escalation: { fired: ['vip', 'low'], tags: ['vip'] } });
    expect(applyToCase(k, fired('vip', [{ type: 'raise_priority', to: 'P0' }], 3))).toBe(k);
  });
});
