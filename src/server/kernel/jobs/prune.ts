import type { Db } from '../db/types';
import type { JobDefinition } from './types';

export const PRUNE_JOBS_KIND = 'jobs.prune';

/**
 * Housekeeping: a recurring job deleting finished jobs (done or failed) older than `keepDays`, so the
 * queue's table stays small; a failed job stays inspectable for that long.
 */
export function pruneJobsJob(db: Db, options: { keepDays?: number; everyMs?: number } = {}): JobDefinition {
  const keepDays = options.keepDays ?? 7;
  return {
    kind: PRUNE_JOBS_KIND,
    every: options.everyMs ?? 6 * 3600_000,
    maxAttempts: 3,
    async handler() {
      await db.query(
        `delete from jobs where status in ('done', 'failed') and finished_at < now() - $1::double precision * interval '1 day'`,
        [keepDays],
      );
    },
  };
}
