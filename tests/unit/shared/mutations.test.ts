import { describe, expect, it } from 'vitest';
import { Mutation } from '../../../src/shared/contracts/sync';
import type { Agent } from '../../../src/shared/kernel/agent';
import type { Case, Thread } from '../../../src/shared/kernel/case';
import type { Customer } from '../../../src/shared/kernel/customer';
import { authorOf, Event } from '../../../src/shared/kernel/event';
import { deterministicId } from '../../../src/shared/kernel/ids';
import { decideMutation, type DecideContext } from '../../../src/shared/kernel/mutation';
import type { ErrorBody } from '../../../src/shared/kernel/errors';
import { MUTATION_DEFS } from '../../../src/shared/mutations';

/**
 * The shared definitions (src/shared/features/<name>/mutations.ts) decided with a context of single entities, as the
 * server's push does it (stamping the event with the mutation id, the server's time and the agent).
 */
interface MutationContext { agent: Agent; now: string; case: Case | null; thread: Thread | null; customer: Customer | null; assignee: Agent | null; event?: Event | null }
type Planned = { ok: true; event: Event } | { ok: false; error: ErrorBody };
function decideContext(c: MutationContext, mutationId: string): DecideContext {
  const one = <T extends { id: string }>(v: T | null) => (id: string) => (v && v.id === id ? v : null);
  return { agent: c.agent, mutationId, case: one(c.case), thread: one(c.thread), customer: one(c.customer), member: one(c.assignee), event: one(c.event ?? null) };
}
function mutationToEvent(mu: Mutation, c: MutationContext): Planned {
  const def = MUTATION_DEFS.get(mu.name);
  if (!def) throw new Error(`no definition for ${mu.name}`);
  const d = decideMutation(def, mu.args, decideContext(c, mu.id));
  return d.ok ? { ok: true, event: { ...d.event, id: mu.id, seq: null, occurredAt: c.now, author: authorOf(c.agent) } as Event } : d;
}
function referencedIds(mu: Mutation) {
  const r = MUTATION_DEFS.get(mu.name)?.refs(mu.args as never) ?? {};
  return { caseId: r.caseIds?.[0] ?? null, threadId: r.threadIds?.[0] ?? null, customerId: r.customerIds?.[0] ?? null, assigneeId: r.agentIds?.[0] ?? null };
}

const T = Date.UTC(2026, 0, 1);
const id = (n: number) => deterministicId(T, n);
const TEAM_A = id(1);
const TEAM_B = id(2);
const NOW = '2026-05-05T12:00:00.000Z';

const agent = (n: number, teamIds: string[], role: Agent['role'] = 'agent'): Agent => ({
  id: id(100 + n),
  username: `a${n}`,
  displayName: `Agent ${n}`,
  role,
  teamIds,
  languages: ['en'],
  presence: 'online',
});
const alice = agent(1, [TEAM_A]);
const bob = agent(2, [TEAM_B]);
const admin = agent(3, [], 'admin');

