import { z } from 'zod';
import { CaseStatus, Priority } from '../../kernel/case';
import { Channel, Id } from '../../kernel/primitives';
import { DEFAULT_SLA_MINUTES } from './due';
import { ALWAYS_OPEN, type Calendar } from './calendar';

export const CLOCKS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export const ClockName = z.enum(CLOCKS);
export type ClockName = z.infer<typeof ClockName>;

/** Minutes of business time; a target of zero would breach at once, so it is refused. */
const Target = z.number().int().min(1, 'a target is at least one minute').max(366 * 24 * 60);
export const ClockTargets = z.object({ firstResponse: Target, nextResponse: Target, resolution: Target }).strict();
export type ClockTargets = z.infer<typeof ClockTargets>;

/**
 * An SLA policy: targets per priority for each clock, which statuses pause which clock, when to warn, and the
 * calendar its clocks run on (priorities in `alwaysOpen` run 24/7: P0 by default). A policy applies to a team,
 * and optionally to one channel of it (the channel's policy wins over the team's).
 */
export const SlaPolicy = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    teamId: Id.nullable(),
    channel: Channel.nullable().default(null),
    targets: z.object({ P0: ClockTargets, P1: ClockTargets, P2: ClockTargets, P3: ClockTargets }).strict(),
    pauses: z
      .object({ firstResponse: z.array(CaseStatus), nextResponse: z.array(CaseStatus), resolution: z.array(CaseStatus) })
      .strict(),
    /** percent of a target after which the clock warns */
    warnAtPct: z.number().int().min(1).max(99).default(80),
    calendarId: Id.nullable(),
    alwaysOpen: z.array(Priority).default(['P0']),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const clock of CLOCKS) {
      for (const s of p.pauses[clock]) {
        // a resolved or closed case has no running clock to pause
        if (s === 'resolved' || s === 'closed') ctx.addIssue({ code: 'custom', path: ['pauses', clock], message: `${s} cannot pause a clock` });
      }
    }
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** The shipped policy (DOMAIN.md): next response as first response; waiting on the customer pauses next response and resolution. */
export const DEFAULT_POLICY: SlaPolicy = {
  id: '00000000-0000-7000-8000-00000000501a',
  name: 'Default',
  teamId: null,
  channel: null,
  targets: Object.fromEntries(
    Priority.options.map((p) => [p, { firstResponse: DEFAULT_SLA_MINUTES[p].firstResponse, nextResponse: DEFAULT_SLA_MINUTES[p].firstResponse, resolution: DEFAULT_SLA_MINUTES[p].resolution }]),
  ) as SlaPolicy['targets'],
  pauses: { firstResponse: [], nextResponse: ['waiting_on_customer'], resolution: ['waiting_on_customer'] },
  warnAtPct: 80,
  calendarId: null,
  alwaysOpen: ['P0'],
};

/** The policy for a case: its team's policy for its channel, else its team's, else the organisation's, else the default. */
export function policyFor(policies: readonly SlaPolicy[], teamId: string, channel: Channel | null): SlaPolicy {
  return (
    policies.find((p) => p.teamId === teamId && channel !== null && p.channel === channel) ??
    policies.find((p) => p.teamId === teamId && p.channel === null) ??
    policies.find((p) => p.teamId === null && p.channel === null) ??
    DEFAULT_POLICY
  );
}

/** The policy and calendar a case runs on (its policy's calendar; none, or one not known here: 24/7). */
export function slaRuleFor(
  policies: readonly SlaPolicy[],
  calendars: ReadonlyMap<string, Calendar>,
  teamId: string,
  channel: Channel | null,
): { policy: SlaPolicy; calendar: Calendar } {
  const policy = policyFor(policies, teamId, channel);
  const calendar = (policy.calendarId && calendars.get(policy.calendarId)) || ALWAYS_OPEN;
  return { policy, calendar };
}
