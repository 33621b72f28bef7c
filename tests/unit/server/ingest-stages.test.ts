/** The ingestion stages that decide without the database (the rest: tests/integration/channels/ingest). */
import { messageHarm } from '../../../src/shared/features/safety/detect';
import { describe, expect, it } from 'vitest';
import type { Case, CaseStatus, Priority, Thread } from '../../../src/shared/kernel/case';
import type { Customer } from '../../../src/shared/kernel/customer';
import { newId } from '../../../src/shared/kernel/ids';
import type { Queryable } from '../../../src/server/kernel/db/types';
import type { InboundMessage, IngestResult } from '../../../src/server/channels/types';
import { newBatch, type IngestBatch, type Prepared } from '../../../src/server/channels/ingest/batch';
import { caseSubject, decideCase, placeOnCase, type CaseDecision } from '../../../src/server/channels/ingest/cases';
import { answerDuplicate, duplicateAnswer, markKnown, rememberAppended, type KnownProviderId } from '../../../src/server/channels/ingest/dedupe';
import { resolveCustomer } from '../../../src/server/channels/ingest/identity';
import { prepareInbound } from '../../../src/server/channels/ingest/prepare';
import { matchThread } from '../../../src/server/channels/ingest/threads';

const AT = '2025-03-01T10:00:00.000Z';
const TEAM = newId();

function msg(over: Partial<InboundMessage> = {}): InboundMessage {
  return { channel: 'chat', providerMessageId: newId(), identity: { displayName: 'Ada' }, threadRef: 'ref-1', body: 'hello', occurredAt: AT, ...over };
}
const prep = (over: Partial<InboundMessage> = {}): Prepared => prepareInbound(msg(over));

function aCase(status: CaseStatus, priority: Priority = 'P2', customerId = newId()): Case {
  return {
    id: newId(), customerId, teamId: TEAM, subject: 's', status, priority, assigneeId: null, openedAt: AT, updatedAt: AT,
    firstResponseDueAt: AT, resolutionDueAt: AT, firstRespondedAt: null, resolvedAt: null,
  };
}

function aCustomer(over: Partial<Customer> = {}): Customer {
  return { id: newId(), teamId: TEAM, name: 'Ada', emails: [], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [], createdAt: AT, updatedAt: AT, ...over };
}

function aThread(customerId: string, kase: Case | null, over: Partial<Thread> = {}): Thread {
  return { id: newId(), customerId, caseId: kase?.id ?? null, channel: 'chat', subject: null, externalRef: 'ref-1', openedAt: AT, ...over };
}

/** A batch whose loaded state is given; `threads` go under their ref newest first, as loadThreads leaves them. */
function batchWith(items: Prepared[], loaded: { threads?: Array<[Thread, Case | null]>; replies?: Record<string, [Thread, Case | null]>; customers?: Customer[] } = {}): IngestBatch {
  const b = newBatch(items, null);
  for (const [t, k] of loaded.threads ?? []) {
    const key = `${t.channel}\u0000${t.externalRef ?? ''}`;
    b.threadsByRef.set(key, [...(b.threadsByRef.get(key) ?? []), { thread: t, case: k }]);
    if (k) b.cases.set(k.id, k);
  }
  for (const [pid, [t, k]] of Object.entries(loaded.replies ?? {})) {
    b.replyHits.set(pid, { thread: t, case: k });
    if (k) b.cases.set(k.id, k);
  }
  for (const c of loaded.customers ?? []) b.customers.set(c.id, c);
  return b;
}

/** A transaction that must not be used: the stage under test decides from the batch alone. */
const noDb: Queryable = {
  query: () => Promise.reject(new Error('unexpected query')),
  exec: () => Promise.reject(new Error('unexpected exec')),
};

