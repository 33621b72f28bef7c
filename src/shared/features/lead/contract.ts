import { z } from 'zod';
import { CaseStatus } from '../../kernel/case';
import { Priority } from '../../kernel/priority';
import { Channel, Id, Instant } from '../../kernel/primitives';
import { RoutingPresence } from '../../kernel/routing';
import { Stage } from './facts';
import { KpiRow } from './kpis';
import { FigureAlert } from './alerts';

/** The lead console's HTTP routes (issue 16). */
export const LEAD_PATHS = {
  wallboard: '/api/lead/wallboard',
  kpis: '/api/lead/kpis',
  kpiCases: '/api/lead/kpis/cases',
  alerts: '/api/lead/alerts',
  message: '/api/lead/messages',
} as const;

/** `live:lead_wallboard`: a team's wallboard, pushed to its leads' desktops when an event changed it. */
export const LEAD_LIVE = { wallboard: 'live:lead_wallboard', message: 'live:lead_message' } as const;

/** The live channels' red line (DOMAIN.md): an average response above this raises an alert for the lead. */
export const RED_LINE_SECONDS = 30;
/** How far back the red line looks: the live contacts that arrived in this window (answered, or waiting so far). */
export const RED_LINE_WINDOW_MS = 15 * 60_000;

const Count = z.number().int().nonnegative();

export const ChannelLoad = z.object({ channel: Channel, priority: Priority, waiting: Count, open: Count });
export type ChannelLoad = z.infer<typeof ChannelLoad>;

export const RedLine = z.object({
  channel: z.enum(['chat', 'phone']),
  /** average seconds to the first response of the live contacts in the window (null: none) */
  averageSec: z.number().nullable(),
  contacts: Count,
  crossed: z.boolean(),
});
export type RedLine = z.infer<typeof RedLine>;

/** A desktop's sync health, as the server last saw it. */
export const DesktopHealth = z.object({
  online: z.boolean(),
  /** when the last desktop of the agent disconnected (null: online, or never connected) */
  offlineSince: Instant.nullable(),
  /** changes made on the desktop and not yet on the server, as it last reported (offline: at its last contact) */
  unsyncedOut: Count,
  /** events of the agent's teams the desktop has not pulled yet (the server knows this while it is away) */
  behind: Count,
  lastSeenAt: Instant.nullable(),
});
export type DesktopHealth = z.infer<typeof DesktopHealth>;

export const WallboardAgent = z.object({
  id: Id,
  name: z.string().max(200),
  role: z.enum(['agent', 'lead', 'specialist', 'admin']),
  presence: RoutingPresence,
  presenceSince: Instant.nullable(),
  /** open cases they own, all and per channel */
  load: Count,
  loadByChannel: z.record(z.string(), Count),
  /** average handle time of their contacts resolved today (seconds; null: none) */
  handleSec: z.number().nullable(),
  desktop: DesktopHealth,
});
export type WallboardAgent = z.infer<typeof WallboardAgent>;

/** A case as the wallboard lists it (stuck work, the waiting list). */
export const CaseLine = z.object({
  caseId: Id,
  customerId: Id,
  customerName: z.string().max(200),
  subject: z.string().max(500),
  status: CaseStatus,
  priority: Priority,
  channel: Channel.nullable(),
  assigneeId: Id.nullable(),
  stage: Stage,
  stageSince: Instant,
  openedAt: Instant,
  /** the oldest customer message not yet answered */
  waitingSince: Instant.nullable(),
});
export type CaseLine = z.infer<typeof CaseLine>;
/** The most cases the waiting list carries (longest waits first). */
export const WAITING_LIST_MAX = 200;

export const SafetyCaseLine = z.object({
  caseId: Id,
  customerId: Id,
  customerName: z.string().max(200),
  subject: z.string().max(500),
  assigneeId: Id.nullable(),
  /** the next regulatory deadline still to meet (null: none known yet) */
  rule: z.string().max(20).nullable(),
  dueAt: Instant.nullable(),
});
export type SafetyCaseLine = z.infer<typeof SafetyCaseLine>;

/** An agent's raised flag ("I need help") waiting for the lead's answer. */
export const HelpLine = z.object({
  caseId: Id,
  customerId: Id,
  customerName: z.string().max(200),
  subject: z.string().max(500),
  requestId: Id,
  byId: Id.nullable(),
  at: Instant,
  note: z.string().max(1000),
});
export type HelpLine = z.infer<typeof HelpLine>;

