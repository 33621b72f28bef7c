import { z } from 'zod';
import type { Agent } from '../../kernel/agent';
import { Id, Instant } from '../../kernel/primitives';
import { SafetyCategory } from '../../kernel/safety-flag';

/**
 * A possible harm report, told to the people who act on it (issue 12): the case's team leads and its specialists
 * (the safety queue's readers). Raised once per desktop from the flags it pulls — the detector's, an agent's, a
 * note's — also for what arrived while it was offline. It names the case (by its subject) and the kinds of harm.
 */
export const SafetyAlert = z.object({
  /** the safety.flagged event, or the note.added that carried its flag */
  eventId: Id,
  caseId: Id,
  customerId: Id,
  teamId: Id,
  subject: z.string().max(500),
  categories: z.array(SafetyCategory).max(20),
  /** when the message reached us (the regulatory clock's start) */
  awareAt: Instant,
  source: z.enum(['detector', 'agent']),
});
export type SafetyAlert = z.infer<typeof SafetyAlert>;

/** Leads and specialists of the case's team hear of a flag; frontline agents see it on their queue and case. */
export function hearsSafetyAlert(me: Pick<Agent, 'id' | 'role' | 'teamIds'>, teamId: string, authorId: string | null): boolean {
  if (me.role !== 'lead' && me.role !== 'specialist') return false;
  // whoever raised the flag by hand knows of it already
  return me.teamIds.includes(teamId) && authorId !== me.id;
}

const Empty = z.object({}).strict();

export const safetyBridgeMethods = {
  /** this session's safety alerts not yet dismissed, newest first (also sent as the `safety.alert` event when raised) */
  'safety.alerts': { input: Empty, output: z.object({ alerts: z.array(SafetyAlert) }) },
  'safety.dismissAlert': { input: z.object({ eventId: Id }).strict(), output: Empty },
} as const;

/** What the operating system's notification says of a possible harm report: nothing of the customer or the case. */
export interface SafetyNotice {
  title: string;
  body: string;
  /** the alert to open on a click (the newest) */
  alert: SafetyAlert;
}

const SAFETY_NOTICE_TEXT = {
  en: { title: 'Possible harm reported', body: 'Open Omnidesk: a case needs a safety review.' },
  zh: { title: '收到可能伤害报告', body: '请打开 Omnidesk 进行安全审核。' },
} as const;

/** The one OS notification for a batch of safety alerts (every one is loud), in the agent's language; null for none. */
export function safetyNotice(alerts: readonly SafetyAlert[], language: string): SafetyNotice | null {
  const alert = alerts.at(-1);
  if (!alert) return null;
  const t = language.toLowerCase().startsWith('zh') ? SAFETY_NOTICE_TEXT.zh : SAFETY_NOTICE_TEXT.en;
  return { title: alerts.length > 1 ? `${t.title} (+${alerts.length - 1})` : t.title, body: t.body, alert };
}