const customer: Customer = {
  id: id(10),
  teamId: TEAM_A,
  name: 'Test Customer',
  emails: ['t@example.com'],
  phones: ['+14155550100'],
  socialHandles: [],
  language: 'en',
  segment: 'adult',
  vip: false,
  devices: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const kase: Case = {
  id: id(20),
  customerId: customer.id,
  teamId: TEAM_A,
  subject: 'Sensor',
  status: 'open',
  priority: 'P2',
  assigneeId: alice.id,
  openedAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  firstResponseDueAt: '2026-05-01T00:30:00.000Z',
  resolutionDueAt: '2026-05-02T00:00:00.000Z',
  firstRespondedAt: null,
  resolvedAt: null,
};
const thread = (channel: Thread['channel'], caseId: string | null = kase.id, n = 30): Thread => ({
  id: id(n),
  customerId: customer.id,
  caseId,
  channel,
  subject: channel === 'email' ? 'Sensor' : null,
  externalRef: null,
  openedAt: '2026-05-01T00:00:00.000Z',
});

let seq = 0;
function m<N extends Mutation['name']>(name: N, args: Extract<Mutation, { name: N }>['args']): Mutation {
  seq++;
  return { id: id(1000 + seq), clientSeq: seq, occurredAt: '2020-01-01T00:00:00.000Z', name, args } as Mutation;
}
function ctx(over: Partial<MutationContext> = {}): MutationContext {
  return { agent: alice, now: NOW, case: kase, thread: null, customer: null, assignee: null, ...over };
}
function ok(p: Planned): Event {
  if (!p.ok) throw new Error(`expected an event, got ${p.error.code}: ${p.error.message}`);
  expect(Event.safeParse(p.event).success).toBe(true);
  return p.event;
}
function err(p: Planned): string {
  if (p.ok) throw new Error(`expected a rejection, got ${p.event.kind}`);
  return p.error.code;
}

describe('mutation → event mapping', () => {
  it('reply.send → message.sent on the thread channel, queued, id = mutation id, at server time, by the agent', () => {
    const email = thread('email');
    const mu = m('reply.send', { caseId: kase.id, threadId: email.id, body: 'Hello' });
    const e = ok(mutationToEvent(mu, ctx({ thread: email })));
    expect(e).toEqual({
      id: mu.id,
      seq: null,
      kind: 'message.sent',
      customerId: customer.id,
      caseId: kase.id,
      threadId: email.id,
      channel: 'email',
      author: { type: 'agent', id: alice.id, name: 'Agent 1' },
      body: 'Hello',
      meta: { subject: 'Re: Sensor', deliveryStatus: 'queued' },
      occurredAt: NOW,
    });
    const chat = thread('chat');
    const c = ok(mutationToEvent(m('reply.send', { caseId: kase.id, threadId: chat.id, body: 'Hi' }), ctx({ thread: chat })));
    expect(c).toMatchObject({ channel: 'chat', meta: { subject: null, deliveryStatus: 'queued' } });
  });

  it('reply.send on email carries Cc (lower-cased, once each) and files; on another channel they are refused (issue 15)', () => {
    const email = thread('email');
    const file = { id: 'upload-1', filename: 'label.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    const e = ok(mutationToEvent(m('reply.send', { caseId: kase.id, threadId: email.id, body: 'Label attached', cc: ['Carer@Example.com', 'carer@example.com'], attachments: [file] }), ctx({ thread: email })));
    expect(e.meta).toMatchObject({ cc: ['carer@example.com'], attachments: [file] });
    const chat = thread('chat');
    expect(err(mutationToEvent(m('reply.send', { caseId: kase.id, threadId: chat.id, body: 'Hi', cc: ['a@b.example'] }), ctx({ thread: chat })))).toBe('INVALID_ARGUMENT');
    expect(err(mutationToEvent(m('reply.send', { caseId: kase.id, threadId: chat.id, body: 'Hi', attachments: [file] }), ctx({ thread: chat })))).toBe('INVALID_ARGUMENT');
  });

  it('reply.send is refused on a closed case (CONFLICT), for another team (FORBIDDEN), on a thread of another case, or an unknown case', () => {
    const email = thread('email');
    const reply = m('reply.send', { caseId: kase.id, threadId: email.id, body: 'x' });
    expect(err(mutationToEvent(reply, ctx({ thread: email, case: { ...kase, status: 'closed' } })))).toBe('CONFLICT');
    expect(err(mutationToEvent(reply, ctx({ thread: email, agent: bob })))).toBe('FORBIDDEN');
    expect(err(mutationToEvent(reply, ctx({ thread: thread('email', id(99)) })))).toBe('INVALID_ARGUMENT');
    expect(err(mutationToEvent(reply, ctx({ thread: null })))).toBe('NOT_FOUND');
    expect(err(mutationToEvent(reply, ctx({ thread: email, case: null })))).toBe('NOT_FOUND');
    // a resolved case may still be answered
    ok(mutationToEvent(reply, ctx({ thread: email, case: { ...kase, status: 'resolved' } })));
    // admins act on every team
    ok(mutationToEvent(reply, ctx({ thread: email, agent: admin })));
  });

  it('note.add → note.added, always internal (also on a phone thread), allowed on a closed case', () => {
    const phone = thread('phone');
    const e = ok(
      mutationToEvent(m('note.add', { customerId: customer.id, caseId: kase.id, threadId: phone.id, body: 'called' }), ctx({ customer, thread: phone, case: { ...kase, status: 'closed' } })),
    );
    expect(e).toMatchObject({ kind: 'note.added', channel: 'internal', threadId: phone.id, caseId: kase.id, meta: {} });
    const loose = ok(mutationToEvent(m('note.add', { customerId: customer.id, caseId: null, threadId: null, body: 'n' }), ctx({ customer, case: null })));
    expect(loose).toMatchObject({ caseId: null, threadId: null, customerId: customer.id });
  });

  it('note.add checks the team and that case and thread belong to the customer', () => {
    const note = (caseId: string | null, threadId: string | null) => m('note.add', { customerId: customer.id, caseId, threadId, body: 'n' });
    expect(err(mutationToEvent(note(null, null), ctx({ customer, agent: bob })))).toBe('FORBIDDEN');
    expect(err(mutationToEvent(note(null, null), ctx({ customer: null })))).toBe('NOT_FOUND');
    expect(err(mutationToEvent(note(kase.id, null), ctx({ customer, case: { ...kase, customerId: id(11) } })))).toBe('INVALID_ARGUMENT');
    const otherCaseThread = thread('chat', id(98), 31);
    expect(err(mutationToEvent(note(kase.id, otherCaseThread.id), ctx({ customer, thread: otherCaseThread })))).toBe('INVALID_ARGUMENT');
  });

  it('knowledge.feedback → knowledge.feedback on the customer (internal); a "wrong" flag says what; team and case checked', () => {
    const fb = (over: Partial<Extract<Mutation, { name: 'knowledge.feedback' }>['args']> = {}) =>
      m('knowledge.feedback', { customerId: customer.id, caseId: kase.id, articleId: 'g4-pairing.en', slug: 'g4-pairing', version: 2, locale: 'en', verdict: 'helpful', comment: null, ...over });
    const e = ok(mutationToEvent(fb(), ctx({ customer })));
    expect(e).toMatchObject({ kind: 'knowledge.feedback', channel: 'internal', caseId: kase.id, body: null, meta: { articleId: 'g4-pairing.en', version: 2, verdict: 'helpful', comment: null } });
    expect(ok(mutationToEvent(fb({ verdict: 'wrong', comment: 'step 3 names the old app' }), ctx({ customer }))).meta).toMatchObject({ verdict: 'wrong', comment: 'step 3 names the old app' });
    const cases: Array<[string, Mutation, MutationContext, string]> = [
      ['a "wrong" flag without saying what', fb({ verdict: 'wrong', comment: '  ' }), ctx({ customer }), 'INVALID_ARGUMENT'],
      ['an id that is not slug.locale', fb({ articleId: 'g4-pairing.zh-CN' }), ctx({ customer }), 'INVALID_ARGUMENT'],
      ["another team's customer", fb(), ctx({ customer, agent: bob }), 'FORBIDDEN'],
      ['no such customer', fb(), ctx({ customer: null }), 'NOT_FOUND'],
      ["another customer's case", fb(), ctx({ customer, case: { ...kase, customerId: id(11) } }), 'INVALID_ARGUMENT'],
    ];
    for (const [what, mu, c, code] of cases) expect(err(mutationToEvent(mu, c)), what).toBe(code);
  });

  it('knowledge.draft → knowledge.drafted on a solved case (internal, the Markdown as body, a slug from the title); open cases and broken bodies refused', () => {
    const solved = { ...kase, status: 'resolved' as const };
    const article = { locale: 'en' as const, title: 'Patch itches after a shower', category: 'skin' as const, summary: 'Red skin', products: [], deviceKinds: [], body: '## The problem\nItchy.' };
    const dr = (over: Partial<typeof article> = {}) => m('knowledge.draft', { customerId: customer.id, caseId: kase.id, article: { ...article, ...over } });
    const e = ok(mutationToEvent(dr(), ctx({ customer, case: solved })));
    expect(e).toMatchObject({ kind: 'knowledge.drafted', channel: 'internal', caseId: kase.id, body: '## The problem\nItchy.', meta: { slug: 'patch-itches-after-a-shower', locale: 'en', title: article.title, category: 'skin' } });
    expect(ok(mutationToEvent(dr(), ctx({ customer, case: { ...kase, status: 'closed' } }))).kind).toBe('knowledge.drafted');
    const cases: Array<[string, Mutation, MutationContext, string]> = [
      ['an open case', dr(), ctx({ customer }), 'CONFLICT'],
      ['an unclosed controlled passage', dr({ body: ':::controlled id=x\nnever closed' }), ctx({ customer, case: solved }), 'INVALID_ARGUMENT'],
      ["another team's customer", dr(), ctx({ customer, case: solved, agent: bob }), 'FORBIDDEN'],
      ["another customer's case", dr(), ctx({ customer, case: { ...solved, customerId: id(11) } }), 'INVALID_ARGUMENT'],
      ['no such case', dr(), ctx({ customer, case: null }), 'NOT_FOUND'],
    ];
    for (const [what, mu, c, code] of cases) expect(err(mutationToEvent(mu, c)), what).toBe(code);
  });

  it('case.setStatus → case.status_changed {from, to}; refused once closed', () => {
    const e = ok(mutationToEvent(m('case.setStatus', { caseId: kase.id, status: 'resolved' }), ctx()));
    expect(e).toMatchObject({ kind: 'case.status_changed', channel: 'internal', threadId: null, body: null, meta: { from: 'open', to: 'resolved' } });
    expect(err(mutationToEvent(m('case.setStatus', { caseId: kase.id, status: 'open' }), ctx({ case: { ...kase, status: 'closed' } })))).toBe('CONFLICT');
    expect(err(mutationToEvent(m('case.setStatus', { caseId: kase.id, status: 'open' }), ctx({ agent: bob })))).toBe('FORBIDDEN');
  });

  it("case.assign → case.assigned {from, to}; the assignee must be in the case's team; unassigning is fine", () => {
    const mei = agent(4, [TEAM_A]);
    const lena = agent(5, [TEAM_A], 'lead');
    // handing a case to a colleague is a lead's (kernel/permissions canAssign); the agent is refused
    expect(err(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: mei.id }), ctx({ assignee: mei })))).toBe('FORBIDDEN');
    const e = ok(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: mei.id }), ctx({ assignee: mei, agent: lena })));
    expect(e).toMatchObject({ kind: 'case.assigned', channel: 'internal', meta: { from: alice.id, to: mei.id } });
    expect(err(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: bob.id }), ctx({ assignee: bob })))).toBe('INVALID_ARGUMENT');
    expect(err(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: mei.id }), ctx({ assignee: null })))).toBe('INVALID_ARGUMENT');
    const un = ok(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: null }), ctx()));
    expect(un.meta).toEqual({ from: alice.id, to: null });
    // a lead's reason travels on the event (the console's reassignment), trimmed; an empty one is refused by the args
    const why = ok(mutationToEvent(m('case.assign', { caseId: kase.id, assigneeId: mei.id, reason: '  knows this sensor ' }), ctx({ assignee: mei, agent: lena })));
    expect(why.meta).toEqual({ from: alice.id, to: mei.id, reason: 'knows this sensor' });
  });

  it('case.setPriority → case.priority_changed {from, to}', () => {
    const e = ok(mutationToEvent(m('case.setPriority', { caseId: kase.id, priority: 'P1' }), ctx()));
    expect(e).toMatchObject({ kind: 'case.priority_changed', channel: 'internal', meta: { from: 'P2', to: 'P1' } });
  });

  it.each([
    ['adds new tags, lower-cased, once each', [], { add: ['Firmware', 'firmware', '退货'] }, { added: ['firmware', '退货'], removed: [] }],
    ['only the real changes are recorded', ['firmware'], { add: ['firmware', 'replacement-sent'], remove: ['billing', 'firmware'] }, { added: ['replacement-sent'], removed: ['firmware'] }],
    ['a change that changes nothing is refused (a macro sent twice)', ['firmware'], { add: ['firmware'] }, 'CONFLICT'],
    ['removing a tag the case lacks changes nothing', [], { remove: ['firmware'] }, 'CONFLICT'],
    ['a case carries at most 30 tags', Array.from({ length: 30 }, (_, i) => `t${i}`), { add: ['one-more'] }, 'INVALID_ARGUMENT'],
  ] as const)('case.setTags: %s', (_name, has, args, expected) => {
    const tagged = { ...kase, tags: [...has] };
    // args are parsed at the boundary (the wire union, the bridge) before any decision
    const r = mutationToEvent(Mutation.parse(m('case.setTags', { caseId: kase.id, ...args } as never)), ctx({ case: tagged }));
    if (typeof expected === 'string') expect(err(r)).toBe(expected);
    else expect(ok(r)).toMatchObject({ kind: 'case.tags_changed', caseId: kase.id, channel: 'internal', meta: expected });
  });

  it.each([
    ['no tag named', { add: [], remove: [] }],
    ['a tag of punctuation', { add: ['#!'] }],
    ['a tag too long', { add: ['x'.repeat(41)] }],
    ['eleven at once', { add: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
  ])('case.setTags: bad arguments are refused at the boundary: %s', (_name, args) => {
    expect(Mutation.safeParse(m('case.setTags', { caseId: kase.id, ...args } as never)).success).toBe(false);
  });

  it("case.setTags is the case's actors': another agent's case is refused", () => {
    expect(err(mutationToEvent(Mutation.parse(m('case.setTags', { caseId: kase.id, add: ['x'] } as never)), ctx({ agent: bob })))).toBe('FORBIDDEN');
  });

  it('customer.update → customer.updated {patch}; empty patches and other teams are refused', () => {
    expect(err(mutationToEvent(m('customer.update', { customerId: customer.id, patch: { vip: true } }), ctx({ customer, case: null }))), 'VIP is a lead\'s').toBe('FORBIDDEN');
    const lena = agent(5, [TEAM_A], 'lead');
    const e = ok(mutationToEvent(m('customer.update', { customerId: customer.id, patch: { vip: true, language: 'zh' } }), ctx({ customer, case: null, agent: lena })));
    expect(e).toMatchObject({ kind: 'customer.updated', channel: 'internal', caseId: null, threadId: null, meta: { patch: { vip: true, language: 'zh' } } });
    expect(err(mutationToEvent(m('customer.update', { customerId: customer.id, patch: {} }), ctx({ customer })))).toBe('INVALID_ARGUMENT');
    expect(err(mutationToEvent(m('customer.update', { customerId: customer.id, patch: { vip: true } }), ctx({ customer, agent: bob })))).toBe('FORBIDDEN');
  });

  it('customer.dismissSuggestion → customer.merge_dismissed {candidateId}; a lead\'s decision, on a visible customer, not itself', () => {
    const lena = agent(5, [TEAM_A], 'lead');
    const args = { customerId: customer.id, candidateId: id(11) };
    const e = ok(mutationToEvent(m('customer.dismissSuggestion', args), ctx({ customer, case: null, agent: lena })));
    expect(e).toMatchObject({ kind: 'customer.merge_dismissed', customerId: customer.id, channel: 'internal', caseId: null, meta: { candidateId: id(11) } });
    expect(err(mutationToEvent(m('customer.dismissSuggestion', args), ctx({ customer, case: null })))).toBe('FORBIDDEN'); // an agent
    expect(err(mutationToEvent(m('customer.dismissSuggestion', args), ctx({ customer, case: null, agent: agent(6, [TEAM_B], 'lead') })))).toBe('FORBIDDEN');
    expect(err(mutationToEvent(m('customer.dismissSuggestion', { customerId: customer.id, candidateId: customer.id }), ctx({ customer, case: null, agent: lena })))).toBe('INVALID_ARGUMENT');
    expect(err(mutationToEvent(m('customer.dismissSuggestion', args), ctx({ customer: null, case: null, agent: lena })))).toBe('NOT_FOUND');
  });

  it('names the entities each mutation needs', () => {
    expect(referencedIds(m('reply.send', { caseId: kase.id, threadId: id(30), body: 'x' }))).toEqual({ caseId: kase.id, threadId: id(30), customerId: null, assigneeId: null });
    expect(referencedIds(m('case.assign', { caseId: kase.id, assigneeId: bob.id }))).toMatchObject({ assigneeId: bob.id });
    expect(referencedIds(m('customer.update', { customerId: customer.id, patch: { vip: true } }))).toMatchObject({ customerId: customer.id, caseId: null });
  });
});

