import { afterEach, describe, expect, it } from 'vitest';
import { chatAddress, chatGuardConfigFromEnv, CHAT_GUARD_DEFAULTS, createChatGuard, type ChatGuard, type ChatGuardConfig } from '../../../../src/server/channels/chat';

/** Issue 9, finding 5: the anonymous chat's flood guard, on a fake clock for idleness. */
describe('ChatGuard', () => {
  const guards: ChatGuard[] = [];
  afterEach(() => {
    for (const g of guards.splice(0)) g.close();
  });
  const make = (config: Partial<ChatGuardConfig>, clock = { t: 0 }, onPrune?: (ids: readonly string[]) => void) => {
    const g = createChatGuard({ connectionsPerMinute: 1000, sessionsPerHour: 1000, ...config }, { now: () => clock.t, ...(onPrune ? { onPrune } : {}) });
    guards.push(g);
    return g;
  };
  const admit = (g: ChatGuard, sessionId: string, address = '10.0.0.1', fresh = true, auth: Record<string, unknown> = {}) => g.admit({ address, sessionId, fresh, auth });

  it('caps open sessions per address; a resumed open session is admitted; other addresses are not affected', async () => {
    const g = make({ maxOpenSessionsPerAddress: 2 });
    expect(await admit(g, 's1')).toBeNull();
    expect(await admit(g, 's2')).toBeNull();
    expect(await admit(g, 's3')).toMatchObject({ code: 'TOO_MANY_SESSIONS' });
    expect(await admit(g, 's1', '10.0.0.1', false)).toBeNull(); // a second tab of an open session
    expect(await admit(g, 's4', '10.0.0.2')).toBeNull();
    expect([g.openSessions('10.0.0.1'), g.openSessions()]).toEqual([2, 3]);
  });

  it('caps open sessions overall', async () => {
    const g = make({ maxOpenSessions: 3 });
    for (const [i, a] of ['a', 'b', 'c'].entries()) expect(await admit(g, `s${i}`, a)).toBeNull();
    expect(await admit(g, 's9', 'd')).toMatchObject({ code: 'TOO_MANY_SESSIONS' });
  });

  it('a closed session stays open until idle, then is pruned (state and the chat server caches) and frees its slot', async () => {
    const clock = { t: 1_000 };
    const pruned: string[] = [];
    const g = make({ maxOpenSessionsPerAddress: 1, idleMs: 60_000 }, clock, (ids) => pruned.push(...ids));
    expect(await admit(g, 's1')).toBeNull();
    g.release('s1');
    clock.t += 59_000;
    expect(g.prune()).toEqual([]);
    expect(await admit(g, 's2')).toMatchObject({ code: 'TOO_MANY_SESSIONS' });
    clock.t += 2_000;
    expect(g.prune()).toEqual(['s1']);
    expect(pruned).toEqual(['s1']);
    expect(await admit(g, 's2')).toBeNull();
  });

  it('a connected session is never pruned, however quiet', async () => {
    const clock = { t: 0 };
    const g = make({ idleMs: 1_000 }, clock);
    await admit(g, 's1');
    clock.t += 10_000_000;
    expect(g.prune()).toEqual([]);
  });

  it('limits new sessions per address, connections per address, and messages per session and per address', async () => {
    const fresh = make({ sessionsPerHour: 2 });
    expect(await admit(fresh, 'n1')).toBeNull();
    expect(await admit(fresh, 'n2')).toBeNull();
    expect(await admit(fresh, 'n3')).toMatchObject({ code: 'RATE_LIMITED' });

    const conns = make({ connectionsPerMinute: 2 });
    await admit(conns, 'c1');
    await admit(conns, 'c1', '10.0.0.1', false);
    const refusal = await admit(conns, 'c1', '10.0.0.1', false);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refusal?.retryAfterMs).toBeGreaterThan(0);

    const msgs = make({ messagesPerMinute: 2, addressMessagesPerMinute: 3 });
    const send = (sessionId: string) => msgs.message({ address: '10.0.0.9', sessionId });
    expect([await send('m1'), await send('m1')]).toEqual([null, null]);
    expect(await send('m1')).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await send('m2')).toBeNull(); // the session's own budget, the address's third
    expect(await send('m3')).toMatchObject({ code: 'RATE_LIMITED' }); // the address is spent
  });

  it(`typing signals beyond ${60} a minute are dropped`, async () => {
    const g = make({});
    const answers = await Promise.all(Array.from({ length: 61 }, () => g.typing('t1')));
    expect(answers.filter(Boolean)).toHaveLength(60);
    expect(await g.typing('t2')).toBe(true);
  });

  it('the optional challenge is asked of new sessions only, and is off by default', async () => {
    expect(CHAT_GUARD_DEFAULTS.challenge).toBeNull();
    const asked: string[] = [];
    const g = make({ challenge: ({ auth }) => (asked.push(String(auth.challenge)), auth.challenge === 'solved') });
    expect(await admit(g, 'x1', 'a', true, { challenge: 'wrong' })).toMatchObject({ code: 'CHALLENGE_FAILED' });
    expect(await admit(g, 'x2', 'a', true, { challenge: 'solved' })).toBeNull();
    expect(await admit(g, 'x2', 'a', false)).toBeNull();
    expect(asked).toEqual(['wrong', 'solved']);
  });

  it('reads OMNIDESK_CHAT_* (bad values keep the defaults)', () => {
    expect(chatGuardConfigFromEnv({})).toEqual(CHAT_GUARD_DEFAULTS);
    expect(
      chatGuardConfigFromEnv({
        OMNIDESK_CHAT_CONNECTIONS_PER_MINUTE: '5', OMNIDESK_CHAT_SESSIONS_PER_HOUR: '6', OMNIDESK_CHAT_MESSAGES_PER_MINUTE: '7',
        OMNIDESK_CHAT_ADDRESS_MESSAGES_PER_MINUTE: '70', OMNIDESK_CHAT_MAX_OPEN_SESSIONS: '8', OMNIDESK_CHAT_MAX_SESSIONS_PER_ADDRESS: '9',
        OMNIDESK_CHAT_IDLE_MINUTES: '2', OMNIDESK_CHAT_TRUST_PROXY: 'true',
      }),
    ).toEqual({ connectionsPerMinute: 5, sessionsPerHour: 6, messagesPerMinute: 7, addressMessagesPerMinute: 70, maxOpenSessions: 8, maxOpenSessionsPerAddress: 9, idleMs: 120_000, trustProxy: true, challenge: null });
    expect(chatGuardConfigFromEnv({ OMNIDESK_CHAT_MAX_OPEN_SESSIONS: '-1', OMNIDESK_CHAT_IDLE_MINUTES: 'soon' })).toMatchObject({ maxOpenSessions: 2000, idleMs: 1_800_000 });
  });

  it.each([
    [false, '203.0.113.9, 10.0.0.1', '127.0.0.1'],
    [true, '203.0.113.9, 10.0.0.1', '203.0.113.9'],
    [true, undefined, '127.0.0.1'],
  ])('address with trustProxy=%s and X-Forwarded-For %j → %s', (trust, xff, out) => {
    expect(chatAddress({ address: '127.0.0.1', headers: { 'x-forwarded-for': xff } }, trust)).toBe(out);
  });
});
