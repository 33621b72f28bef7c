import { describe, expect, it } from 'vitest';
import type { TimelinePage } from '../../../src/shared/contracts/bridge';
import {
  ALL_CHANNELS,
  allHidden,
  buildRows,
  canReplyOn,
  combineRefetch,
  compareItems,
  directionOf,
  showsDirection,
  mergeItems,
  pendingNotice,
  pickDefaultCase,
  pickDefaultThread,
  refetchLimit,
  subjectOf,
  systemLine,
  toggleChannel,
  visibleItems,
} from '../../../src/renderer/features/conversations/timeline-model';
import {
  CASE_A,
  CASE_B,
  ME,
  OTHER_AGENT,
  THREAD_CHAT,
  THREAD_EMAIL,
  THREAD_LOOSE,
  THREAD_PHONE,
  at,
  event,
  id,
  item,
  kase,
  received,
  thread,
} from './fixtures';

const agentAuthor = { type: 'agent' as const, id: ME, name: 'Alice Agent' };

const email = item(received({ id: id(500), occurredAt: at(1), channel: 'email' }));
const chat = item(received({ id: id(501), occurredAt: at(2), channel: 'chat', threadId: THREAD_CHAT, caseId: CASE_B }));
const call = item(
  event(
    { kind: 'call.ended', meta: { direction: 'in', callId: 'c1', durationSec: 65, outcome: 'normalClearing', recordingUrl: null, answeredBy: ME } },
    { id: id(502), occurredAt: at(3), channel: 'phone', threadId: THREAD_PHONE, body: null },
  ),
);
const note = item(
  event({ kind: 'note.added', meta: {} }, { id: id(503), occurredAt: at(4), channel: 'internal', author: agentAuthor, threadId: null }),
  'pending',
);
const reply = item(
  event(
    { kind: 'message.sent', meta: { subject: 'Re: sensor', deliveryStatus: 'queued' } },
    { id: id(504), occurredAt: at(5), channel: 'email', author: agentAuthor },
  ),
  'pending',
);
const social = item(received({ id: id(505), occurredAt: at(6), channel: 'social', caseId: null, threadId: THREAD_LOOSE }));
const status = item(
  event(
    { kind: 'case.status_changed', meta: { from: 'open', to: 'pending' } },
    { id: id(506), occurredAt: at(7), channel: 'internal', author: agentAuthor, body: null, threadId: null },
  ),
);
const snapshot = item(
  event({ kind: 'thread.opened', meta: { thread: thread() } }, { id: id(507), occurredAt: at(0), channel: 'email' }),
);
const all = [email, chat, call, note, reply, social, status];
const evIds = (xs: { event: { id: string } }[]) => xs.map((x) => x.event.id);

describe('ordering and merging', () => {
  it('compares by occurredAt, then id', () => {
    const [lo, hi] = [id(1), id(2)].sort();
    const a = item(received({ id: lo, occurredAt: at(1) }));
    const b = item(received({ id: hi, occurredAt: at(1) }));
    const c = item(received({ id: id(0), occurredAt: at(2) }));
    expect([c, b, a].sort(compareItems)).toEqual([a, b, c]);
  });

  it('merges pages, one item per id, the later list winning, chronological', () => {
    const pendingReply = reply;
    const syncedReply = item(reply.event, 'synced');
    const merged = mergeItems([status, pendingReply, email], [syncedReply, chat]);
    expect(evIds(merged)).toEqual(evIds([email, chat, reply, status]));
    expect(merged.find((x) => x.event.id === reply.event.id)?.localState).toBe('synced');
  });
});

describe('channel filter', () => {
  const cases: Array<[string, Array<keyof typeof ALL_CHANNELS>, typeof all]> = [
    ['all on', [], all],
    ['email off', ['email'], [chat, call, note, social, status]],
    ['internal off hides notes and case changes', ['internal'], [email, chat, call, reply, social]],
    ['phone and chat off', ['phone', 'chat'], [email, note, reply, social, status]],
    ['all off', ['email', 'chat', 'social', 'phone', 'internal'], []],
  ];
  it.each(cases)('%s', (_n, off, expected) => {
    let f = ALL_CHANNELS;
    for (const ch of off) f = toggleChannel(f, ch);
    expect(evIds(visibleItems([...all].reverse(), f))).toEqual(evIds(expected));
    expect(allHidden(f)).toBe(off.length === 5);
  });

  it('never shows entity snapshots (thread.opened, customer.created)', () => {
    expect(evIds(visibleItems([snapshot, email], ALL_CHANNELS))).toEqual(evIds([email]));
  });

  it('toggling twice restores', () => {
    expect(toggleChannel(toggleChannel(ALL_CHANNELS, 'social'), 'social')).toEqual(ALL_CHANNELS);
  });
});

