import { describe, expect, it } from 'vitest';
import {
  ADDRESS_SIGN_IN_LIMITS,
  afterFailure,
  backoffMs,
  NO_FAILURES,
  signInVerdict,
  strictest,
  USERNAME_SIGN_IN_LIMITS,
  type FailureState,
  type SignInVerdict,
} from '../../../src/shared/kernel/sign-in-limits';

const U = USERNAME_SIGN_IN_LIMITS;
const T0 = Date.parse('2026-06-15T10:00:00Z');

/** `n` failures, each as soon as it is allowed */
function failNTimes(n: number, limits = U): { state: FailureState; now: number } {
  let state = NO_FAILURES;
  let now = T0;
  for (let i = 0; i < n; i++) {
    const v = signInVerdict(state, now, limits);
    if (!v.allowed) now += v.retryAfterMs;
    state = afterFailure(state, now, limits);
  }
  return { state, now };
}

describe('sign-in limits: back-off per key', () => {
  const cases: Array<[failures: number, backoff: number]> = [
    [0, 0],
    [1, 0],
    [3, 0],
    [4, 1_000],
    [5, 2_000],
    [6, 4_000],
    [9, 32_000],
    [10, 60_000],
    [50, 60_000],
    [5000, 60_000],
  ];
  it.each(cases)('%i failures → back-off %i ms (username limits)', (failures, want) => {
    expect(backoffMs(failures, U)).toBe(want);
  });

  it('free failures are allowed at once; the next attempt then waits the back-off', () => {
    const { state, now } = failNTimes(4);
    expect(signInVerdict(state, now, U)).toEqual({ allowed: false, reason: 'backoff', retryAfterMs: 1_000 });
    expect(signInVerdict(state, now + 999, U).allowed).toBe(false);
    expect(signInVerdict(state, now + 1_000, U)).toEqual({ allowed: true });
  });

  it(`a username is locked at ${U.lockoutAfter} failures, for lockoutMs, even for the right password`, () => {
    const { state, now } = failNTimes(U.lockoutAfter!);
    expect(state.lockedUntil).toBe(now + U.lockoutMs);
    const v = signInVerdict(state, now + 60 * 60_000 - 31 * 60_000, U);
    expect(v).toMatchObject({ allowed: false, reason: 'locked' });
    expect(signInVerdict(state, now + U.lockoutMs, U)).toEqual({ allowed: true });
    // after the lockout ran out the key starts afresh
    expect(afterFailure(state, now + U.lockoutMs, U)).toEqual({ failures: 1, lastFailureAt: now + U.lockoutMs, lockedUntil: null });
  });

  it('an address is never locked, only slowed', () => {
    const { state, now } = failNTimes(40, ADDRESS_SIGN_IN_LIMITS);
    expect(state.lockedUntil).toBeNull();
    expect(signInVerdict(state, now, ADDRESS_SIGN_IN_LIMITS)).toMatchObject({ allowed: false, reason: 'backoff', retryAfterMs: ADDRESS_SIGN_IN_LIMITS.maxDelayMs });
  });

  it('failures are forgotten after a quiet forgetAfterMs', () => {
    const { state, now } = failNTimes(6);
    expect(signInVerdict(state, now + U.forgetAfterMs, U)).toEqual({ allowed: true });
    expect(afterFailure(state, now + U.forgetAfterMs, U).failures).toBe(1);
  });

  const allow: SignInVerdict = { allowed: true };
  const wait = (ms: number): SignInVerdict => ({ allowed: false, reason: 'backoff', retryAfterMs: ms });
  const locked = (ms: number): SignInVerdict => ({ allowed: false, reason: 'locked', retryAfterMs: ms });
  const strict: Array<[string, SignInVerdict[], SignInVerdict]> = [
    ['none', [], allow],
    ['all allowed', [allow, allow], allow],
    ['one refusal wins', [allow, wait(5)], wait(5)],
    ['the longer wait', [wait(5), wait(9)], wait(9)],
    ['a lockout before a back-off', [wait(90_000), locked(10)], locked(10)],
  ];
  it.each(strict)('strictest: %s', (_n, vs, want) => {
    expect(strictest(...vs)).toEqual(want);
  });
});
