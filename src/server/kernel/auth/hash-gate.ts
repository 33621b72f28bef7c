/**
 * A cap on concurrent password hashing (argon2id costs 64 MiB and a thread-pool slot per check): at most
 * `maxConcurrent` run, at most `maxWaiting` wait, and one key (an address, a username) holds at most `perKeyMax`
 * of those places. Beyond that `tryEnter` answers null at once, and the caller refuses the sign-in RATE_LIMITED
 * without hashing: a flood from one address can neither queue up memory nor crowd out other addresses.
 */
export interface HashGateOptions {
  maxConcurrent: number;
  maxWaiting: number;
  perKeyMax: number;
}

export const DEFAULT_HASH_GATE: HashGateOptions = { maxConcurrent: 4, maxWaiting: 32, perKeyMax: 2 };

export interface HashGate {
  /** A place for `keys` (each must have room): resolves when it may run, with its release; null when full. */
  tryEnter(keys: readonly string[]): Promise<() => void> | null;
  readonly running: number;
  readonly waiting: number;
}

export function createHashGate(options: HashGateOptions = DEFAULT_HASH_GATE): HashGate {
  let running = 0;
  const queue: Array<() => void> = [];
  const perKey = new Map<string, number>();

  const leave = (keys: readonly string[]) => {
    for (const k of keys) {
      const n = (perKey.get(k) ?? 1) - 1;
      if (n <= 0) perKey.delete(k);
      else perKey.set(k, n);
    }
    const next = queue.shift();
    if (next) next();
    else running--;
  };

  return {
    tryEnter(keys) {
      if (keys.some((k) => (perKey.get(k) ?? 0) >= options.perKeyMax)) return null;
      if (running >= options.maxConcurrent && queue.length >= options.maxWaiting) return null;
      for (const k of keys) perKey.set(k, (perKey.get(k) ?? 0) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        leave(keys);
      };
      if (running < options.maxConcurrent) {
        running++;
        return Promise.resolve(release);
      }
      // the slot is handed over by leave(): `running` stays the same
      return new Promise((resolve) => queue.push(() => resolve(release)));
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