describe('buildRows', () => {
  const cases = [kase({ id: CASE_A, subject: 'A' }), kase({ id: CASE_B, subject: 'B' })];

  it('ungrouped: one row per item, chronological', () => {
    const rows = buildRows([status, email, chat], { groupByCase: false, cases });
    expect(rows.map((r) => r.type)).toEqual(['item', 'item', 'item']);
    expect(rows.map((r) => r.key)).toEqual(evIds([email, chat, status]));
  });

  it('grouped: a header per case (groups by first item), each group chronological, loose items under "no case"', () => {
    const rows = buildRows(all, { groupByCase: true, cases });
    const shape = rows.map((r) => (r.type === 'case' ? `case:${r.case?.subject ?? 'none'}:${r.count}` : r.key));
    expect(shape).toEqual([
      'case:A:5',
      email.event.id,
      call.event.id,
      note.event.id,
      reply.event.id,
      status.event.id,
      'case:B:1',
      chat.event.id,
      'case:none:1',
      social.event.id,
    ]);
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('grouped: a case the view does not know still gets a header', () => {
    const rows = buildRows([chat], { groupByCase: true, cases: [] });
    expect(rows[0]).toMatchObject({ type: 'case', caseId: CASE_B, case: null, count: 1 });
  });

  it('grouped: nothing in, nothing out', () => {
    expect(buildRows([], { groupByCase: true, cases })).toEqual([]);
  });
});

describe('labels', () => {
  it.each([
    [email, 'in'],
    [reply, 'out'],
    [note, 'internal'],
    [call, 'in'],
    [status, 'system'],
  ] as const)('direction of %#', (x, expected) => {
    expect(directionOf(x.event)).toBe(expected);
  });

  it('outbound calls go out', () => {
    const out = event({ kind: 'call.started', meta: { direction: 'out', from: '+1', to: '+2', callId: 'x' } }, { channel: 'phone' });
    expect(directionOf(out)).toBe('out');
  });

  it.each([
    [{ kind: 'case.status_changed', meta: { from: 'open', to: 'resolved' } }, { type: 'statusChanged', from: 'open', to: 'resolved' }],
    [{ kind: 'case.assigned', meta: { from: null, to: ME } }, { type: 'assigned', to: ME, routing: null, reason: null }],
    [{ kind: 'case.assigned', meta: { from: OTHER_AGENT, to: ME, reason: 'knows this sensor' } }, { type: 'assigned', to: ME, routing: null, reason: 'knows this sensor' }],
    [
      { kind: 'case.assigned', meta: { from: null, to: ME, routing: { idleMs: 60_000, load: 1, capacity: 10, language: 'en', product: null, minTier: 1, eligible: 3 } } },
      { type: 'assigned', to: ME, routing: { idleMs: 60_000, load: 1, capacity: 10, language: 'en', product: null, minTier: 1, eligible: 3 }, reason: null },
    ],
    [
      { kind: 'case.offered', meta: { offerId: ME, agentId: ME, channel: 'chat', expiresAt: '2026-12-07T10:00:30.000Z', reason: { idleMs: 0, load: 0, capacity: 3, language: 'zh', product: 'cgm', minTier: 1, eligible: 1 } } },
      { type: 'offered', to: ME, reason: { idleMs: 0, load: 0, capacity: 3, language: 'zh', product: 'cgm', minTier: 1, eligible: 1 } },
    ],
    [{ kind: 'case.assigned', meta: { from: ME, to: null } }, { type: 'unassigned' }],
    [{ kind: 'case.priority_changed', meta: { from: 'P2', to: 'P0' } }, { type: 'priorityChanged', from: 'P2', to: 'P0' }],
    [{ kind: 'case.opened', meta: { case: kase({ subject: 'Burn', priority: 'P0' }) } }, { type: 'caseOpened', subject: 'Burn', priority: 'P0' }],
    [{ kind: 'note.added', meta: {} }, null],
  ] as const)('system line %#', (init, expected) => {
    expect(systemLine(event(init))).toEqual(expected);
  });

  it('system lines: a survey sent and answered (issue 18)', () => {
    expect(systemLine(event({ kind: 'survey.sent', meta: { surveyId: ME, channel: 'email', attributedTo: ME, manual: false } }))).toEqual({ type: 'surveySent', channel: 'email' });
    expect(systemLine(event({ kind: 'survey.answered', meta: { surveyId: ME, attributedTo: ME, csat: 2, nps: 3, ces: null, dimensions: {}, detractor: true } }))).toEqual({
      type: 'surveyAnswered',
      csat: 2,
      nps: 3,
      ces: null,
      detractor: true,
    });
  });

  it('system line: tags on and off (issue 15)', () => {
    expect(systemLine(event({ kind: 'case.tags_changed', meta: { added: ['photo-requested'], removed: ['firmware'] } }))).toEqual({ type: 'tagsChanged', added: ['photo-requested'], removed: ['firmware'] });
  });

  it.each([
    ['reply while offline', reply, 'offline', 'pendingSend'],
    ['reply while connecting', reply, 'connecting', 'pendingSend'],
    ['reply before the first sync status', reply, null, 'pendingSend'],
    ['reply while online', reply, 'online', 'pendingSending'],
    ['reply while syncing', reply, 'syncing', 'pendingSending'],
    ['note while offline', note, 'offline', 'pendingSync'],
    ['note while online', note, 'online', 'pendingSync'],
    ['synced item', email, 'offline', null],
    ['rejected reply', item(reply.event, 'rejected', { code: 'CONFLICT', message: 'case closed' }), 'offline', null],
  ] as const)('pending notice: %s', (_n, x, state, expected) => {
    expect(pendingNotice(x, state)).toBe(expected);
  });

  it('subject comes from message meta only', () => {
    expect(subjectOf(reply.event)).toBe('Re: sensor');
    expect(subjectOf(email.event)).toBeNull();
    expect(subjectOf(note.event)).toBeNull();
  });
});

describe('reply target', () => {
  const tEmail = thread({ id: THREAD_EMAIL, channel: 'email', caseId: CASE_A, openedAt: at(0) });
  const tChat = thread({ id: THREAD_CHAT, channel: 'chat', caseId: CASE_B, openedAt: at(2) });
  const tPhone = thread({ id: THREAD_PHONE, channel: 'phone', caseId: CASE_A, openedAt: at(3) });
  const tLoose = thread({ id: THREAD_LOOSE, channel: 'social', caseId: null, openedAt: at(6) });
  const threads = [tEmail, tChat, tPhone, tLoose];

  it.each([
    [tEmail, true],
    [tPhone, false],
    [tLoose, false],
  ] as const)('can reply on %#', (t, expected) => expect(canReplyOn(t)).toBe(expected));

  it.each([
    ['customer last wrote by chat (case B)', [email, chat], null, THREAD_CHAT],
    ['within case A: the email thread', [email, chat], CASE_A, THREAD_EMAIL],
    ['only a call in case A: newest repliable thread of A', [call], CASE_A, THREAD_EMAIL],
    ['nothing received: newest repliable thread', [], null, THREAD_CHAT],
    ['loose social message cannot take a reply', [social], null, THREAD_CHAT],
  ] as const)('%s', (_n, items, caseId, expected) => {
    expect(pickDefaultThread(threads, items, caseId)).toBe(expected);
  });

  it('falls back to any thread, or null without threads', () => {
    expect(pickDefaultThread([tPhone], [], null)).toBe(THREAD_PHONE);
    expect(pickDefaultThread([], [email], null)).toBeNull();
  });
});

describe('pickDefaultCase', () => {
  const open2 = kase({ id: id(600), priority: 'P2', status: 'open', updatedAt: at(50) });
  const open0 = kase({ id: id(601), priority: 'P0', status: 'pending', updatedAt: at(10) });
  const closedNew = kase({ id: id(602), priority: 'P0', status: 'closed', updatedAt: at(90) });
  const resolved = kase({ id: id(603), priority: 'P3', status: 'resolved', updatedAt: at(20) });
  it.each([
    ['the wanted case when it is theirs', [open2, open0], open2.id, open2.id],
    ['a wanted case that is not theirs is ignored', [open2, open0], id(999), open0.id],
    ['most urgent unresolved', [open2, open0, closedNew], null, open0.id],
    ['all done: the newest', [resolved, closedNew], null, closedNew.id],
    ['no cases', [], null, null],
  ] as const)('%s', (_n, cases, wanted, expected) => {
    expect(pickDefaultCase(cases, wanted)).toBe(expected);
  });
});

describe('refetching', () => {
  const mk = (n: number) => item(received({ id: id(700 + n), occurredAt: at(n) }));
  const page = (items: ReturnType<typeof mk>[], nextBefore: TimelinePage['nextBefore']): TimelinePage => ({ items, nextBefore });
  const cursor = (n: number) => ({ occurredAt: at(n), id: id(700 + n) });

  it('asks for at least a page, and for everything loaded plus a margin', () => {
    expect(refetchLimit(0, 100)).toBe(100);
    expect(refetchLimit(150, 100)).toBe(170);
    expect(refetchLimit(10_000, 100)).toBe(5000);
  });

  it('the page reaches below the loaded window: trimmed to it, the cursor kept (no growth per refresh)', () => {
    const r = combineRefetch([mk(5), mk(6)], cursor(5), page([mk(3), mk(4), mk(5), mk(6), mk(7)], cursor(3)));
    expect(evIds(r.items)).toEqual(evIds([mk(5), mk(6), mk(7)]));
    expect(r.nextBefore).toEqual(cursor(5));
  });

  it('the whole history was loaded: the page is the truth, back-dated arrivals included', () => {
    const r = combineRefetch([mk(5), mk(6)], null, page([mk(2), mk(5), mk(6)], null));
    expect(evIds(r.items)).toEqual(evIds([mk(2), mk(5), mk(6)]));
    expect(r.nextBefore).toBeNull();
  });

  it('a refresh without news changes nothing', () => {
    const loaded = [mk(5), mk(6), mk(7)];
    const r = combineRefetch(loaded, cursor(5), page([mk(3), mk(4), ...loaded], cursor(3)));
    expect(evIds(r.items)).toEqual(evIds(loaded));
    expect(r.nextBefore).toEqual(cursor(5));
  });

  it('older pages loaded before stay, with their cursor', () => {
    const r = combineRefetch([mk(1), mk(2), mk(3), mk(4)], cursor(1), page([mk(3), mk(4), mk(5)], cursor(3)));
    expect(evIds(r.items)).toEqual(evIds([mk(1), mk(2), mk(3), mk(4), mk(5)]));
    expect(r.nextBefore).toEqual(cursor(1));
  });

  it('a discarded item inside the page range disappears', () => {
    const r = combineRefetch([mk(3), mk(4), mk(5)], null, page([mk(3), mk(5)], null));
    expect(evIds(r.items)).toEqual(evIds([mk(3), mk(5)]));
  });

  it('so much new that the page does not reach what was loaded: keep the page only (no gap)', () => {
    const r = combineRefetch([mk(1), mk(2)], cursor(1), page([mk(8), mk(9)], cursor(8)));
    expect(evIds(r.items)).toEqual(evIds([mk(8), mk(9)]));
    expect(r.nextBefore).toEqual(cursor(8));
  });

  it('an empty page empties the timeline', () => {
    expect(combineRefetch([mk(1)], null, page([], null))).toEqual({ items: [], nextBefore: null });
  });
});

describe('showsDirection (issue 15: no "Internal Internal")', () => {
  it.each([
    ['a note: the internal badge says it', 'internal', 'internal', false],
    ['a customer email', 'email', 'in', true],
    ['a reply by chat', 'chat', 'out', true],
    ['a system line on a case', 'internal', 'system', true],
    ['an inbound call', 'phone', 'in', true],
  ] as const)('%s', (_what, channel, direction, want) => {
    expect(showsDirection(channel, direction)).toBe(want);
  });
});
