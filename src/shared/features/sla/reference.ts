import { referenceKind } from '../../kernel/reference';
import { Calendar } from './calendar';
import { SlaPolicy } from './policy';

/**
 * SLA policies and calendars are reference data (src/shared/kernel/reference.ts): versioned by the server on every
 * write, replicated whole to the desktops of the teams they apply to (a policy or calendar with no team: everyone),
 * so a desktop computes the same clocks offline. Written only after their schema accepted them, so an invalid
 * one is refused with its field and reason and the last valid one stays in force.
 */
export const SLA_POLICY = referenceKind<SlaPolicy>('sla.policy', SlaPolicy);
export const SLA_CALENDAR = referenceKind<Calendar>('sla.calendar', Calendar);

export const policyReference = (p: SlaPolicy) => ({ id: p.id, teamIds: p.teamId ? [p.teamId] : [], data: p });
export const calendarReference = (c: Calendar, teamIds: readonly string[] = []) => ({ id: c.id, teamIds: [...teamIds], data: c });
