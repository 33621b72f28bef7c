import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/types';
import { safeError } from '../logger';
import { retryDelayMs } from './backoff';
import { ENQUEUE_BARRIER_LOCK, onJobsEnqueued } from './queue';
import { jobErrorCode, PermanentJobError, type Backoff, type JobContext, type JobDefinition } from './types';

export interface JobRunnerOptions {
  db: Db;
  logger: Logger;
  /** fallback polling interval (default 2 s); an enqueue in this process wakes the runner at once */
  pollIntervalMs?: number;
  /** jobs running at once in this runner (default 4) */
  concurrency?: number;
  /** a claimed job's lease, renewed every third of it while its handler runs (default 60 s) */
  leaseMs?: number;
  /** this runner's name in jobs.locked_by (default host:pid:random) */
  instanceId?: string;
  /** jitter source (tests) */
  random?: () => number;
}

export interface JobRegistration {
  /** stops claiming the kind and resolves when its running jobs have finished */
  unregister(): Promise<void>;
}

export interface JobRunner {
  readonly instanceId: string;
  registerJob<P>(definition: JobDefinition<P>): JobRegistration;
  /** starts polling (registering before or after is fine) */
  start(): void;
  /** claim due jobs soon */
  wake(): void;
  /** resolves when no claim is running and no job is in flight (tests) */
  idle(): Promise<void>;
  /** stops claiming and waits for the jobs in flight */
  stop(): Promise<void>;
}

const DEFAULT_MAX_ATTEMPTS = 5;
/** The key of a recurring kind's single live occurrence. */
const RECURRING_KEY = 'every';

interface Registered {
  kind: string;
  maxAttempts: number;
  backoff: Backoff | undefined;
  every: number | null;
  run(payload: unknown, ctx: JobContext): Promise<void>;
}

interface Claimed {
  id: string;
  kind: string;
  key: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number | null;
}

type Outcome = { status: 'done' } | { status: 'failed'; error: string } | { status: 'retry'; error: string; delayMs: number };

