import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/shared/kernel/agent';
import type { Case, Thread } from '../../../src/shared/kernel/case';
import type { ComplaintRecord } from '../../../src/shared/kernel/complaint';
import type { Customer } from '../../../src/shared/kernel/customer';
import { authorOf, Event, type EventOf } from '../../../src/shared/kernel/event';
import { deterministicId } from '../../../src/shared/kernel/ids';
import { decideMutation, type DecideContext } from '../../../src/shared/kernel/mutation';
import { applyToCase } from '../../../src/shared/kernel/projection';
import { MUTATION_DEFS, type MutationArgs, type MutationName } from '../../../src/shared/mutations';
import { regulatoryClock, unreviewedInput, addWorkDays, type RegulatoryInput } from '../../../src/shared/features/safety/regulatory-clock';
import { awarenessOf, inSafetyQueue, safetyStanding, surveyAllowed } from '../../../src/shared/features/safety/review';

/** The safety review (issue 12): the shared decisions, the projection of their events, the regulatory clock. */
const T = Date.UTC(2026, 0, 1);
const id = (n: number) => deterministicId(T, n);
const TEAM = id(1);
const OTHER_TEAM = id(2);
const agent = (n: number, role: Agent['role'], teamIds = [TEAM]): Agent => ({
  id: id(100 + n), username: `u${n}`, displayName: `Person ${n}`, role, teamIds, languages: ['en'], presence: 'online',
});
const alice = agent(1, 'agent');
const wang = agent(2, 'specialist');
const lena = agent(3, 'lead');
const outsider = agent(4, 'specialist', [OTHER_TEAM]);

