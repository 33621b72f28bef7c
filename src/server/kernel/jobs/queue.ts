import type { Queryable } from '../db/types';

/**
 * Held shared by every transaction that enqueues, until it ends. A runner woken by an enqueue in this process
 * waits until it can take it exclusively, so it claims after that transaction committed (or rolled back)
 * instead of missing the new job and waiting for the next poll.
 */
export const ENQUEUE_BARRIER_LOCK = 7_300_003;

export interface NewJob {
  kind: string;
  /** dedupe key: while a job of this kind and key is queued or running, enqueueing another does nothing */
  key?: string | null;
  /** stored as jsonb; ids and codes, never personal data */
  payload?: unknown;
  /** not before (default: now) */
  runAt?: Date;
  /** overrides the kind's registered maxAttempts for this job */
  maxAttempts?: number;
}

/**
 * Adds jobs inside the caller's transaction `tx`, so they exist exactly when what causes them commits.
 * Returns the ids of the jobs created (a job deduplicated by its key creates nothing).
 */
export async function enqueueMany(tx: Queryable, jobs: readonly NewJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  await tx.query('select pg_advisory_xact_lock_shared($1)', [ENQUEUE_BARRIER_LOCK]);
  const rows = jobs.map((j) => ({
    kind: j.kind,
    key: j.key ?? null,
    payload: j.payload ?? {},
    run_at: j.runAt ? j.runAt.toISOString() : null,
    max_attempts: j.maxAttempts ?? null,
  }));
  const { rows: created } = await tx.query<{ id: string }>(
    `insert into jobs (kind, key, payload, run_at, max_attempts)
     select x.kind, x.key, coalesce(x.payload, '{}'::jsonb), coalesce(x.run_at, now()), x.max_attempts
       from jsonb_to_recordset($1::text::jsonb) as x(kind text, key text, payload jsonb, run_at timestamptz, max_attempts integer)
     on conflict (kind, key) where key is not null and status in ('queued', 'running') do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  if (created.length) notifyEnqueued();
  return created.map((r) => r.id);
}

/** One job; its id, or null when a live job with the same kind and key exists. */
export async function enqueue(tx: Queryable, job: NewJob): Promise<string | null> {
  const [id] = await enqueueMany(tx, [job]);
  return id ?? null;
}

/** Cancels the queued job of this kind and key (true if there was one). A job already running finishes as it would. */
export async function cancel(tx: Queryable, kind: string, key: string): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>(`delete from jobs where kind = $1 and key = $2 and status = 'queued' returning id`, [kind, key]);
  return rows.length > 0;
}

const wakeListeners = new Set<() => void>();

function notifyEnqueued(): void {
  const listeners = [...wakeListeners];
  setImmediate(() => {
    for (const l of listeners) l();
  });
}

/** Called (soon, asynchronously) whenever this process enqueued jobs. Returns an unsubscribe. */
export function onJobsEnqueued(listener: () => void): () => void {
  wakeListeners.add(listener);
  return () => {
    wakeListeners.delete(listener);
  };
}