/**
 * Runs the jobs of `kernel/jobs/queue.ts`. A round claims up to `concurrency` due jobs of the registered kinds
 * (FOR UPDATE SKIP LOCKED, so the runners of several instances never take the same job) and marks them running
 * under a lease; each handler runs outside any transaction, and its outcome (done, retry with backoff, failed) is
 * written only if the job is still this runner's claim. A job whose lease expired is claimed again.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, logger } = options;
  const pollInterval = options.pollIntervalMs ?? 2000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseMs = options.leaseMs ?? 60_000;
  const random = options.random ?? Math.random;
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  const registry = new Map<string, Registered>();
  const inflight = new Map<string, { kind: string; done: Promise<void> }>();
  /** recurring kinds whose live occurrence must be ensured by the next round */
  const toEnsure = new Set<string>();
  let started = false;
  let stopped = false;
  let loop: Promise<void> | null = null;
  let pending = false;
  let barrierWanted = false;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  let unsubscribe: (() => void) | null = null;

  /** Arms the wake-up timer, keeping an earlier one. */
  function schedule(ms: number): void {
    if (stopped) return;
    const at = Date.now() + ms;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      wake();
    }, ms);
    timer.unref?.();
  }

  function wake(barrier = false): void {
    if (stopped || !started) return;
    pending = true;
    if (barrier) barrierWanted = true;
    loop ??= runLoop();
  }

  async function runLoop(): Promise<void> {
    // never finish synchronously: `loop ??= runLoop()` must assign before the finally below clears it
    await null;
    try {
      while (pending && !stopped) {
        if (toEnsure.size) await ensureRecurring();
        const free = concurrency - inflight.size;
        if (free <= 0 || registry.size === 0) break; // stays pending: a finishing job (or a registration) resumes
        pending = false;
        const barrier = barrierWanted;
        barrierWanted = false;
        const claimed = await claim(free, barrier);
        for (const row of claimed) startJob(row);
        if (claimed.length === free) pending = true; // more may be due
      }
    } catch (err) {
      logger.error({ err: safeError(err) }, 'jobs: claim round failed');
    } finally {
      loop = null;
      schedule(pollInterval);
    }
  }

  /**
   * Waits until no transaction that enqueued is still open (they hold ENQUEUE_BARRIER_LOCK shared until they
   * end), so a wake-up from an enqueue claims after its commit. It probes with a try-lock, never queueing in
   * front of enqueuers, and gives up after ~2 s (the next poll claims then).
   */
  async function enqueuersSettled(): Promise<void> {
    for (let i = 0; i < 100 && !stopped; i++) {
      const { rows } = await db.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [ENQUEUE_BARRIER_LOCK]);
      if (rows[0]?.ok) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function ensureRecurring(): Promise<void> {
    const kinds = [...toEnsure];
    toEnsure.clear();
    await db.query(
      `insert into jobs (kind, key) select k, $2 from unnest($1::text[]) as k
       on conflict (kind, key) where key is not null and status in ('queued', 'running') do nothing`,
      [kinds, RECURRING_KEY],
    );
  }

  async function claim(limit: number, barrier: boolean): Promise<Claimed[]> {
    if (barrier) await enqueuersSettled();
    const kinds = [...registry.keys()];
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<Claimed>(
        `with due as (
           select id from jobs
            where kind = any($1::text[])
              and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
            order by run_at
            limit $2
            for update skip locked)
         update jobs j
            set status = 'running', attempts = j.attempts + 1, locked_by = $3,
                locked_until = now() + $4::double precision * interval '1 millisecond'
           from due where j.id = due.id
         returning j.id, j.kind, j.key, j.payload, j.attempts, j.max_attempts`,
        [kinds, limit, instanceId, leaseMs],
      );
      return rows;
    });
  }

  function startJob(row: Claimed): void {
    const done = runJob(row).finally(() => {
      inflight.delete(row.id);
      if (pending) wake();
    });
    inflight.set(row.id, { kind: row.kind, done });
  }

  async function runJob(row: Claimed): Promise<void> {
    const def = registry.get(row.kind);
    if (!def) {
      // unregistered while the claim ran: hand it back untouched
      await finish(row, `status = 'queued', attempts = attempts - 1, locked_by = null, locked_until = null`, []).catch(() => undefined);
      return;
    }
    const maxAttempts = row.max_attempts ?? def.maxAttempts;
    const ctx: JobContext = { id: row.id, kind: row.kind, key: row.key, attempt: row.attempts, maxAttempts, lastAttempt: row.attempts >= maxAttempts };
    const renew = setInterval(() => void renewLease(row), Math.max(50, Math.floor(leaseMs / 3)));
    renew.unref?.();
    let outcome: Outcome;
    try {
      await def.run(row.payload, ctx);
      outcome = { status: 'done' };
      logger.debug({ kind: row.kind, jobId: row.id, attempt: ctx.attempt }, 'job done');
    } catch (err) {
      const error = jobErrorCode(err);
      outcome =
        err instanceof PermanentJobError || ctx.lastAttempt
          ? { status: 'failed', error }
          : { status: 'retry', error, delayMs: retryDelayMs(ctx.attempt, def.backoff, random) };
      logger.warn({ kind: row.kind, jobId: row.id, attempt: ctx.attempt, error }, outcome.status === 'failed' ? 'job failed' : 'job attempt failed');
    } finally {
      clearInterval(renew);
    }
    try {
      await record(row, def, outcome);
    } catch (err) {
      // the lease runs out and the job is claimed again
      logger.error({ kind: row.kind, jobId: row.id, attempt: row.attempts, err: safeError(err) }, 'jobs: recording the outcome failed');
    }
  }

  async function record(row: Claimed, def: Registered, outcome: Outcome): Promise<void> {
    if (outcome.status === 'retry') {
      await finish(
        row,
        `status = 'queued', run_at = now() + $4::double precision * interval '1 millisecond', locked_by = null, locked_until = null, last_error = $5`,
        [outcome.delayMs, outcome.error],
      );
      schedule(Math.min(outcome.delayMs, pollInterval));
      return;
    }
    const set =
      outcome.status === 'done'
        ? `status = 'done', locked_by = null, locked_until = null, last_error = null, finished_at = now()`
        : `status = 'failed', locked_by = null, locked_until = null, last_error = $4, finished_at = now()`;
    const params = outcome.status === 'done' ? [] : [outcome.error];
    if (def.every === null) {
      await finish(row, set, params);
      return;
    }
    const every = def.every;
    await db.transaction(async (tx) => {
      if (!(await finish(row, set, params, tx))) return;
      // the next occurrence, in the transaction that ends this one
      await tx.query(
        `insert into jobs (kind, key, run_at) values ($1, $2, now() + $3::double precision * interval '1 millisecond')
         on conflict (kind, key) where key is not null and status in ('queued', 'running') do nothing`,
        [row.kind, RECURRING_KEY, every],
      );
    });
    schedule(Math.min(every, pollInterval));
  }

  /** Updates the job if it is still this runner's claim; false when another runner took it over meanwhile. */
  async function finish(row: Claimed, set: string, params: readonly unknown[], q: Queryable = db): Promise<boolean> {
    const { rows } = await q.query(
      `update jobs set ${set} where id = $1 and locked_by = $2 and attempts = $3 and status = 'running' returning id`,
      [row.id, instanceId, row.attempts, ...params],
    );
    return rows.length > 0;
  }

  async function renewLease(row: Claimed): Promise<void> {
    try {
      const { rows } = await db.query(
        `update jobs set locked_until = now() + $4::double precision * interval '1 millisecond'
          where id = $1 and locked_by = $2 and attempts = $3 and status = 'running' returning id`,
        [row.id, instanceId, row.attempts, leaseMs],
      );
      if (rows.length === 0) logger.warn({ kind: row.kind, jobId: row.id, attempt: row.attempts }, 'jobs: lease lost');
    } catch (err) {
      logger.warn({ kind: row.kind, jobId: row.id, attempt: row.attempts, err: safeError(err) }, 'jobs: lease renewal failed');
    }
  }

  async function idle(): Promise<void> {
    for (;;) {
      if (loop) {
        await loop;
        continue;
      }
      if (inflight.size) {
        await Promise.all([...inflight.values()].map((j) => j.done));
        continue;
      }
      return;
    }
  }

  return {
    instanceId,
    registerJob<P>(definition: JobDefinition<P>): JobRegistration {
      if (registry.has(definition.kind)) throw new Error(`job kind ${definition.kind} is registered twice`);
      const parse = definition.payload;
      const reg: Registered = {
        kind: definition.kind,
        maxAttempts: Math.max(1, definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
        backoff: definition.backoff,
        every: definition.every ?? null,
        async run(payload, ctx) {
          let parsed: P;
          try {
            parsed = parse ? parse.parse(payload) : (payload as P);
          } catch {
            throw new PermanentJobError('INVALID_PAYLOAD');
          }
          await definition.handler(parsed, ctx);
        },
      };
      registry.set(reg.kind, reg);
      if (reg.every !== null) toEnsure.add(reg.kind);
      wake();
      return {
        async unregister() {
          if (registry.get(reg.kind) === reg) registry.delete(reg.kind);
          toEnsure.delete(reg.kind);
          await Promise.all([...inflight.values()].filter((j) => j.kind === reg.kind).map((j) => j.done));
        },
      };
    },
    start() {
      if (started || stopped) return;
      started = true;
      unsubscribe = onJobsEnqueued(() => wake(true));
      wake();
    },
    wake: () => wake(),
    idle,
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
      await idle();
    },
  };
}