const customer: Customer = {
  id: id(10), teamId: TEAM, name: 'Test Customer', emails: ['t@example.com'], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false,
  devices: [{ kind: 'ecg_patch', model: 'CardioPatch 2', serial: 'CP2-0042', firmware: '3.1.4', warrantyUntil: '2027-01-01' }],
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const baseCase: Case = {
  id: id(20), customerId: customer.id, teamId: TEAM, subject: 'Patch', status: 'open', priority: 'P2', assigneeId: alice.id,
  openedAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z', firstResponseDueAt: '2026-05-01T00:30:00.000Z',
  resolutionDueAt: '2026-05-02T00:00:00.000Z', firstRespondedAt: null, resolvedAt: null,
};
const phoneThread: Thread = { id: id(30), customerId: customer.id, caseId: baseCase.id, channel: 'phone', subject: null, externalRef: 'call-1', openedAt: '2026-05-01T00:00:00.000Z' };
const MESSAGE_AT = '2026-05-01T08:00:00.000Z';
const message: Event = {
  id: id(40), seq: 5, customerId: customer.id, caseId: baseCase.id, threadId: id(31), channel: 'social', kind: 'message.received',
  author: { type: 'customer', id: customer.id, name: 'Test Customer' }, body: 'the patch left a mark', occurredAt: MESSAGE_AT,
  meta: { subject: null, providerMessageId: 'wamid.1', network: 'whatsapp' },
};

/** A world the decisions read, evolving as accepted events are applied (as the server's push does). */
class World {
  k: Case = baseCase;
  events = new Map<string, Event>([[message.id, message]]);
  private n = 0;
  private clock = Date.parse('2026-05-01T09:00:00.000Z');
  decide<N extends MutationName>(who: Agent, name: N, args: MutationArgs<N>) {
    const mutationId = id(1000 + ++this.n);
    const ctx: DecideContext = {
      agent: who,
      mutationId,
      case: (x) => (x === this.k.id ? this.k : null),
      thread: (x) => (x === phoneThread.id ? phoneThread : null),
      customer: (x) => (x === customer.id ? customer : null),
      member: (x) => [alice, wang, lena].find((a) => a.id === x) ?? null,
      event: (x) => {
        const e = this.events.get(x);
        return e && who.teamIds.includes(TEAM) ? e : null;
      },
    };
    const d = decideMutation(MUTATION_DEFS.get(name)!, args, ctx);
    if (!d.ok) return d;
    this.clock += 60_000;
    const e = Event.parse({ ...d.event, id: mutationId, seq: null, occurredAt: new Date(this.clock).toISOString(), author: authorOf(who) });
    this.events.set(e.id, e);
    this.k = applyToCase(this.k, e);
    return { ok: true as const, event: e };
  }
  /** decide and require acceptance */
  do<N extends MutationName>(who: Agent, name: N, args: MutationArgs<N>): Event {
    const d = this.decide(who, name, args);
    if (!d.ok) throw new Error(`${name} refused: ${d.error.code} ${d.error.message}`);
    return d.event;
  }
  refusal<N extends MutationName>(who: Agent, name: N, args: MutationArgs<N>): string {
    const d = this.decide(who, name, args);
    if (d.ok) throw new Error(`${name} accepted`);
    return d.error.code;
  }
}

describe('safety.flag: an agent raises a flag by hand on any message', () => {
  it('flags the message, puts the case at P0 and starts awareness at the message’s arrival, not at the flag', () => {
    const w = new World();
    const e = w.do(alice, 'safety.flag', { messageId: message.id, categories: ['skin', 'skin'], reason: 'customer describes a red mark' });
    expect(e.kind).toBe('safety.flagged');
    const f = e as EventOf<'safety.flagged'>;
    expect(f.meta).toMatchObject({ messageId: message.id, categories: ['skin'], source: 'agent', awareAt: MESSAGE_AT, channel: 'social', evidence: [] });
    expect(w.k.priority).toBe('P0');
    expect(w.k.safety?.flags).toEqual([{ id: e.id, messageId: message.id, state: 'open', categories: ['skin'], source: 'agent', awareAt: MESSAGE_AT, channel: 'social' }]);
    expect(awarenessOf(w.k)).toBe(MESSAGE_AT);
    expect(inSafetyQueue(w.k)).toBe(true);
  });
  it.each([
    ['an unknown message', () => ({ messageId: id(999) }), 'NOT_FOUND'],
    ['a case event (not a message)', (w: World) => {
      const ev: Event = { ...message, id: id(41), kind: 'case.priority_changed', body: null, meta: { from: 'P2', to: 'P1' } } as Event;
      w.events.set(ev.id, ev);
      return { messageId: ev.id };
    }, 'INVALID_ARGUMENT'],
    ['a message on no case', (w: World) => {
      const ev: Event = { ...message, id: id(42), caseId: null };
      w.events.set(ev.id, ev);
      return { messageId: ev.id };
    }, 'INVALID_ARGUMENT'],
  ])('refuses %s', (_label, make, code) => {
    const w = new World();
    const args = (make as (w: World) => { messageId: string })(w);
    expect(w.refusal(alice, 'safety.flag', { ...args, categories: ['injury'], reason: 'x' })).toBe(code);
  });
  it('refuses a second flag on a message already flagged, and accepts one again after a dismissal that stands', () => {
    const w = new World();
    const f = w.do(alice, 'safety.flag', { messageId: message.id, categories: ['injury'], reason: 'x' });
    expect(w.refusal(alice, 'safety.flag', { messageId: message.id, categories: ['burn_heat'], reason: 'y' })).toBe('CONFLICT');
    w.do(wang, 'safety.dismiss', { caseId: w.k.id, flagId: f.id, reason: 'a photo shows no injury' });
    expect(w.do(alice, 'safety.flag', { messageId: message.id, categories: ['burn_heat'], reason: 'the customer called again' }).kind).toBe('safety.flagged');
  });
  it('another team’s agent does not find the message', () => {
    const w = new World();
    expect(w.refusal(outsider, 'safety.flag', { messageId: message.id, categories: ['injury'], reason: 'x' })).toBe('NOT_FOUND');
  });
  it('a closed case takes a flag (harm found late still counts)', () => {
    const w = new World();
    w.k = { ...w.k, status: 'closed' };
    w.do(alice, 'safety.flag', { messageId: message.id, categories: ['injury'], reason: 'x' });
    expect(w.k.priority).toBe('P0');
  });
});

describe('note.add: the harm detector reads what the agent types (the same decision offline and on the server)', () => {
  it.each([
    ['English call note', 'Caller says the ECG patch burned her mother’s chest, she went to the ER.'],
    ['Chinese call note', '客户来电：心电贴把他母亲的胸口烫伤了，起了水泡。'],
  ])('%s: the note carries its flag, the case goes to P0 and into the safety queue', (_l, body) => {
    const w = new World();
    const e = w.do(alice, 'note.add', { customerId: customer.id, caseId: w.k.id, threadId: phoneThread.id, body });
    const note = e as EventOf<'note.added'>;
    expect(note.meta.safety?.channel).toBe('phone');
    expect(note.meta.safety?.categories.length).toBeGreaterThan(0);
    expect(note.meta.safety?.evidence.length).toBeGreaterThan(0);
    expect(w.k.priority).toBe('P0');
    expect(w.k.safety?.flags[0]).toMatchObject({ id: e.id, messageId: e.id, state: 'open', channel: 'phone', awareAt: e.occurredAt });
    expect(safetyStanding(w.k)).toBe('review');
  });
  it.each([
    ['a routine note', 'Customer asked for the invoice again; sent it.'],
    ['a negated report', 'No injury, the patch did not burn anything, customer only wants a replacement.'],
  ])('%s carries no flag and changes no priority', (_l, body) => {
    const w = new World();
    const e = w.do(alice, 'note.add', { customerId: customer.id, caseId: w.k.id, threadId: null, body }) as EventOf<'note.added'>;
    expect(e.meta).toEqual({});
    expect(w.k.priority).toBe('P2');
    expect(w.k.safety).toBeUndefined();
  });
});

describe('confirm and dismiss: an agent’s dismissal is a proposal, a specialist or lead decides', () => {
  function flagged(): { w: World; flagId: string } {
    const w = new World();
    return { w, flagId: w.do(alice, 'safety.flag', { messageId: message.id, categories: ['burn_heat', 'medical_care'], reason: 'x' }).id };
  }
  it('confirming opens the complaint record, pre-filled from the case, the flag and the customer’s one device', () => {
    const { w, flagId } = flagged();
    const e = w.do(alice, 'safety.confirm', { caseId: w.k.id, flagId, reason: 'a burn mark, seen at the ER' });
    const r = w.k.safety?.complaint as ComplaintRecord;
    expect(r).toMatchObject({
      id: e.id, caseId: w.k.id, customerId: customer.id, receivedAt: MESSAGE_AT, channel: 'social', sourceMessageId: message.id,
      complainantRole: 'patient', categories: ['burn_heat', 'medical_care'],
      device: { name: 'ECG patch', kind: 'ecg_patch', model: 'CardioPatch 2', serial: 'CP2-0042', firmware: '3.1.4', udi: null, lot: null },
      patient: { injury: true, medicalIntervention: true, hospitalisation: null, death: null },
      decision: null,
    });
    expect(w.k.safety?.flags[0]?.state).toBe('confirmed');
    expect(safetyStanding(w.k)).toBe('complaint');
    expect(surveyAllowed(w.k)).toBe(false);
  });
  it('a second confirmed flag joins the same record', () => {
    const { w, flagId } = flagged();
    const first = w.do(alice, 'safety.confirm', { caseId: w.k.id, flagId, reason: 'x' });
    const note = w.do(alice, 'note.add', { customerId: customer.id, caseId: w.k.id, threadId: null, body: 'She fainted and was taken to hospital after the alarm stayed silent at 2.1 mmol/L.' });
    const second = w.do(lena, 'safety.confirm', { caseId: w.k.id, flagId: note.id, reason: 'y' }) as EventOf<'safety.confirmed'>;
    expect(second.meta.complaint).toBeNull();
    expect(w.k.safety?.complaint?.id).toBe(first.id);
  });
  it('an agent’s dismissal is proposed: the case stays P0 and in the safety queue; a second proposal is refused', () => {
    const { w, flagId } = flagged();
    const e = w.do(alice, 'safety.dismiss', { caseId: w.k.id, flagId, reason: 'figure of speech' }) as EventOf<'safety.dismissed'>;
    expect(e.meta.final).toBe(false);
    expect(w.k.safety?.flags[0]?.state).toBe('dismissal_proposed');
    expect(w.k.priority).toBe('P0');
    expect(inSafetyQueue(w.k)).toBe(true);
    expect(w.refusal(alice, 'safety.dismiss', { caseId: w.k.id, flagId, reason: 'again' })).toBe('CONFLICT');
  });
  it('a specialist’s dismissal stands, and still does not lower the priority (a lead does that)', () => {
    const { w, flagId } = flagged();
    w.do(alice, 'safety.dismiss', { caseId: w.k.id, flagId, reason: 'figure of speech' });
    const e = w.do(wang, 'safety.dismiss', { caseId: w.k.id, flagId, reason: 'read the chat: no harm' }) as EventOf<'safety.dismissed'>;
    expect(e.meta.final).toBe(true);
    expect(w.k.safety?.flags[0]?.state).toBe('dismissed');
    expect(w.k.priority).toBe('P0');
    expect(safetyStanding(w.k)).toBe('done');
    expect(surveyAllowed(w.k)).toBe(true);
    expect(awarenessOf(w.k)).toBeNull();
  });
  it.each([['confirm'], ['dismiss']] as const)('a reviewed flag cannot be %sed again; an unknown flag is not found', (what) => {
    const { w, flagId } = flagged();
    w.do(lena, 'safety.confirm', { caseId: w.k.id, flagId, reason: 'x' });
    expect(w.refusal(wang, `safety.${what}`, { caseId: w.k.id, flagId, reason: 'y' })).toBe('CONFLICT');
    expect(w.refusal(wang, `safety.${what}`, { caseId: w.k.id, flagId: id(777), reason: 'y' })).toBe('NOT_FOUND');
  });
  it('another team’s specialist may not review the flag', () => {
    const { w, flagId } = flagged();
    expect(w.refusal(outsider, 'safety.confirm', { caseId: w.k.id, flagId, reason: 'x' })).toBe('FORBIDDEN');
  });
  it('a reason is required', () => {
    const { flagId } = flagged();
    expect(MUTATION_DEFS.get('safety.dismiss')!.args.safeParse({ caseId: baseCase.id, flagId, reason: '   ' }).success).toBe(false);
  });
});

describe('the complaint record: a specialist completes it and decides reportability', () => {
  function withRecord(): World {
    const w = new World();
    const f = w.do(alice, 'safety.flag', { messageId: message.id, categories: ['burn_heat'], reason: 'x' });
    w.do(alice, 'safety.confirm', { caseId: w.k.id, flagId: f.id, reason: 'x' });
    return w;
  }
  it('an agent may not change the record; a specialist may, nested parts merge', () => {
    const w = withRecord();
    expect(w.refusal(alice, 'complaint.update', { caseId: w.k.id, patch: { narrative: 'x' } })).toBe('FORBIDDEN');
    w.do(wang, 'complaint.update', { caseId: w.k.id, patch: { device: { lot: 'L-2291' }, patient: { hospitalisation: false }, country: 'DE', eventDate: '2026-04-29' } });
    const r = w.k.safety!.complaint!;
    expect(r.device).toMatchObject({ lot: 'L-2291', serial: 'CP2-0042', model: 'CardioPatch 2' });
    expect(r.patient).toEqual({ injury: true, medicalIntervention: null, hospitalisation: false, death: null });
    expect(r.country).toBe('DE');
  });
  it('refuses an empty patch, a case without a record, and a bad country code', () => {
    const w = withRecord();
    expect(w.refusal(wang, 'complaint.update', { caseId: w.k.id, patch: {} })).toBe('INVALID_ARGUMENT');
    const bare = new World();
    expect(bare.refusal(wang, 'complaint.update', { caseId: bare.k.id, patch: { narrative: 'x' } })).toBe('NOT_FOUND');
    expect(MUTATION_DEFS.get('complaint.update')!.args.safeParse({ caseId: baseCase.id, patch: { country: 'Germany' } }).success).toBe(false);
  });
  it('the decision records the reportability, the rationale, who decided (by name) and when', () => {
    const w = withRecord();
    expect(w.refusal(alice, 'complaint.decide', { caseId: w.k.id, reportability: 'not_reportable', rationale: 'x' })).toBe('FORBIDDEN');
    const e = w.do(wang, 'complaint.decide', { caseId: w.k.id, reportability: 'fda_mdr', rationale: 'second-degree burn needing treatment' });
    expect(w.k.safety!.complaint!.decision).toEqual({
      reportability: 'fda_mdr', rationale: 'second-degree burn needing treatment', decidedById: wang.id, decidedByName: 'Person 2', decidedAt: e.occurredAt,
    });
    expect(safetyStanding(w.k)).toBe('complaint');
    w.do(wang, 'complaint.update', { caseId: w.k.id, patch: { fdaReport: { submittedAt: '2026-05-10T10:00:00.000Z', reference: 'MW5012345' } } });
    expect(safetyStanding(w.k)).toBe('done');
    expect(inSafetyQueue(w.k)).toBe(false);
  });
  it('not reportable: the record is done at the decision', () => {
    const w = withRecord();
    w.do(lena, 'complaint.decide', { caseId: w.k.id, reportability: 'not_reportable', rationale: 'user error, no injury' });
    expect(safetyStanding(w.k)).toBe('done');
  });
});

describe('regulatory clock: calendar days from awareness, never paused', () => {
  const AWARE = '2026-05-01T08:00:00.000Z'; // a Friday
  const input = (over: Partial<RegulatoryInput> = {}): RegulatoryInput => ({ ...unreviewedInput(AWARE), ...over });
  const sev = (s: Partial<RegulatoryInput['severity']>) => ({ ...unreviewedInput(AWARE).severity, ...s });
  const pat = (p: Partial<RegulatoryInput['patient']>) => ({ ...unreviewedInput(AWARE).patient, ...p });
  const at = (iso: string) => Date.parse(iso);
  it.each<[string, Partial<RegulatoryInput>, Array<[string, string]>]>([
    ['unreviewed, country unknown: FDA 30 days and EU 15 days', {}, [['eu_15d', '2026-05-16T08:00:00.000Z'], ['fda_30d', '2026-05-31T08:00:00.000Z']]],
    ['US event: only FDA', { country: 'US' }, [['fda_30d', '2026-05-31T08:00:00.000Z']]],
    ['German event with a death: EU 10 days', { country: 'DE', patient: pat({ death: true }) }, [['eu_10d', '2026-05-11T08:00:00.000Z'], ['fda_30d', '2026-05-31T08:00:00.000Z']]],
    ['serious deterioration: EU 10 days', { country: 'FR', severity: sev({ seriousDeterioration: true }) }, [['eu_10d', '2026-05-11T08:00:00.000Z'], ['fda_30d', '2026-05-31T08:00:00.000Z']]],
    ['public-health threat: EU 2 days', { country: 'NL', severity: sev({ publicHealthThreat: true }) }, [['eu_2d', '2026-05-03T08:00:00.000Z'], ['fda_30d', '2026-05-31T08:00:00.000Z']]],
    ['remedial action: FDA 5 work days (Friday → next Friday)', { country: 'US', severity: sev({ remedialActionNeeded: true }) }, [['fda_5wd', '2026-05-08T08:00:00.000Z']]],
  ])('%s', (_l, over, expected) => {
    const c = regulatoryClock(input(over), at(AWARE));
    expect(c.deadlines.map((d) => [d.rule, d.dueAt])).toEqual(expected);
    expect(c.next?.dueAt).toBe(expected[0]![1]);
  });
  it('warns a third of the period before (at most 5 days), then is overdue; nothing pauses it', () => {
    const c = (now: string) => regulatoryClock(input({ country: 'US' }), at(now)).next!.state;
    expect(c('2026-05-26T07:59:59.000Z')).toBe('running');
    expect(c('2026-05-26T08:00:00.000Z')).toBe('warning');
    expect(c('2026-05-31T08:00:00.000Z')).toBe('overdue');
    const two = regulatoryClock(input({ country: 'NL', severity: sev({ publicHealthThreat: true }) }), at(AWARE)).deadlines[0]!;
    expect(Date.parse(two.dueAt) - Date.parse(two.warnAt)).toBe(16 * 3_600_000);
  });
  it('a filed report meets its deadline (or is late); a decision stops the clocks it rules out', () => {
    const decided = (reportability: 'fda_mdr' | 'not_reportable') => ({ reportability, rationale: 'r', decidedById: null, decidedByName: 'W', decidedAt: AWARE });
    const met = regulatoryClock(input({ country: 'US', decision: decided('fda_mdr'), fdaReport: { submittedAt: '2026-05-20T00:00:00.000Z', reference: 'X' } }), at('2026-06-30T00:00:00.000Z'));
    expect(met.deadlines[0]!.state).toBe('met');
    expect(met.next).toBeNull();
    const late = regulatoryClock(input({ country: 'US', fdaReport: { submittedAt: '2026-06-02T00:00:00.000Z', reference: 'X' } }), at('2026-06-30T00:00:00.000Z'));
    expect(late.deadlines[0]!.state).toBe('late');
    const fdaOnly = regulatoryClock(input({ country: 'DE', decision: decided('fda_mdr') }), at(AWARE));
    expect(fdaOnly.deadlines.map((d) => [d.regime, d.state])).toEqual([['eu', 'not_required'], ['fda', 'running']]);
    const none = regulatoryClock(input({ decision: decided('not_reportable') }), at(AWARE));
    expect(none.next).toBeNull();
  });
  it.each([
    ['Friday 10:00', '2026-05-01T10:00:00.000Z', '2026-05-08T10:00:00.000Z'],
    ['Saturday 10:00', '2026-05-02T10:00:00.000Z', '2026-05-08T10:00:00.000Z'],
    ['Monday 10:00', '2026-05-04T10:00:00.000Z', '2026-05-11T10:00:00.000Z'],
  ])('5 work days from %s', (_l, from, due) => {
    expect(addWorkDays(from, 5)).toBe(due);
  });
});
