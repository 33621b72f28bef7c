import { z } from 'zod';
import { dueSlaEvents, type Event } from '../../../shared/index';
import type { Db, Queryable } from '../../kernel/db/types';
import type { AppendHook, Poke } from '../../kernel/events/index';
import { withEventLog } from '../../kernel/events/index';
import { enqueueMany, type JobDefinition, type NewJob } from '../../kernel/jobs/index';
import { clocksOfCases, type ServerCaseClocks } from './clocks';
import { loadSlaConfig } from './config';

export const SLA_DEADLINE_KIND = 'sla.deadline';
const Payload = z.object({ caseId: z.uuid() });

/** Kinds that cannot move a clock: appending them schedules nothing (the SLA events themselves above all). */
const INERT: ReadonlySet<string> = new Set(['sla.warned', 'sla.breached', 'customer.created', 'customer.updated', 'customer.merge_suggested', 'case.assigned', 'thread.opened']);

/**
 * The jobs that keep a case's deadlines: one at its next warn/breach instant (the key holds the instant, so a
 * moved deadline is a new job and a stale one finds nothing to do), and one now when something is already due
 * and not recorded (a priority raised past a target). Jobs are rows of the server's database, written in the
 * appending transaction: a deadline survives restarts and fires on whichever instance claims it.
 */
export function deadlineJobs(cases: readonly ServerCaseClocks[], now: number): NewJob[] {
  const jobs: NewJob[] = [];
  for (const c of cases) {
    if (dueSlaEvents(c, c.clocks, c.recorded, now).length) jobs.push({ kind: SLA_DEADLINE_KIND, key: `${c.caseId}@due:${now}`, payload: { caseId: c.caseId } });
    const next = c.clocks.nextDeadline;
    if (next) jobs.push({ kind: SLA_DEADLINE_KIND, key: `${c.caseId}@${next.at}`, payload: { caseId: c.caseId }, runAt: new Date(next.at) });
  }
  return jobs;
}

async function schedule(tx: Queryable, caseIds: readonly string[], now: number): Promise<void> {
  if (caseIds.length === 0) return;
  const config = await loadSlaConfig(tx);
  await enqueueMany(tx, deadlineJobs(await clocksOfCases(tx, config, caseIds, now), now));
}

/** After every append: the cases whose clocks may have moved get their deadline jobs, in the same transaction. */
export const slaAppendHook: AppendHook = {
  name: 'sla.deadlines',
  async afterAppend(tx, stored: readonly Event[]) {
    const cases = new Set<string>();
    for (const e of stored) if (e.caseId && !INERT.has(e.kind)) cases.add(e.caseId);
    await schedule(tx, [...cases], Date.now());
  },
};

/**
 * The deadline job: recompute the case's clocks now (from the log, so whatever happened since it was scheduled
 * counts) and append the warnings and breaches that are due and not yet recorded, under the event-log lock — so
 * two instances, or a job and its retry, never record one twice (the ids are derived from case, clock, cycle).
 * Late firings (after a restart or downtime) are marked late. Then the next deadline is scheduled.
 */
export function slaDeadlineJob(deps: { db: Db; poke: Poke; now?: () => number }): JobDefinition<z.infer<typeof Payload>> {
  const now = deps.now ?? Date.now;
  return {
    kind: SLA_DEADLINE_KIND,
    payload: Payload,
    maxAttempts: 10,
    async handler({ caseId }) {
      await withEventLog(deps.db, deps.poke, async (log) => {
        const at = now();
        const config = await loadSlaConfig(log.tx);
        const [c] = await clocksOfCases(log.tx, config, [caseId], at);
        if (!c) return; // the case is gone (erased): nothing to fire
        const due = dueSlaEvents(c, c.clocks, c.recorded, at);
        if (due.length) await log.append(due);
        for (const e of due) c.recorded.add(e.id);
        await enqueueMany(log.tx, deadlineJobs([c], at));
      });
    },
  };
}
