/**
 * Issue 9, finding 4: "40 wrong passwords, then the right one works". Sign-in is now slowed per username and per
 * address (the shared rule src/shared/kernel/sign-in-limits.ts), locked at 10 failures until a lead or admin
 * lifts it, and password hashing is capped (excess RATE_LIMITED at once). The server's clock is a test clock.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorBody } from '../../../src/shared/kernel/errors';
import { LockoutsResponse } from '../../../src/shared/contracts/http';
import { USERNAME_SIGN_IN_LIMITS } from '../../../src/shared/kernel/sign-in-limits';
import { forEachDatabase } from '../helpers/databases';
import { passwordOf, startTestServer, type TestServer } from '../helpers/server';

forEachDatabase('sign-in limits', (ctx) => {
  let t: TestServer;
  let clock = Date.now();
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestServer(ctx.db, { server: { signIn: { now: () => clock, attemptsPerMinute: 100_000 } } });
    for (const u of ['alice', 'lena', 'omar']) tokens[u] = await t.token(u);
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (username: string, password: string) =>
    fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const errorOf = async (res: Response) => ErrorBody.parse(((await res.json()) as { error: unknown }).error);
  /** a quiet hour: the address's failures are forgotten */
  const quietHour = () => {
    clock += 60 * 60_000;
  };

  it('40 wrong passwords, then the right one is refused RATE_LIMITED (429, Retry-After), checked again after the wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await attempt('alice', `wrong-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('1');
        expect((await errorOf(res)).code).toBe('RATE_LIMITED');
      } else await res.body?.cancel();
    }
    // freeFailures (3) free failures, the fourth still checked; from then on the back-off refuses unchecked
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(new Set(statuses.slice(4))).toEqual(new Set([429]));
    const right = await attempt('alice', passwordOf('alice'));
    expect(right.status).toBe(429);
    expect((await errorOf(right)).message).toMatch(/try again in 1 s/);
    clock += 1_000;
    const later = await attempt('alice', passwordOf('alice'));
    expect(later.status).toBe(200);
    expect(later.headers.get('cache-control')).toBe('no-store');
    const { rows } = await t.db.query('select 1 from sign_in_failures where username = $1', ['alice']);
    expect(rows).toHaveLength(0); // a success clears the username
    quietHour();
  });

  it('10 failures lock a username (the right password too) until a lead of its team lifts it', async () => {
    let failures = 0;
    while (failures < USERNAME_SIGN_IN_LIMITS.lockoutAfter!) {
      const res = await attempt('BOB', 'not-his-password'); // usernames count without regard to case
      if (res.status === 429) clock += Number(res.headers.get('retry-after')) * 1000;
      else {
        expect(res.status).toBe(401);
        failures++;
      }
      await res.body?.cancel();
    }
    clock += 2 * 60_000; // well past any back-off: only the lockout remains
    const locked = await attempt('bob', passwordOf('bob'));
    expect(locked.status).toBe(429);
    expect((await errorOf(locked)).message).toMatch(/locked/);

    const list = async (who: string) => {
      const res = await fetch(`${t.baseUrl}/api/auth/lockouts`, { headers: { authorization: `Bearer ${tokens[who]}` } });
      return res;
    };
    expect((await list('alice')).status).toBe(403);
    const lena = LockoutsResponse.parse(await (await list('lena')).json());
    expect(lena.lockouts).toEqual([]); // bob is not in her team
    const omar = LockoutsResponse.parse(await (await list('omar')).json());
    expect(omar.lockouts.map((l) => [l.username, l.failures])).toEqual([['bob', 10]]);

    const lift = (who: string, username: string) =>
      fetch(`${t.baseUrl}/api/auth/lockouts/${encodeURIComponent(username)}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens[who]}` } });
    expect((await lift('alice', 'bob')).status).toBe(403);
    expect((await lift('lena', 'bob')).status).toBe(404);
    expect((await attempt('bob', passwordOf('bob'))).status).toBe(429);
    expect((await lift('omar', 'bob')).status).toBe(204);
    const ok = await attempt('bob', passwordOf('bob'));
    expect(ok.status).toBe(200);
    expect(t.logs()).not.toContain('not-his-password');
    quietHour();
  });

  it('a lockout holds across a server restart (kept in the database)', async () => {
    let failures = 0;
    while (failures < USERNAME_SIGN_IN_LIMITS.lockoutAfter!) {
      const res = await attempt('jun', 'nope-nope');
      if (res.status === 429) clock += Number(res.headers.get('retry-after')) * 1000;
      else failures++;
      await res.body?.cancel();
    }
    await t.close();
    t = await startTestServer(ctx.db, { seed: false, server: { signIn: { now: () => clock, attemptsPerMinute: 100_000 } } });
    clock += 2 * 60_000;
    const res = await attempt('jun', passwordOf('jun'));
    expect(res.status).toBe(429);
    expect((await errorOf(res)).message).toMatch(/locked/);
    clock += USERNAME_SIGN_IN_LIMITS.lockoutMs;
    expect((await attempt('jun', passwordOf('jun'))).status).toBe(200);
    quietHour();
  });

  it('concurrent logins from one address: at most two are hashed at once, the rest are refused RATE_LIMITED at once', async () => {
    const started = Date.now();
    const all = await Promise.all(Array.from({ length: 24 }, (_, i) => attempt(i % 2 ? 'mei' : 'dr.wang', `flood-${i}`)));
    const statuses = all.map((r) => r.status);
    await Promise.all(all.map((r) => r.body?.cancel()));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    quietHour();
  });
});
