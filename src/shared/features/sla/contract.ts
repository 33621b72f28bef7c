import { z } from 'zod';
import { ClockName } from './policy';

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

/** PUT /api/sla/calendars/:id accepts a calendar, plus optionally an iCalendar file whose all-day events become holidays. */
export const SLA_PATHS = {
  attainment: '/api/sla/attainment',
  policy: '/api/sla/policies/:id',
  calendar: '/api/sla/calendars/:id',
} as const;
