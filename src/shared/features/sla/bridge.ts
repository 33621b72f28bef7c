import { z } from 'zod';
import { Id } from '../../kernel/primitives';
import { SlaAlert } from './alerts';
import { Calendar } from './calendar';
import { SlaAttainmentQuery, SlaAttainmentResponse, SlaCalendarSaved, SlaDeleted, SlaPolicySaved } from './contract';
import { SlaPolicy } from './policy';

const Empty = z.object({}).strict();

/**
 * The SLA feature's bridge methods (spread into `bridgeMethods`): the session's alerts; for admins the policies and
 * calendars (read from the cache's reference data, saved on the server, online only); for leads attainment.
 * Policies and calendars are checked with the same schemas the server uses, so a bad one is refused with its field
 * and reason before it leaves the desktop, and again by the server.
 */
export const slaBridgeMethods = {
  /** this session's SLA alerts not yet dismissed, newest first (also sent as the `sla.alert` event when raised) */
  'sla.alerts': { input: Empty, output: z.object({ alerts: z.array(SlaAlert) }) },
  'sla.dismissAlert': { input: z.object({ eventId: Id }).strict(), output: Empty },
  /** the policies and calendars in force, as replicated to this desktop (an admin's holds all of them) */
  'sla.settings': { input: Empty, output: z.object({ policies: z.array(SlaPolicy), calendars: z.array(Calendar) }) },
  'sla.savePolicy': { input: SlaPolicy, output: SlaPolicySaved },
  /** a calendar, optionally with an iCalendar file's text whose all-day events become holidays */
  'sla.saveCalendar': {
    input: z.object({ calendar: Calendar, ics: z.string().max(1_000_000).optional(), teamIds: z.array(Id).max(200).optional() }).strict(),
    output: SlaCalendarSaved,
  },
  /** delete a policy (its teams fall back to the next that applies) or a calendar no policy uses (admins; online) */
  'sla.deletePolicy': { input: z.object({ id: Id }).strict(), output: SlaDeleted },
  'sla.deleteCalendar': { input: z.object({ id: Id }).strict(), output: SlaDeleted },
  /** targets met ÷ targets due (leads, admins; online) */
  'sla.attainment': { input: SlaAttainmentQuery, output: SlaAttainmentResponse },
} as const;
