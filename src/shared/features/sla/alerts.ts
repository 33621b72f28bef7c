import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import { ClockName } from './policy';

/**
 * Who is told when the server records an SLA warning or breach, and how loudly (DOMAIN.md: overdue cases escalate
 * to the lead; alert levels yellow = respond within 24 h, orange = within 4 h, red = at once).
 *
 * - a warning goes to the case's assignee; an unassigned case's warning to its team's leads (nobody else would act);
 * - a breach goes to the assignee AND the team's leads: the breached case is escalated to the lead's queue
 *   (the queue's "SLA: breached" view), and the lead is told.
 * Admins and specialists outside the case are not told; nobody is told about their own team's cases twice.
 */
export const AlertLevel = z.enum(['yellow', 'orange', 'red']);
export type AlertLevel = z.infer<typeof AlertLevel>;

export const SlaAlert = z.object({
  eventId: Id,
  caseId: Id,
  customerId: Id,
  /** the case's team and assignee when the alert was made (a lead reassigns from the alert) */
  teamId: Id,
  assigneeId: Id.nullable(),
  subject: z.string().max(500),
  kind: z.enum(['warned', 'breached']),
  clock: ClockName,
  level: AlertLevel,
  dueAt: Instant,
  /** recorded after its instant (the server was down): the alert says so */
  late: z.boolean(),
  /** why this agent is told: the case is theirs, or they lead its team */
  as: z.enum(['assignee', 'lead']),
});
export type SlaAlert = z.infer<typeof SlaAlert>;

const HOUR = 3_600_000;

/** yellow: due in more than 4 h; orange: within 4 h; red: breached (act at once). */
export function alertLevel(kind: 'warned' | 'breached', dueAtMs: number, nowMs: number): AlertLevel {
  if (kind === 'breached') return 'red';
  return dueAtMs - nowMs <= 4 * HOUR ? 'orange' : 'yellow';
}

export interface AlertRecipient {
  id: string;
  role: 'agent' | 'lead' | 'specialist' | 'admin';
  teamIds: readonly string[];
}

/** Why `me` is told about an SLA event on a case, or null when it is not theirs to hear. */
export function slaAlertAudience(
  me: AlertRecipient,
  c: { teamId: string; assigneeId: string | null },
  kind: 'warned' | 'breached',
): 'assignee' | 'lead' | null {
  if (c.assigneeId === me.id) return 'assignee';
  const leadsTeam = me.role === 'lead' && me.teamIds.includes(c.teamId);
  if (!leadsTeam) return null;
  return kind === 'breached' || c.assigneeId === null ? 'lead' : null;
}

/** What the operating system's notification says: no subject, customer or message (health data on a lock screen). */
export interface AlertNotice {
  title: string;
  body: string;
  /** the alert to open on a click */
  alert: SlaAlert;
}

const NOTICE_TEXT = {
  en: {
    warned: 'SLA due soon',
    breached: 'SLA breached',
    escalated: 'escalated to you as team lead',
    open: 'Open Omnidesk to act on the case.',
    clock: { firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution' },
  },
  zh: {
    warned: 'SLA 即将到期',
    breached: 'SLA 已超时',
    escalated: '已升级给您（组长）',
    open: '请打开 Omnidesk 处理该工单。',
    clock: { firstResponse: '首次响应', nextResponse: '下次响应', resolution: '解决' },
  },
} as const;

/**
 * The one OS notification for a batch of new alerts: the loudest (red before orange; yellow ones wait in the app),
 * or null. Worded in the agent's language (`zh…` → Chinese, else English); says which clock, never whose case.
 */
export function alertNotice(alerts: readonly SlaAlert[], language: string): AlertNotice | null {
  const loud = alerts.filter((a) => a.level !== 'yellow').sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1));
  const alert = loud[0];
  if (!alert) return null;
  const t = language.toLowerCase().startsWith('zh') ? NOTICE_TEXT.zh : NOTICE_TEXT.en;
  const more = loud.length > 1 ? ` (+${loud.length - 1})` : '';
  const why = alert.as === 'lead' ? ` · ${t.escalated}` : '';
  return { title: `${t[alert.kind]}: ${t.clock[alert.clock]}${more}`, body: `${t.open}${why}`, alert };
}