describe("the agent's flag: asking the lead for help, and the lead's answer (issue 16)", () => {
  const lena = agent(5, [TEAM_A], 'lead');
  const asked = { id: id(900), byId: alice.id, at: NOW, note: 'customer insists on a refund' };
  it.each([
    ['the agent asks on their own case', 'case.requestHelp', { caseId: kase.id, note: ' customer insists on a refund ' }, {}, { kind: 'case.help_requested', meta: { note: 'customer insists on a refund' } }],
    ['asked already: once is enough until answered', 'case.requestHelp', { caseId: kase.id, note: 'again' }, { case: { ...kase, help: asked } }, 'CONFLICT'],
    ["another agent's case is not theirs to flag", 'case.requestHelp', { caseId: kase.id, note: 'x' }, { agent: agent(6, [TEAM_A]), assignee: alice }, 'FORBIDDEN'],
    ['the lead answers the open request', 'case.answerHelp', { caseId: kase.id, requestId: asked.id, reply: 'Offer the exchange' }, { agent: lena, case: { ...kase, help: asked } }, { kind: 'case.help_answered', meta: { requestId: asked.id, reply: 'Offer the exchange' } }],
    ['an agent may not answer', 'case.answerHelp', { caseId: kase.id, requestId: asked.id, reply: 'x' }, { case: { ...kase, help: asked } }, 'FORBIDDEN'],
    ['answered already', 'case.answerHelp', { caseId: kase.id, requestId: asked.id, reply: 'x' }, { agent: lena, case: { ...kase, help: null } }, 'CONFLICT'],
    ["a lead of another team", 'case.answerHelp', { caseId: kase.id, requestId: asked.id, reply: 'x' }, { agent: agent(7, [TEAM_B], 'lead'), case: { ...kase, help: asked } }, 'FORBIDDEN'],
  ] as const)('%s', (_name, name, args, over, want) => {
    const planned = mutationToEvent(m(name, args as never), ctx(over as Partial<MutationContext>));
    if (typeof want === 'string') expect(err(planned)).toBe(want);
    else expect(ok(planned)).toMatchObject(want);
  });
});

