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
import { conversationRoutes } from './features/conversations';
import { safetyRoutes } from './features/safety';
import { escalationAppendHook, escalationRoutes } from './features/escalation';
import { knowledgeDraftHook, knowledgeRoutes } from './features/knowledge';
import { ownershipAppendHook } from './features/cases';
import type { FeatureRoutes } from './kernel/http/routes';

/**
 * The server's composition of features: what each registers with the kernel. The kernel never imports a
 * feature; createServer, the seed and tests that append without a server call this (idempotent).
 */
/** The features' HTTP routes, registered by createServer after the kernel's (login, me, health). */
export const FEATURE_ROUTES: readonly FeatureRoutes[] = [directoryRoutes, identityRoutes, slaRoutes, privacyRoutes, auditRoutes, accountRoutes, teamRoutes, conversationRoutes, safetyRoutes, escalationRoutes, knowledgeRoutes];

/** The features' jobs, registered on each instance's runner by createServer. */
export function featureJobs(deps: { db: Db; poke: Poke }): Array<JobDefinition<{ caseId: string }>> {
  return [slaDeadlineJob(deps)];
}

export interface ServerFeatureOptions {
  /** an agent's reply on an unowned case makes them its owner (default on; OMNIDESK_REPLY_TAKES_CASE=0; the seed's history: off) */
  replyTakesCase?: boolean;
}

export function installServerFeatures(opts: ServerFeatureOptions = {}): void {
  registerAppendHook(mergeAppendHook);
  registerAppendHook(ownershipAppendHook({ enabled: opts.replyTakesCase ?? true }));
  registerAppendHook(deliveryAppendHook);
  registerAppendHook(slaAppendHook);
  registerAppendHook(escalationAppendHook);
  registerAppendHook(knowledgeDraftHook);
  registerAppendHook(auditAppendHook);
}
