/**
 * Brute-force protection of POST /api/auth/login (issue 9, finding 4), in front of the password check:
 * 1. the address's attempt rate (rate-limiter-flexible, in memory: `attemptsPerMinute` per address);
 * 2. the shared rule (src/shared/kernel/sign-in-limits.ts) per username (table `sign_in_failures`, so it holds
 *    across restarts and instances) and per address (in memory): back-off, lockout;
 * 3. the hash gate (hash-gate.ts): a cap on concurrent argon2 checks, and on the share of one address or username.
 * Every refusal is RATE_LIMITED with the wait, answered before any hashing. Nothing here logs a username or address.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { OmnideskError } from '../../../shared/kernel/errors';
import {
  ADDRESS_SIGN_IN_LIMITS,
  afterFailure,
  currentFailures,
  NO_FAILURES,
  signInRefusal,
  signInVerdict,
  strictest,
  USERNAME_SIGN_IN_LIMITS,
  type FailureState,
  type SignInLimits,
} from '../../../shared/kernel/sign-in-limits';
import type { Db, Queryable } from '../db/types';
import { createHashGate, DEFAULT_HASH_GATE, type HashGateOptions } from './hash-gate';

export interface SignInGuardOptions {
  username?: SignInLimits;
  address?: SignInLimits;
  hashing?: HashGateOptions;
  /** every attempt from one address, failed or not (default 60 a minute) */
  attemptsPerMinute?: number;
  /** the clock (tests) */
  now?: () => number;
}

export class RateLimitedError extends OmnideskError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

const BUSY = 'too many sign-ins at once: try again in a moment';
/** addresses remembered at most (a flood of spoofed-looking sources cannot grow memory without bound) */
const MAX_ADDRESSES = 100_000;

export interface SignInGuard {
  /** Runs `check` (the password check) under every limit; records its outcome. RATE_LIMITED before any check when refused. */
  attempt<T>(username: string, address: string, check: () => Promise<T | null>): Promise<T | null>;
  /** Clears a username's failures (a lead or admin lifting a lock). */
  lift(q: Queryable, username: string): Promise<boolean>;
  readonly limits: { username: SignInLimits; address: SignInLimits };
  now(): number;
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export function createSignInGuard(db: Db, options: SignInGuardOptions = {}): SignInGuard {
  const userLimits = options.username ?? USERNAME_SIGN_IN_LIMITS;
  const addrLimits = options.address ?? ADDRESS_SIGN_IN_LIMITS;
  const now = options.now ?? Date.now;
  const gate = createHashGate(options.hashing ?? DEFAULT_HASH_GATE);
  const attempts = new RateLimiterMemory({ points: options.attemptsPerMinute ?? 60, duration: 60 });
  const addresses = new Map<string, FailureState>();

  const addressState = (address: string, t: number): FailureState => {
    const s = addresses.get(address);
    if (!s) return NO_FAILURES;
    const c = currentFailures(s, t, addrLimits);
    if (c.failures === 0) addresses.delete(address);
    return c;
  };

  async function userState(username: string): Promise<FailureState> {
    const { rows } = await db.query<{ failures: number; last_failure_at: Date | string; locked_until: Date | string | null }>(
      'select failures, last_failure_at, locked_until from sign_in_failures where username = $1',
      [username],
    );
    const r = rows[0];
    if (!r) return NO_FAILURES;
    return {
      failures: Number(r.failures),
      lastFailureAt: new Date(r.last_failure_at).getTime(),
      lockedUntil: r.locked_until === null ? null : new Date(r.locked_until).getTime(),
    };
  }

  async function recordUserFailure(username: string, t: number): Promise<void> {
    // read-modify-write under a row lock, so concurrent failures all count
    await db.transaction(async (tx) => {
      await tx.query(
        'insert into sign_in_failures (username, failures, last_failure_at) values ($1, 0, $2) on conflict (username) do nothing',
        [username, new Date(t)],
      );
      const { rows } = await tx.query<{ failures: number; last_failure_at: Date | string; locked_until: Date | string | null }>(
        'select failures, last_failure_at, locked_until from sign_in_failures where username = $1 for update',
        [username],
      );
      const r = rows[0]!;
      const before: FailureState = {
        failures: Number(r.failures),
        lastFailureAt: new Date(r.last_failure_at).getTime(),
        lockedUntil: r.locked_until === null ? null : new Date(r.locked_until).getTime(),
      };
      const next = afterFailure(before, t, userLimits);
      await tx.query('update sign_in_failures set failures = $2, last_failure_at = $3, locked_until = $4 where username = $1', [
        username,
        next.failures,
        new Date(next.lastFailureAt),
        next.lockedUntil === null ? null : new Date(next.lockedUntil),
      ]);
    });
  }

  return {
    limits: { username: userLimits, address: addrLimits },
    now,
    async attempt<T>(rawUsername: string, address: string, check: () => Promise<T | null>): Promise<T | null> {
      const username = usernameKey(rawUsername);
      try {
        await attempts.consume(address);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new RateLimitedError(BUSY, err.msBeforeNext);
        throw err;
      }
      const t = now();
      // the address first: it is in memory, so a flood from one address is refused without a database read
      const byAddress = signInVerdict(addressState(address, t), t, addrLimits);
      if (!byAddress.allowed) throw new RateLimitedError(signInRefusal(byAddress), byAddress.retryAfterMs);
      const verdict = strictest(signInVerdict(await userState(username), t, userLimits), byAddress);
      if (!verdict.allowed) throw new RateLimitedError(signInRefusal(verdict), verdict.retryAfterMs);
      const entered = gate.tryEnter([`a:${address}`, `u:${username}`]);
      if (!entered) throw new RateLimitedError(BUSY, 1_000);
      const release = await entered;
      let result: T | null;
      try {
        result = await check();
      } finally {
        release();
      }
      const after = now();
      if (result === null) {
        if (addresses.size >= MAX_ADDRESSES && !addresses.has(address)) {
          const oldest = addresses.keys().next().value;
          if (oldest !== undefined) addresses.delete(oldest);
        }
        addresses.set(address, afterFailure(addressState(address, after), after, addrLimits));
        await recordUserFailure(username, after);
      } else {
        await db.query('delete from sign_in_failures where username = $1', [username]);
      }
      return result;
    },
    async lift(q, rawUsername) {
      const { rows } = await q.query<{ username: string }>('delete from sign_in_failures where username = $1 returning username', [usernameKey(rawUsername)]);
      return rows.length > 0;
    },
  };
}