describe('the green channel: fast-track and the review afterwards (issue 16)', () => {
  const lena = agent(5, [TEAM_A], 'lead');
  const omar = agent(8, [TEAM_A], 'lead');
  const tracked = { id: id(901), byId: lena.id, at: NOW, reason: 'ICU patient, device alarms', reviewedAt: null, reviewedById: null, reviewNote: null };
  it.each([
    ['a lead fast-tracks, saying why', 'case.fastTrack', { caseId: kase.id, reason: ' ICU patient ' }, { agent: lena }, { kind: 'case.fast_tracked', meta: { reason: 'ICU patient' } }],
    ['an agent may not', 'case.fastTrack', { caseId: kase.id, reason: 'x' }, {}, 'FORBIDDEN'],
    ['not twice before the review', 'case.fastTrack', { caseId: kase.id, reason: 'x' }, { agent: lena, case: { ...kase, fastTrack: tracked } }, 'CONFLICT'],
    ['again after the review', 'case.fastTrack', { caseId: kase.id, reason: 'again' }, { agent: lena, case: { ...kase, fastTrack: { ...tracked, reviewedAt: NOW, reviewedById: omar.id, reviewNote: 'ok' } } }, { kind: 'case.fast_tracked' }],
    ['another lead reviews it', 'case.reviewFastTrack', { caseId: kase.id, fastTrackId: tracked.id, note: 'justified' }, { agent: omar, case: { ...kase, fastTrack: tracked } }, { kind: 'case.fast_track_reviewed', meta: { fastTrackId: tracked.id, note: 'justified' } }],
    ['not the lead who fast-tracked it', 'case.reviewFastTrack', { caseId: kase.id, fastTrackId: tracked.id, note: 'fine' }, { agent: lena, case: { ...kase, fastTrack: tracked } }, 'FORBIDDEN'],
    ['an admin may review any', 'case.reviewFastTrack', { caseId: kase.id, fastTrackId: tracked.id, note: 'fine' }, { agent: admin, case: { ...kase, fastTrack: { ...tracked, byId: admin.id } } }, { kind: 'case.fast_track_reviewed' }],
    ['reviewed once', 'case.reviewFastTrack', { caseId: kase.id, fastTrackId: tracked.id, note: 'x' }, { agent: omar, case: { ...kase, fastTrack: { ...tracked, reviewedAt: NOW, reviewedById: omar.id, reviewNote: 'ok' } } }, 'CONFLICT'],
    ['an agent may not review', 'case.reviewFastTrack', { caseId: kase.id, fastTrackId: tracked.id, note: 'x' }, { case: { ...kase, fastTrack: tracked } }, 'FORBIDDEN'],
  ] as const)('%s', (_name, name, args, over, want) => {
    const planned = mutationToEvent(m(name, args as never), ctx(over as Partial<MutationContext>));
    if (typeof want === 'string') expect(err(planned)).toBe(want);
    else expect(ok(planned)).toMatchObject(want);
  });
});
