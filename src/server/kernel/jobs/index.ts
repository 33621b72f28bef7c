/**
 * The server's jobs kernel: one durable queue in the database for timed and background work, run by a
 * `JobRunner` in every server instance. It is a small table-backed scheduler (FOR UPDATE SKIP LOCKED under a
 * lease) rather than pg-boss or graphile-worker: those need their own pg Pool (graphile-worker also a LISTEN
 * connection) and run on PGlite only through a hand-made client, while this one runs on both engines through
 * `Db`/`Queryable` and enqueues inside the caller's own transaction.
 */
export { enqueue, enqueueMany, cancel, onJobsEnqueued, type NewJob } from './queue';
export { createJobRunner, type JobRunner, type JobRunnerOptions, type JobRegistration } from './runner';
export { PermanentJobError, jobErrorCode, type JobDefinition, type JobContext, type Backoff } from './types';
export { retryDelayMs } from './backoff';
export { pruneJobsJob, PRUNE_JOBS_KIND } from './prune';
