import { deliveryAppendHook } from './channels/delivery';
import { registerAppendHook } from './kernel/events/hooks';
import { auditAppendHook, auditRoutes } from './features/audit';
import { accountRoutes, teamRoutes } from './features/accounts';
import { directoryRoutes } from './features/directory';
import { identityRoutes, mergeAppendHook } from './features/identity';
import { slaAppendHook, slaDeadlineJob, slaRoutes } from './features/sla';
import type { Db } from './kernel/db/types';
import type { Poke } from './kernel/events/index';
import type { JobDefinition } from './kernel/jobs/index';
import { privacyRoutes } from './features/privacy';
import { conversationRoutes, replyAttachmentsHook, viewersLiveHandler } from './features/conversations';
import { safetyRoutes } from './features/safety';
import { escalationAppendHook, escalationRoutes } from './features/escalation';
import { knowledgeDraftHook, knowledgeRoutes } from './features/knowledge';
import { ownershipAppendHook } from './features/cases';
import type { FeatureRoutes } from './kernel/http/routes';
import { macroRoutes } from './features/macros';
import { presenceConnectionHook, presenceSweepJob, routingAppendHook, routingJobs, routingRoutes } from './features/routing';
import type { ConnectionHook, LiveHandler } from './kernel/sync/socket';
import { backfillMissing, leadFactsHook, leadRoutes, startWallboardPush } from './features/lead';
import type { Logger } from 'pino';
import { surveyQualityRoutes, surveyRoutes, surveyScheduleHook, surveySendJob, surveySendRoutes, surveySettingsRoutes } from './features/surveys';
import { DEFAULT_SURVEY_SETTINGS, type SurveySettings } from '../shared/features/surveys';

/**
 * The server's composition of features: what each registers with the kernel. The kernel never imports a
 * feature; createServer, the seed and tests that append without a server call this (idempotent).
 */
/** The features' HTTP routes, registered by createServer after the kernel's (login, me, health). */
/** Every feature's HTTP routes; `surveys`: the survey defaults the server runs with (its configuration). */
export function featureRoutes(opts: { surveys: SurveySettings } = { surveys: DEFAULT_SURVEY_SETTINGS }): readonly FeatureRoutes[] {
  return [directoryRoutes, identityRoutes, slaRoutes, privacyRoutes, auditRoutes, accountRoutes, teamRoutes, conversationRoutes, safetyRoutes, escalationRoutes, knowledgeRoutes, routingRoutes, macroRoutes, leadRoutes, surveyRoutes, surveySendRoutes, surveyQualityRoutes, surveySettingsRoutes(opts.surveys)];
}

/** What features' jobs and connection hooks get from createServer. */
export interface FeatureDeps {
  db: Db;
  poke: Poke;
  notifyAgent(agentId: string, event: string, payload: unknown): void;
  /** the base of links the server sends customers (survey pages) */
  publicUrl(): string;
  surveySettings?: SurveySettings;
  /** the agents with a desktop connected to any instance */
  connectedAgents(): Promise<ReadonlySet<string>>;
}

/** The features' jobs, registered on each instance's runner by createServer (`sla: false`: a seeded past world's tests). */
export function featureJobs(deps: FeatureDeps, on: { sla: boolean } = { sla: true }): JobDefinition<never>[] {
  return [
    ...(on.sla ? [slaDeadlineJob(deps)] : []),
    ...routingJobs(deps),
    presenceSweepJob(deps),
    surveySendJob({ db: deps.db, poke: deps.poke, publicUrl: deps.publicUrl, ...(deps.surveySettings ? { settings: deps.surveySettings } : {}) }),
  ] as unknown as JobDefinition<never>[];
}

/** The live events desktops send that features answer (who is viewing a customer). */
export function featureLiveHandlers(deps: FeatureDeps): LiveHandler[] {
  return [viewersLiveHandler(deps.db)];
}

/** The features' reactions to desktops connecting and disconnecting (routing's presence). */
export function featureConnectionHooks(deps: FeatureDeps): ConnectionHook[] {
  return [presenceConnectionHook(deps)];
}

/**
 * The features' long-running parts of one instance (the lead console's wallboard push; its read model's one-time
 * backfill). Returns the function that stops them.
 */
export function startFeatureServices(deps: FeatureDeps & { logger: Logger }): () => void {
  void backfillMissing(deps.db).then(
    (done) => done.cases > 0 && deps.logger.info({ cases: done.cases, events: done.events }, 'lead console read model filled from the log'),
    (err: unknown) => deps.logger.error({ err: err instanceof Error ? err.name : 'error' }, 'lead console read model backfill failed'),
  );
  return startWallboardPush(deps);
}

export interface ServerFeatureOptions {
  /** an agent's reply on an unowned case makes them its owner (default on; OMNIDESK_REPLY_TAKES_CASE=0; the seed's history: off) */
  replyTakesCase?: boolean;
  /** satisfaction surveys after a resolve (issue 18; default on; the seed's history: off) and their settings */
  surveys?: { enabled?: boolean; settings?: SurveySettings };
}

export function installServerFeatures(opts: ServerFeatureOptions = {}): void {
  registerAppendHook(mergeAppendHook);
  registerAppendHook(replyAttachmentsHook);
  registerAppendHook(ownershipAppendHook({ enabled: opts.replyTakesCase ?? true }));
  registerAppendHook(deliveryAppendHook);
  registerAppendHook(slaAppendHook);
  registerAppendHook(escalationAppendHook);
  registerAppendHook(knowledgeDraftHook);
  registerAppendHook(routingAppendHook);
  registerAppendHook(leadFactsHook);
  registerAppendHook(auditAppendHook);
  registerAppendHook(surveyScheduleHook({ enabled: opts.surveys?.enabled ?? true, settings: opts.surveys?.settings ?? DEFAULT_SURVEY_SETTINGS }));
}