describe('dedupe stage', () => {
  const known = (m: InboundMessage, over: Partial<KnownProviderId> = {}): KnownProviderId => ({
    channel: m.channel, provider_message_id: m.providerMessageId.split('\u0000').join(''), sender: '', event_id: newId(), customer_id: newId(), case_id: newId(), thread_id: newId(), ...over,
  });

  it.each([
    { name: 'a provider id the log holds → duplicate with the stored ids', stored: (m: InboundMessage) => [known(m)], item: {}, duplicate: true },
    { name: 'a stored id without a case → duplicate, caseId null', stored: (m: InboundMessage) => [known(m, { case_id: null })], item: {}, duplicate: true },
    { name: 'a provider id the log does not hold → fresh', stored: () => [], item: {}, duplicate: false },
    { name: 'the same provider id on another channel → fresh', stored: (m: InboundMessage) => [known(m, { channel: 'email' })], item: {}, duplicate: false },
    { name: 'NUL in the provider id is dropped before comparing', stored: (m: InboundMessage) => [known(m)], item: { providerMessageId: 'wamid\u0000.1' }, duplicate: true },
  ])('$name', ({ stored, item, duplicate }) => {
    const m = msg(item);
    const rows = stored(m);
    const b = newBatch([prepareInbound(m)], null);
    markKnown(b, rows);
    const answer = duplicateAnswer(b.seen, b.items[0] as Prepared);
    expect(b.fresh).toHaveLength(duplicate ? 0 : 1);
    expect(answerDuplicate(b, 0)).toBe(duplicate);
    if (duplicate) {
      const r = rows[0] as KnownProviderId;
      const want: IngestResult = { status: 'duplicate', customerId: r.customer_id, caseId: r.case_id, threadId: r.thread_id, eventId: r.event_id, newCustomer: false, mergeSuggested: false };
      expect(answer).toEqual(want);
      expect(b.results[0]).toEqual(want);
    } else {
      expect(answer).toBeNull();
      expect(b.results[0]).toBeUndefined();
    }
  });

  it.each([
    { name: 'a repeat of a message the batch appended as a new customer', newCustomer: true, mergeSuggested: true },
    { name: 'a repeat of a message the batch appended to a known customer', newCustomer: false, mergeSuggested: false },
  ])('$name answers its ids as a duplicate that created nothing, and one dedupe row is written', ({ newCustomer, mergeSuggested }) => {
    const m = msg({ providerMessageId: 'p\u00001' });
    const first = prepareInbound(m);
    const repeat = prepareInbound({ ...m, body: 'changed' });
    const b = newBatch([first, repeat], null);
    markKnown(b, []);
    expect(b.fresh).toHaveLength(2); // in-batch repeats are still loaded for; the loop skips them
    expect(answerDuplicate(b, 0)).toBe(false);
    const appended: IngestResult = { status: 'appended', customerId: newId(), caseId: null, threadId: newId(), eventId: newId(), newCustomer, mergeSuggested };
    rememberAppended(b, first, appended);
    expect(answerDuplicate(b, 1)).toBe(true);
    expect(b.results[1]).toEqual({ ...appended, status: 'duplicate', newCustomer: false, mergeSuggested: false });
    expect(b.dedupeRows).toEqual([
      { channel: 'chat', pid: 'p1', sender: '', event_id: appended.eventId, customer_id: appended.customerId, case_id: null, thread_id: appended.threadId },
    ]);
  });
});

