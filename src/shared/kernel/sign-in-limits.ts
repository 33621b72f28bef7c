/**
 * The brute-force rule of every sign-in, pure: the server's (per username, kept in the database, and per
 * address, kept in memory) and the desktop's offline sign-in (per username, kept in a file) apply the same one.
 *
 * A key (a username, an address) may fail `freeFailures` times freely; after that each attempt must wait a
 * back-off that doubles with every further failure (`baseDelayMs`, 2×, 4×, … up to `maxDelayMs`), and at
 * `lockoutAfter` failures the key is locked for `lockoutMs` (a lead or an admin can lift it earlier). An attempt
 * refused by the back-off or the lockout is not checked at all (it reveals nothing, costs no hashing) and is not
 * counted. A success clears the key. Failures older than `forgetAfterMs` are forgotten.
 */

export interface SignInLimits {
  /** failures allowed before any back-off */
  freeFailures: number;
  /** the first back-off; each further failure doubles it */
  baseDelayMs: number;
  /** the longest back-off */
  maxDelayMs: number;
  /** failures that lock the key; null: never locked (only back-off) */
  lockoutAfter: number | null;
  /** how long a lockout lasts unless lifted */
  lockoutMs: number;
  /** a key with no failure for this long starts afresh */
  forgetAfterMs: number;
}

/** Per username (server and desktop): 3 free, then 1 s, 2 s, 4 s … ≤ 1 min; locked 30 min at 10 failures. */
export const USERNAME_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  lockoutAfter: 10,
  lockoutMs: 30 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Per address (server): 10 free (a shared office NAT), then 1 s, 2 s … ≤ 5 min; never locked. */
export const ADDRESS_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  lockoutAfter: null,
  lockoutMs: 0,
  forgetAfterMs: 60 * 60_000,
};

/** What is remembered of a key's recent failures (times in ms since the epoch). */
export interface FailureState {
  failures: number;
  lastFailureAt: number;
  /** set while locked */
  lockedUntil: number | null;
}

export const NO_FAILURES: FailureState = { failures: 0, lastFailureAt: 0, lockedUntil: null };

export type SignInVerdict = { allowed: true } | { allowed: false; reason: 'locked' | 'backoff'; retryAfterMs: number };

/** The state as it counts at `now`: forgotten after a quiet `forgetAfterMs`, an expired lockout gone. */
export function currentFailures(state: FailureState, now: number, limits: SignInLimits): FailureState {
  const locked = state.lockedUntil !== null && state.lockedUntil > now;
  if (!locked && state.failures > 0 && now - state.lastFailureAt >= limits.forgetAfterMs) return NO_FAILURES;
  if (state.lockedUntil !== null && !locked) {
    // the lockout ran out: the key starts afresh (else the next failure would lock it again at once)
    return NO_FAILURES;
  }
  return state;
}

/** The back-off owed after `failures` failures (0 while within the free ones). */
export function backoffMs(failures: number, limits: SignInLimits): number {
  const over = failures - limits.freeFailures;
  if (over <= 0) return 0;
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over - 1, 30));
}

/** May an attempt for this key be checked at `now`? */
export function signInVerdict(state: FailureState, now: number, limits: SignInLimits): SignInVerdict {
  const s = currentFailures(state, now, limits);
  if (s.lockedUntil !== null) return { allowed: false, reason: 'locked', retryAfterMs: s.lockedUntil - now };
  const wait = s.lastFailureAt + backoffMs(s.failures, limits) - now;
  if (s.failures > 0 && wait > 0) return { allowed: false, reason: 'backoff', retryAfterMs: wait };
  return { allowed: true };
}

/** The key after a failed check at `now` (it may now be locked). */
export function afterFailure(state: FailureState, now: number, limits: SignInLimits): FailureState {
  const s = currentFailures(state, now, limits);
  const failures = s.failures + 1;
  const lock = limits.lockoutAfter !== null && failures >= limits.lockoutAfter;
  return { failures, lastFailureAt: now, lockedUntil: lock ? now + limits.lockoutMs : s.lockedUntil };
}

/** The strictest of several verdicts (username and address): a lockout before a back-off, then the longest wait. */
export function strictest(...verdicts: SignInVerdict[]): SignInVerdict {
  let worst: SignInVerdict = { allowed: true };
  for (const v of verdicts) {
    if (v.allowed) continue;
    if (worst.allowed) worst = v;
    else if (v.reason === 'locked' && worst.reason !== 'locked') worst = v;
    else if (v.reason === worst.reason && v.retryAfterMs > worst.retryAfterMs) worst = v;
  }
  return worst;
}

/** The message of a refused attempt: no hint whether the username exists, the wait in whole seconds. */
export function signInRefusal(verdict: Exclude<SignInVerdict, { allowed: true }>): string {
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  return verdict.reason === 'locked'
    ? `too many failed sign-ins: locked, try again in ${seconds} s or ask a team lead to lift the lock`
    : `too many failed sign-ins: try again in ${seconds} s`;
}