/** A green-channel fast-track waiting for its review afterwards. */
export const FastTrackLine = z.object({
  caseId: Id,
  customerId: Id,
  customerName: z.string().max(200),
  subject: z.string().max(500),
  fastTrackId: Id,
  byId: Id.nullable(),
  at: Instant,
  reason: z.string().max(1000),
  status: CaseStatus,
});
export type FastTrackLine = z.infer<typeof FastTrackLine>;

export const Wallboard = z.object({
  teamId: Id,
  teamName: z.string().max(200),
  generatedAt: Instant,
  totals: z.object({
    waiting: Count,
    open: Count,
    unassigned: Count,
    slaAtRisk: Count,
    slaBreached: Count,
    /** the case waiting longest on an agent: since when */
    oldestWaitSince: Instant.nullable(),
    oldestWaitCaseId: Id.nullable(),
  }),
  byChannel: z.array(ChannelLoad),
  redLine: z.array(RedLine),
  safety: z.array(SafetyCaseLine),
  /** agents' flags waiting for an answer, the oldest first */
  flags: z.array(HelpLine).max(200),
  /** green-channel fast-tracks still to review, the oldest first */
  fastTracks: z.array(FastTrackLine).max(200),
  agents: z.array(WallboardAgent),
  stuck: z.array(CaseLine).max(10),
  /** cases waiting on an agent's reply, the longest wait first (at most WAITING_LIST_MAX) */
  waiting: z.array(CaseLine).max(WAITING_LIST_MAX),
});
export type Wallboard = z.infer<typeof Wallboard>;

export const WallboardQuery = z.object({ teamId: Id.optional() }).strict();
export const WallboardResponse = z.object({ wallboards: z.array(Wallboard) });
export type WallboardResponse = z.infer<typeof WallboardResponse>;

export const KpiResponse = z.object({ rows: z.array(KpiRow), names: z.record(z.string(), z.string()), generatedAt: Instant });
export type KpiResponse = z.infer<typeof KpiResponse>;
export const KpiCasesResponse = z.object({ caseIds: z.array(Id) });
export type KpiCasesResponse = z.infer<typeof KpiCasesResponse>;

/** The cases behind one number of a report (drill-down): the report's query, the row and the figure. */
export const KpiCasesQuery = z
  .object({
    from: Instant,
    to: Instant,
    period: z.enum(['day', 'week', 'month']).default('day'),
    by: z.enum(['team', 'agent', 'channel', 'product']).default('team'),
    teamId: Id.optional(),
    timeZone: z.string().min(1).max(64).default('UTC'),
    row: z.string().max(10),
    key: z.string().max(100).default(''),
    figure: z.enum(['opened', 'frt', 'nrt', 'resolution', 'aht', 'fcr', 'repeat', 'sla', 'backlog']),
  })
  .strict();
export type KpiCasesQuery = z.infer<typeof KpiCasesQuery>;

/** A team's figure alerts of today (yellow / orange / red), against its 12-week baseline or the fixed bands. */
export const AlertsQuery = z.object({ teamId: Id.optional(), timeZone: z.string().min(1).max(64).default('UTC') }).strict();
export type AlertsQuery = z.infer<typeof AlertsQuery>;
export const AlertsResponse = z.object({
  teams: z.array(z.object({ teamId: Id, alerts: z.array(FigureAlert) })),
  generatedAt: Instant,
});
export type AlertsResponse = z.infer<typeof AlertsResponse>;

/** A lead's message to one agent of their team (issue 16), about a case or not. Live to the agent's desktops; the audit
 * trail records that it was sent (ids only), never its text. */
export const LeadMessageSend = z.object({ agentId: Id, text: z.string().trim().min(1).max(1000), caseId: Id.nullable().default(null) }).strict();
export type LeadMessageSend = z.infer<typeof LeadMessageSend>;
export const LeadMessage = z.object({
  id: Id,
  fromId: Id,
  fromName: z.string().max(200),
  text: z.string().max(1000),
  caseId: Id.nullable(),
  customerId: Id.nullable(),
  at: Instant,
});
export type LeadMessage = z.infer<typeof LeadMessage>;
export const LeadMessageSent = z.object({ id: Id, delivered: z.boolean() });
export type LeadMessageSent = z.infer<typeof LeadMessageSent>;
