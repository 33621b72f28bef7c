import { z } from 'zod';
import { Id, Instant } from '../../kernel/primitives';
import { AlertsQuery, AlertsResponse, LeadMessage, LeadMessageSend, LeadMessageSent, KpiCasesQuery, KpiCasesResponse, KpiResponse, Wallboard, WallboardQuery } from './contract';
import { KpiQuery } from './kpis';

/** What the desktop answers: the server's figures, or offline the last ones it had, marked stale with their time. */
const Stale = { stale: z.boolean(), at: Instant };

/** The lead console's bridge methods (issue 16). */
export const leadBridgeMethods = {
  'lead.wallboard': { input: WallboardQuery, output: z.object({ wallboards: z.array(Wallboard), ...Stale }) },
  'lead.kpis': { input: KpiQuery, output: KpiResponse.extend(Stale) },
  /** today's figure alerts of the lead's teams (yellow / orange / red) */
  'lead.alerts': { input: AlertsQuery, output: AlertsResponse.extend(Stale) },
  /** a message to an agent of the lead's team (online only: it goes live to their desktops) */
  'lead.message': { input: LeadMessageSend, output: LeadMessageSent },
  /** the cases behind one number (online only) */
  'lead.kpiCases': { input: KpiCasesQuery, output: KpiCasesResponse },
  /** what this desktop's cache knows of some cases (the drill-down's list; a lead holds their whole team) */
  'lead.caseLines': {
    input: z.object({ caseIds: z.array(Id).max(200) }).strict(),
    output: z.object({ lines: z.array(z.object({ caseId: Id, customerId: Id, customerName: z.string(), subject: z.string() })) }),
  },
} as const;

/** Main → renderer: a team's wallboard as the server pushed it. */
export const leadBridgeEvents = {
  'lead.wallboard': Wallboard,
  /** a message from the team lead to this agent */
  'lead.message': LeadMessage,
} as const;