describe('case stage: decideCase', () => {
  const rows: Array<{ name: string; continuesThread: boolean; current: [CaseStatus, Priority] | null; automated?: boolean; subject?: string; body?: string; want: CaseDecision }> = [
    { name: 'new thread, no open case', continuesThread: false, current: null, want: { kind: 'open', priority: 'P2' } },
    { name: 'new thread, no open case, burn in the body', continuesThread: false, current: null, body: 'the sensor burned my arm', want: { kind: 'open', priority: 'P0' } },
    { name: 'new thread, no open case, safety language only in the subject', continuesThread: false, current: null, subject: 'Taken to the emergency room', body: 'see subject', want: { kind: 'open', priority: 'P0' } },
    { name: 'new thread, no open case, Chinese safety language', continuesThread: false, current: null, body: '传感器把我烫伤了', want: { kind: 'open', priority: 'P0' } },
    { name: 'new thread, the open case closed meanwhile', continuesThread: false, current: ['closed', 'P2'], want: { kind: 'open', priority: 'P2' } },
    { name: 'new thread joins the open case', continuesThread: false, current: ['open', 'P2'], want: { kind: 'continue', reopen: false, raiseToP0: false } },
    { name: 'new thread joins the open case and raises it on safety language', continuesThread: false, current: ['pending', 'P3'], body: 'I got an electric shock', want: { kind: 'continue', reopen: false, raiseToP0: true } },
    { name: 'new thread joins a waiting case and reopens it', continuesThread: false, current: ['waiting_on_customer', 'P2'], want: { kind: 'continue', reopen: true, raiseToP0: false } },
    { name: 'automated mail on a new thread opens nothing, even with safety words', continuesThread: false, current: null, automated: true, body: 'burn', want: { kind: 'none' } },
    { name: 'automated mail on a new thread does not join the open case', continuesThread: false, current: ['open', 'P2'], automated: true, want: { kind: 'none' } },
    { name: 'continued thread on a resolved case reopens it', continuesThread: true, current: ['resolved', 'P2'], want: { kind: 'continue', reopen: true, raiseToP0: false } },
    { name: 'continued thread on a pending case keeps it', continuesThread: true, current: ['pending', 'P1'], want: { kind: 'continue', reopen: false, raiseToP0: false } },
    { name: 'continued thread, resolved case, safety language: reopened and raised', continuesThread: true, current: ['resolved', 'P2'], body: 'it was smoking and hot to the touch', want: { kind: 'continue', reopen: true, raiseToP0: true } },
    { name: 'continued thread on a P0 case is not raised again', continuesThread: true, current: ['open', 'P0'], body: 'another burn', want: { kind: 'continue', reopen: false, raiseToP0: false } },
    { name: 'continued thread on a closed case stays on it, not reopened', continuesThread: true, current: ['closed', 'P2'], want: { kind: 'continue', reopen: false, raiseToP0: false } },
    { name: 'continued thread without a case', continuesThread: true, current: null, want: { kind: 'none' } },
    { name: 'automated mail on a continued resolved case: no reopen, no raise', continuesThread: true, current: ['resolved', 'P2'], automated: true, body: 'burn', want: { kind: 'continue', reopen: false, raiseToP0: false } },
    { name: '"burnt out" is figurative: no P0 (the detector sets figurative language aside)', continuesThread: false, current: null, body: 'I am burnt out', want: { kind: 'open', priority: 'P2' } },
  ];
  it.each(rows)('$name', ({ continuesThread, current, automated, subject, body, want }) => {
    const kase = current ? aCase(current[0], current[1]) : null;
    const harm = messageHarm(subject, body ?? 'my strap broke').decision === 'harm';
    expect(decideCase({ continuesThread, current: kase, automated: automated ?? false, harm })).toEqual(want);
  });

  it.each([
    [' Strap broke ', 'body', 'chat', 'Strap broke'],
    [null, '\n\n  first line  \nsecond', 'chat', 'first line'],
    [null, 'x'.repeat(100), 'chat', `${'x'.repeat(79)}…`],
    ['', '   ', 'social', 'Social conversation'],
    ['a\u0000b', '', 'email', 'ab'],
  ])('caseSubject(%j, %j, %s) → %j', (subject, body, channel, want) => expect(caseSubject(subject, body, channel)).toBe(want));
});

describe('case stage: placeOnCase', () => {
  it.each([
    { name: 'safety language: case opened at P0 with P0 due times', body: 'my skin has blisters', priority: 'P0' as Priority, firstResponseMinutes: 15, resolutionMinutes: 120 },
    { name: 'an ordinary message: case opened at P2 with P2 due times', body: 'the app will not pair', priority: 'P2' as Priority, firstResponseMinutes: 30, resolutionMinutes: 24 * 60 },
  ])('$name, then its thread', ({ body, priority, firstResponseMinutes, resolutionMinutes }) => {
    const customer = aCustomer();
    const item = prep({ body });
    const b = batchWith([item], { customers: [customer] });
    const { thread, kase } = placeOnCase(b, item, customer, null);
    expect(b.events.map((e) => e.kind)).toEqual(['case.opened', 'thread.opened']);
    expect(kase).toMatchObject({ priority, status: 'open', customerId: customer.id, teamId: TEAM, subject: body });
    expect(Date.parse((kase as Case).firstResponseDueAt) - Date.parse(AT)).toBe(firstResponseMinutes * 60_000);
    expect(Date.parse((kase as Case).resolutionDueAt) - Date.parse(AT)).toBe(resolutionMinutes * 60_000);
    expect(thread).toMatchObject({ caseId: kase?.id, customerId: customer.id, externalRef: 'ref-1' });
    expect(b.openCase.get(`${customer.id}\u0000chat`)).toBe(kase?.id);
    // a later item on the same ref continues the new thread
    expect(matchThread(b, prep({ body: 'again' })).hit?.thread.id).toBe(thread.id);
  });

  it('safety language on a resolved case: reopened, raised to P0, the batch sees the new state', () => {
    const customer = aCustomer();
    const k = aCase('resolved', 'P2', customer.id);
    const t = aThread(customer.id, k);
    const item = prep({ body: 'it caught fire' });
    const b = batchWith([item], { threads: [[t, k]], customers: [customer] });
    const found = matchThread(b, item);
    const placed = placeOnCase(b, item, customer, found.hit);
    expect(placed.thread.id).toBe(t.id);
    expect(b.events.map((e) => [e.kind, e.meta])).toEqual([
      ['case.status_changed', { from: 'resolved', to: 'open' }],
      ['case.priority_changed', { from: 'P2', to: 'P0' }],
    ]);
    expect(placed.kase).toMatchObject({ id: k.id, status: 'open', priority: 'P0' });
    expect(b.cases.get(k.id)).toMatchObject({ status: 'open', priority: 'P0' });
    expect(b.openCase.get(`${customer.id}\u0000chat`)).toBe(k.id);
  });

  it('an auto-reply gets a thread of its own on no case, and changes nothing', () => {
    const customer = aCustomer();
    const open = aCase('open', 'P2', customer.id);
    const item = prep({ channel: 'email', automated: 'auto-reply', body: 'burn', threadRef: '<x@y>' });
    const b = batchWith([item], { customers: [customer] });
    b.cases.set(open.id, open);
    b.openCase.set(`${customer.id}\u0000email`, open.id);
    const placed = placeOnCase(b, item, customer, null);
    expect(placed.kase).toBeNull();
    expect(placed.thread.caseId).toBeNull();
    expect(b.events.map((e) => e.kind)).toEqual(['thread.opened']);
    expect(b.cases.get(open.id)).toEqual(open);
  });
});

