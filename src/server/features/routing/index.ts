export { routingAppendHook } from './hook';
export { routingRoutes } from './routes';
export { presenceConnectionHook, presenceSweepJob, routingJobs, PRESENCE_SWEEP_KIND, type RoutingDeps } from './service';
export { dispatchTeam } from './offers';
export { presences } from './presence';
