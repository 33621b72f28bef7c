import { describe, expect, it } from 'vitest';
import { chooseAgent, compareWork, DEFAULT_CAPACITY, type RoutingCandidate, type RoutingWork } from '../../../../src/shared/index';

const TEAM = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const NOW = Date.parse('2026-12-07T10:00:00Z');
const min = (n: number) => NOW - n * 60_000;

const agent = (id: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  agentId: id,
  teamIds: [TEAM],
  languages: ['en'],
  products: [],
  tier: 1,
  presence: 'available',
  load: {},
  idleSince: min(5),
  ...over,
});
const work = (over: Partial<RoutingWork> = {}): RoutingWork => ({ caseId: 'c1', teamId: TEAM, channel: 'chat', language: 'en', product: null, minTier: 1, passedBy: [], ...over });

describe('chooseAgent: who gets the work', () => {
  const cases: Array<{ name: string; work?: Partial<RoutingWork>; agents: RoutingCandidate[]; expect: string | null }> = [
    { name: 'the only available agent', agents: [agent('a')], expect: 'a' },
    { name: 'longest idle first', agents: [agent('a', { idleSince: min(2) }), agent('b', { idleSince: min(20) }), agent('c', { idleSince: min(7) })], expect: 'b' },
    { name: 'same idle time: fewer open items on the channel, then id', agents: [agent('b', { load: { chat: 1 } }), agent('c'), agent('a', { load: { chat: 2 } })], expect: 'c' },
    { name: 'away, busy and offline agents get nothing', agents: [agent('a', { presence: 'away', idleSince: min(60) }), agent('b', { presence: 'busy', idleSince: min(60) }), agent('c', { presence: 'offline', idleSince: min(60) }), agent('d')], expect: 'd' },
    { name: 'the case language: a Chinese chat goes to the Chinese speaker', work: { language: 'zh' }, agents: [agent('a', { idleSince: min(60) }), agent('b', { languages: ['en', 'zh'] })], expect: 'b' },
    { name: 'nobody speaks the language: no one', work: { language: 'zh' }, agents: [agent('a'), agent('b')], expect: null },
    { name: 'product skill: an agent limited to other products is skipped', work: { product: 'cgm' }, agents: [agent('a', { products: ['ecg_patch'], idleSince: min(60) }), agent('b', { products: ['cgm'] })], expect: 'b' },
    { name: 'an agent with no product list knows every product', work: { product: 'bp_cuff' }, agents: [agent('a', { products: [] })], expect: 'a' },
    { name: 'tier: second-line work skips first-line agents', work: { minTier: 2 }, agents: [agent('a', { idleSince: min(60) }), agent('b', { tier: 2 })], expect: 'b' },
    { name: 'capacity: 3 chats is full', agents: [agent('a', { load: { chat: 3 }, idleSince: min(60) }), agent('b', { load: { chat: 2 } })], expect: 'b' },
    { name: 'capacity is per channel: full on email, room on chat', agents: [agent('a', { load: { email: 10 } })], expect: 'a' },
    { name: 'one call at a time', work: { channel: 'phone' }, agents: [agent('a', { load: { phone: 1 } })], expect: null },
    { name: 'an agent who passed on the case is not offered it again', work: { passedBy: ['a'] }, agents: [agent('a', { idleSince: min(60) }), agent('b')], expect: 'b' },
    { name: 'everyone passed: no one', work: { passedBy: ['a', 'b'] }, agents: [agent('a'), agent('b')], expect: null },
    { name: 'agents of other teams are not considered', agents: [agent('a', { teamIds: [OTHER], idleSince: min(60) }), agent('b')], expect: 'b' },
    { name: 'no agents at all', agents: [], expect: null },
  ];
  it.each(cases)('$name', (c) => {
    expect(chooseAgent(work(c.work), c.agents, DEFAULT_CAPACITY, NOW).agentId).toBe(c.expect);
  });

  it('records why: idle time, load and capacity, the skills asked, how many could have taken it', () => {
    const d = chooseAgent(work({ language: 'zh', product: 'cgm' }), [agent('a', { languages: ['zh'], load: { chat: 1 }, idleSince: min(4) }), agent('b', { languages: ['zh'], idleSince: min(1) }), agent('c')], DEFAULT_CAPACITY, NOW);
    expect(d).toEqual({ agentId: 'a', reason: { idleMs: 240_000, load: 1, capacity: 3, language: 'zh', product: 'cgm', minTier: 1, eligible: 2 } });
  });

  it('says why nobody could take it: the first test each agent failed', () => {
    const d = chooseAgent(
      work({ language: 'zh', passedBy: ['e'] }),
      [agent('a', { presence: 'away' }), agent('b'), agent('c', { languages: ['zh'], load: { chat: 3 } }), agent('d', { languages: ['zh'], presence: 'offline' }), agent('e', { languages: ['zh'] })],
      DEFAULT_CAPACITY,
      NOW,
    );
    expect(d).toEqual({ agentId: null, considered: 5, failed: { presence: 2, language: 1, product: 0, tier: 0, capacity: 1, passed: 1 } });
  });

  it('a lead raising chat capacity to 4 gives a full agent room again', () => {
    const full = [agent('a', { load: { chat: 3 } })];
    expect(chooseAgent(work(), full, DEFAULT_CAPACITY, NOW).agentId).toBeNull();
    expect(chooseAgent(work(), full, { ...DEFAULT_CAPACITY, chat: 4 }, NOW).agentId).toBe('a');
  });
});

describe('compareWork: the order waiting cases are routed in', () => {
  it.each([
    { a: { priority: 'P0', openedAt: '2026-12-07T10:00:00Z' }, b: { priority: 'P2', openedAt: '2026-12-07T08:00:00Z' }, first: 'a' },
    { a: { priority: 'P2', openedAt: '2026-12-07T10:00:00Z' }, b: { priority: 'P2', openedAt: '2026-12-07T08:00:00Z' }, first: 'b' },
    { a: { priority: 'P1', openedAt: '2026-12-07T10:00:00Z' }, b: { priority: 'P3', openedAt: '2026-12-01T08:00:00Z' }, first: 'a' },
  ])('$a.priority $a.openedAt vs $b.priority $b.openedAt', ({ a, b, first }) => {
    const sorted = [{ ...b, caseId: 'b' }, { ...a, caseId: 'a' }].sort(compareWork);
    expect(sorted[0]!.caseId).toBe(first);
  });
});
