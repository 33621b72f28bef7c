/** What a handler knows about the run it is in. */
export interface JobContext {
  id: string;
  kind: string;
  key: string | null;
  /** 1 for the first run; counts every claim, including one whose instance died */
  attempt: number;
  maxAttempts: number;
  /** no retry follows if this run throws */
  lastAttempt: boolean;
}

export interface Backoff {
  /** delay before the second attempt; doubles per attempt (default 2 s) */
  baseMs?: number;
  /** cap of the delay (default 10 min) */
  maxMs?: number;
}

/**
 * One kind of job and how to run it. Registered on a runner (`runner.registerJob`); a runner claims only the
 * kinds registered on it, so a kind nobody registered stays queued until an instance that has it runs.
 */
export interface JobDefinition<P = unknown> {
  kind: string;
  /** checks the stored payload (a zod schema fits); an invalid payload fails the job at once */
  payload?: { parse(value: unknown): P };
  /** throw to retry (with backoff, up to maxAttempts); throw PermanentJobError to fail at once */
  handler: (payload: P, ctx: JobContext) => Promise<void>;
  /** default 5 */
  maxAttempts?: number;
  backoff?: Backoff;
  /** recurring: the runner keeps one occurrence queued, the next `every` ms after the previous one ended */
  every?: number;
}

/** A failure no retry can fix. `code` is stored and logged: a data-free code, never a message. */
export class PermanentJobError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.name = 'PermanentJobError';
    this.code = code;
  }
}

/** The data-free text stored in jobs.last_error and logged: the error's class and code, never its message. */
export function jobErrorCode(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown } | null;
  const name = typeof e?.name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,59}$/.test(e.name) ? e.name : 'Error';
  const code = typeof e?.code === 'string' && /^[A-Za-z0-9_.:-]{1,60}$/.test(e.code) ? e.code : null;
  return code ? `${name} ${code}` : name;
}
