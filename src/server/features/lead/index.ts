export { leadFactsHook } from './hook';
export { leadRoutes } from './routes';
export { startWallboardPush, WALLBOARD_DEBOUNCE_MS, WALLBOARD_RETRY_MS, type LeadDeps } from './service';
export { buildWallboard } from './wallboard';
export { rebuildFacts, foldAppended, backfillMissing } from './store';
export { teamKpis, factsForWindow } from './report';
export { namesOf, reportWindow, teamsFor } from './scope';
