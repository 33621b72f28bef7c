import { z } from 'zod';

/**
 * When a customer is asked (issue 18): after a case is resolved, on their own channel, after a delay; never twice in
 * 14 days, never on a case with an open safety flag (a possible harm report is not a satisfaction matter), never to
 * an automated reply, a bounce or a vendor; answers are accepted for 28 days. Per team and channel, editable.
 * A resolve more than a week past its survey's due time (imported history, a long outage) is not surveyed.
 * One pure decision, used by the server's job and shown to the agent who sends or skips one by hand.
 */
export const SurveyChannel = z.enum(['email', 'chat', 'social', 'phone']);
export type SurveyChannel = z.infer<typeof SurveyChannel>;

export const SurveySettings = z
  .object({
    /** hours after the resolve before the survey goes (the customer had time to see it works) */
    delayHours: z.number().min(0).max(24 * 14).default(24),
    /** days an answer is accepted after sending */
    acceptDays: z.number().int().min(1).max(90).default(28),
    /** days within which a customer is not asked again */
    cooldownDays: z.number().int().min(0).max(365).default(14),
    /** the channels surveys go out on; a phone call's is a text message after it */
    channels: z.array(SurveyChannel).default(['email', 'chat', 'social', 'phone']),
  })
  .strict();
export type SurveySettings = z.infer<typeof SurveySettings>;
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = SurveySettings.parse({});

/** What the decision looks at, read from the case, the customer and the last contact. */
export interface SurveyFacts {
  caseStatus: 'open' | 'pending' | 'waiting_on_customer' | 'resolved' | 'closed';
  resolvedAt: string | null;
  /** a safety flag on the case not yet confirmed or dismissed by a reviewer */
  openSafetyFlag: boolean;
  channel: SurveyChannel | null;
  /** the customer's last message was an automated reply or a bounce report */
  lastInboundAutomated: boolean;
  /** the contact is a vendor (a distributor, a clinic's purchasing), not a customer */
  vendor: boolean;
  /** when this customer was last sent a survey, on any case */
  lastSurveyAt: string | null;
  /** a survey was already sent for this case */
  alreadySent: boolean;
  /** an agent skipped this case's survey (with a reason): no automatic one goes; one sent by hand still may */
  skipped?: boolean;
}

export type SkipReason = 'too_late' | 'not_resolved' | 'safety_flag_open' | 'automated' | 'vendor' | 'channel_off' | 'no_channel' | 'cooldown' | 'already_sent' | 'skipped';
export type SurveyDecision = { send: true; at: string } | { send: false; reason: SkipReason };

const DAY = 86_400_000;
/** A resolve this long past its survey's due time is history (imported, or the server was away): no survey goes. */
export const SURVEY_STALE_DAYS = 7;

/**
 * Whether to survey this case, and when. `manual`: an agent sends one by hand — the delay does not apply (now), the
 * cooldown does not either (they chose to ask), but the safety, automated-reply and vendor rules still do.
 */
export function decideSurvey(f: SurveyFacts, settings: SurveySettings, now: number, manual = false): SurveyDecision {
  if (f.alreadySent) return { send: false, reason: 'already_sent' };
  if (f.skipped && !manual) return { send: false, reason: 'skipped' };
  if (f.openSafetyFlag) return { send: false, reason: 'safety_flag_open' };
  if (f.caseStatus !== 'resolved' && f.caseStatus !== 'closed') return { send: false, reason: 'not_resolved' };
  if (f.vendor) return { send: false, reason: 'vendor' };
  if (f.lastInboundAutomated) return { send: false, reason: 'automated' };
  if (!f.channel) return { send: false, reason: 'no_channel' };
  if (!settings.channels.includes(f.channel)) return { send: false, reason: 'channel_off' };
  if (manual) return { send: true, at: new Date(now).toISOString() };
  const due0 = Date.parse(f.resolvedAt ?? new Date(now).toISOString()) + settings.delayHours * 3_600_000;
  if (now - due0 > SURVEY_STALE_DAYS * DAY) return { send: false, reason: 'too_late' };
  if (f.lastSurveyAt && now - Date.parse(f.lastSurveyAt) < settings.cooldownDays * DAY) return { send: false, reason: 'cooldown' };
  const due = Date.parse(f.resolvedAt ?? new Date(now).toISOString()) + settings.delayHours * 3_600_000;
  return { send: true, at: new Date(Math.max(due, now)).toISOString() };
}

/** Whether an answer to a survey sent at `sentAt` is still accepted at `now`. */
export function acceptsAnswer(sentAt: string, settings: Pick<SurveySettings, 'acceptDays'>, now: number): boolean {
  const t = Date.parse(sentAt);
  return Number.isFinite(t) && now >= t && now - t <= settings.acceptDays * DAY;
}

/**
 * A team's own survey rules (issue 18), each left out where the defaults apply, and a delay per channel (a chat is
 * fresh in mind after an hour; an email case after a day). Admins edit them; `settingsFor` applies them.
 */
export const TeamSurveySettings = z
  .object({
    delayHours: z.number().min(0).max(24 * 14).optional(),
    acceptDays: z.number().int().min(1).max(90).optional(),
    cooldownDays: z.number().int().min(0).max(365).optional(),
    channels: z.array(SurveyChannel).max(4).optional(),
    channelDelayHours: z.partialRecord(SurveyChannel, z.number().min(0).max(24 * 14)).optional(),
  })
  .strict();
export type TeamSurveySettings = z.infer<typeof TeamSurveySettings>;

/** The rules for one case: the defaults, the team's own over them, and the channel's delay over the team's. */
export function settingsFor(base: SurveySettings, team: TeamSurveySettings | null, channel: SurveyChannel | null): SurveySettings {
  if (!team) return base;
  const { channelDelayHours, ...own } = team;
  const merged = { ...base, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) } as SurveySettings;
  const byChannel = channel ? channelDelayHours?.[channel] : undefined;
  return byChannel === undefined ? merged : { ...merged, delayHours: byChannel };
}

/** The soonest a team's survey may be due (the job decides for the case's channel when it runs, and waits if early). */
export function earliestDelayHours(base: SurveySettings, team: TeamSurveySettings | null): number {
  const s = settingsFor(base, team, null);
  return Math.min(s.delayHours, ...Object.values(team?.channelDelayHours ?? {}));
}