describe('threads stage: matchThread', () => {
  it.each([
    {
      name: 'the ref\'s newest thread, case open',
      setup: (c: string) => { const k = aCase('open', 'P2', c); return { threads: [[aThread(c, k), k]] as Array<[Thread, Case | null]>, want: 0 }; },
    },
    {
      name: 'skips a thread on a closed case for an older one on an open case',
      setup: (c: string) => {
        const closed = aCase('closed', 'P2', c);
        const open = aCase('resolved', 'P2', c);
        return { threads: [[aThread(c, closed), closed], [aThread(c, open), open]] as Array<[Thread, Case | null]>, want: 1 };
      },
    },
    {
      name: 'a thread without a case is continued',
      setup: (c: string) => ({ threads: [[aThread(c, null), null]] as Array<[Thread, Case | null]>, want: 0 }),
    },
    {
      name: 'only closed cases: no thread, but the conversation still names its customer',
      setup: (c: string) => { const k = aCase('closed', 'P2', c); return { threads: [[aThread(c, k), k]] as Array<[Thread, Case | null]>, want: null }; },
    },
    {
      name: 'threads of another customer on the same ref are not continued',
      setup: (c: string) => {
        const closed = aCase('closed', 'P2', c);
        const other = aCase('open', 'P2');
        return { threads: [[aThread(c, closed), closed], [aThread(other.customerId, other), other]] as Array<[Thread, Case | null]>, want: null };
      },
    },
  ])('$name', ({ setup }) => {
    const customerId = newId();
    const { threads, want } = setup(customerId);
    const item = prep();
    const b = batchWith([item], { threads });
    const m = matchThread(b, item);
    expect(m.customerId).toBe(customerId);
    expect(m.hit?.thread.id ?? null).toBe(want === null ? null : (threads[want] as [Thread, Case | null])[0].id);
  });

  it('no thread on the ref: nothing, no customer', () => {
    const item = prep({ threadRef: 'unknown' });
    const b = batchWith([item], { threads: [[aThread(newId(), null), null]] });
    expect(matchThread(b, item)).toEqual({ hit: null, customerId: null });
  });

  it.each([
    { channel: 'email' as const, followsReply: true },
    { channel: 'chat' as const, followsReply: false },
  ])('a replied-to message id wins over the ref on $channel: $followsReply', ({ channel, followsReply }) => {
    const c = newId();
    const byRef = aThread(c, null, { channel });
    const replied = aThread(c, null, { channel, externalRef: 'root' });
    const item = prep({ channel, replyTo: ['<m1@x>'], identity: { email: 'a@example.com' } });
    const b = batchWith([item], { threads: [[byRef, null]], replies: { '<m1@x>': [replied, null] } });
    expect(matchThread(b, item).hit?.thread.id).toBe(followsReply ? replied.id : byRef.id);
  });
});

