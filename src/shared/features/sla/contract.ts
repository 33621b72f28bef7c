import { z } from 'zod';
import { Id } from '../../kernel/primitives';
import { Calendar } from './calendar';
import { ClockName, SlaPolicy } from './policy';
import type { CaseClocks, ClockView } from './clocks';

/** GET /api/sla/attainment?from&to&group: targets met ÷ targets due (leads and admins). */
export const SlaAttainmentQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    group: z.enum(['policy', 'team', 'agent', 'channel']).default('team'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });
export type SlaAttainmentQuery = z.infer<typeof SlaAttainmentQuery>;

export const SlaAttainmentResponse = z.object({
  rows: z.array(
    z.object({ key: z.string().nullable(), clock: ClockName, due: z.number().int(), met: z.number().int(), attainment: z.number().nullable() }),
  ),
});
export type SlaAttainmentResponse = z.infer<typeof SlaAttainmentResponse>;

/** PUT /api/sla/policies/:id answers the policy in force and its version (every change is a new version). */
export const SlaPolicySaved = z.object({ policy: SlaPolicy, version: z.number().int().positive() });
export type SlaPolicySaved = z.infer<typeof SlaPolicySaved>;

/**
 * PUT /api/sla/calendars/:id: a calendar, optionally an iCalendar file whose all-day events become holidays, and
 * the teams whose desktops get it (none: every desktop).
 */
export const SlaCalendarPut = z
  .object({ calendar: z.unknown(), ics: z.string().max(1_000_000).optional(), teamIds: z.array(Id).max(200).default([]) })
  .strict();
export type SlaCalendarPut = z.input<typeof SlaCalendarPut>;
export const SlaCalendarSaved = z.object({ calendar: Calendar, version: z.number().int().positive() });
export type SlaCalendarSaved = z.infer<typeof SlaCalendarSaved>;

export const SLA_PATHS = {
  attainment: '/api/sla/attainment',
  policy: '/api/sla/policies/:id',
  calendar: '/api/sla/calendars/:id',
} as const;

/** A deleted policy or calendar: its id and the reference version of the deletion (desktops get a tombstone). */
export const SlaDeleted = z.object({ id: z.string().min(1).max(100), version: z.number().int().positive() });
export type SlaDeleted = z.infer<typeof SlaDeleted>;

/** One clock as a desktop shows it: dueAt is a wall instant (a countdown needs no calendar), leftMs business time. */
export const ClockSummary = z.object({
  state: z.enum(['inactive', 'running', 'paused', 'fulfilled', 'stopped']),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  warnAt: z.iso.datetime({ offset: true }).nullable(),
  leftMs: z.number(),
  targetMs: z.number(),
  warned: z.boolean(),
  breached: z.boolean(),
});
export type ClockSummary = z.infer<typeof ClockSummary>;

/** A case's SLA clocks for the queue and the case header (bridge: queue rows and `case.sla`). */
export const CaseSla = z.object({
  firstResponse: ClockSummary,
  nextResponse: ClockSummary,
  resolution: ClockSummary,
  /** the earliest due instant of a running clock: the queue's "due" column sorts by it */
  nextDueAt: z.iso.datetime({ offset: true }).nullable(),
  warned: z.boolean(),
  breached: z.boolean(),
  /** set to waiting-on-customer right after a customer message, with no reply between: flagged for the lead */
  suspiciousPauses: z.array(z.iso.datetime({ offset: true })),
});
export type CaseSla = z.infer<typeof CaseSla>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function summary(v: ClockView): ClockSummary {
  return { state: v.state, dueAt: iso(v.dueAt), warnAt: iso(v.warnAt), leftMs: v.leftMs, targetMs: v.targetMs, warned: v.warned, breached: v.breached };
}

export function caseSla(c: CaseClocks): CaseSla {
  const views = [c.firstResponse, c.nextResponse, c.resolution];
  const due = views.filter((v) => v.dueAt !== null).map((v) => v.dueAt!);
  // only clocks still counting (or that ended late) colour the case: a fulfilled-in-time clock is done
  const live = views.filter((v) => v.state === 'running' || v.state === 'paused');
  return {
    firstResponse: summary(c.firstResponse),
    nextResponse: summary(c.nextResponse),
    resolution: summary(c.resolution),
    nextDueAt: due.length ? iso(Math.min(...due)) : null,
    warned: live.some((v) => v.warned),
    breached: live.some((v) => v.breached),
    suspiciousPauses: c.suspiciousPauses.map((t) => new Date(t).toISOString()),
  };
}
