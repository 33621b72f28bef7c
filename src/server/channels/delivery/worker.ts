import { createJobRunner, type JobRunner } from '../../kernel/jobs';
import { deliveryJobs, type DeliveryJobOptions } from './job';

export { safeDeliveryError } from './job';
export { loadOutbound } from './outbound';

export interface DeliveryWorkerOptions extends DeliveryJobOptions {
  /** the server's jobs runner; without one the worker starts (and stops) a runner of its own */
  runner?: JobRunner;
  /** polling interval of the worker's own runner (default 2 s); an enqueue in this process wakes it at once */
  pollIntervalMs?: number;
}

export interface DeliveryWorker {
  /** claim due deliveries soon (after an append, or from a test) */
  wake(): void;
  /** resolves when no claim is running and no job is in flight (tests) */
  idle(): Promise<void>;
  /** stops delivering here: unregisters the delivery jobs (waiting for sends in flight), stops an own runner */
  stop(): Promise<void>;
}

/**
 * The outbound delivery worker: registers the delivery jobs (`job.ts`, one kind per sender's channel) on a jobs
 * runner, so claiming, leases, retries and scheduling are the jobs kernel's, shared by every server instance.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const runner: JobRunner = options.runner ?? createJobRunner({ db: options.db, logger: options.logger, pollIntervalMs: options.pollIntervalMs });
  const own = options.runner ? null : runner;
  const registrations = deliveryJobs(options).map((job) => runner.registerJob(job));
  own?.start();
  return {
    wake: () => runner.wake(),
    idle: () => runner.idle(),
    async stop() {
      await Promise.all(registrations.map((r) => r.unregister()));
      await own?.stop();
    },
  };
}