describe('identity stage: a known conversation names its customer', () => {
  it.each([
    { name: 'the thread\'s customer', merged: false, survivorLoaded: false, want: 'own' },
    { name: 'merged into a loaded customer → the survivor', merged: true, survivorLoaded: true, want: 'survivor' },
    { name: 'merged into a customer not loaded → stays on the thread\'s', merged: true, survivorLoaded: false, want: 'own' },
  ])('$name (no lookup)', async ({ merged, survivorLoaded, want }) => {
    const survivor = aCustomer({ name: 'Survivor' });
    const own = aCustomer(merged ? { mergedInto: survivor.id } : {});
    const item = prep();
    const b = batchWith([item], { customers: survivorLoaded ? [own, survivor] : [own] });
    const r = await resolveCustomer(noDb, b, item, own.id);
    expect(r).toEqual({ customer: want === 'own' ? own : survivor, newCustomer: false, mergeSuggested: false });
    expect(b.events).toEqual([]);
  });
});

describe('dedupe per sender (issue 10 item 6e)', () => {
  const email = (from: string, over: Partial<InboundMessage> = {}): InboundMessage =>
    msg({ channel: 'email', providerMessageId: '<same@id>', threadRef: '<same@id>', identity: { email: from }, ...over });
  const row = (sender: string): KnownProviderId => ({
    channel: 'email', provider_message_id: '<same@id>', sender, event_id: newId(), customer_id: newId(), case_id: null, thread_id: newId(),
  });

  it.each([
    { name: 'the same sender (any case) again → duplicate', from: 'Pat@Example.org', stored: ['pat@example.org'], duplicate: true },
    { name: 'another sender with the same Message-ID → a new message', from: 'mallory@example.net', stored: ['pat@example.org'], duplicate: false },
    { name: 'a row from before migration 070 (no sender) → duplicate for any sender, as before', from: 'mallory@example.net', stored: [''], duplicate: true },
  ])('$name', ({ from, stored, duplicate }) => {
    const b = newBatch([prepareInbound(email(from))], null);
    markKnown(b, stored.map(row));
    expect(answerDuplicate(b, 0)).toBe(duplicate);
  });

  it('the dedupe key and row carry the lower-case sender for email, nothing for the other channels', () => {
    expect(prepareInbound(email('Pat@Example.org')).dedupeSender).toBe('pat@example.org');
    expect(prepareInbound(msg({ identity: { email: 'Pat@Example.org' } })).dedupeSender).toBe('');
    const item = prepareInbound(email('pat@example.org'));
    const b = newBatch([item], null);
    markKnown(b, []);
    rememberAppended(b, item, { status: 'appended', customerId: newId(), caseId: null, threadId: newId(), eventId: newId(), newCustomer: false, mergeSuggested: false });
    expect(b.dedupeRows[0]).toMatchObject({ channel: 'email', pid: '<same@id>', sender: 'pat@example.org' });
  });

  it('a root whose Message-ID another sender holds does not join that thread (nor name its customer); in the same batch too', () => {
    const patient = newId();
    const thread = aThread(patient, null, { channel: 'email', externalRef: '<same@id>' });
    const item = prepareInbound(email('mallory@example.net'));
    const b = batchWith([item], { threads: [[thread, null]] });
    markKnown(b, [row('pat@example.org')]);
    expect(matchThread(b, item)).toEqual({ hit: null, customerId: null });

    const first = prepareInbound(email('pat@example.org'));
    const second = prepareInbound(email('mallory@example.net'));
    const b2 = batchWith([first, second], { threads: [[thread, null]] });
    markKnown(b2, []);
    rememberAppended(b2, first, { status: 'appended', customerId: patient, caseId: null, threadId: thread.id, eventId: newId(), newCustomer: false, mergeSuggested: false });
    expect(matchThread(b2, second).hit).toBeNull();
  });

  it('a root that a reply named first (it arrived out of order) still joins that thread; a reply still follows its References', () => {
    const patient = newId();
    const thread = aThread(patient, null, { channel: 'email', externalRef: '<same@id>' });
    const root = prepareInbound(email('pat@example.org'));
    const b = batchWith([root], { threads: [[thread, null]] });
    markKnown(b, []);
    expect(matchThread(b, root).hit?.thread.id).toBe(thread.id);
    const reply = prepareInbound(email('caregiver@example.org', { providerMessageId: '<r@id>', replyTo: ['<same@id>'] }));
    const b2 = batchWith([reply], { threads: [[thread, null]] });
    markKnown(b2, [row('pat@example.org')]);
    expect(matchThread(b2, reply).hit?.thread.id).toBe(thread.id);
  });
});
