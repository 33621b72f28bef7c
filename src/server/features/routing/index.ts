export { routingAppendHook } from './hook';
export { routingRoutes } from './routes';
export { presenceConnectionHook, routingJobs, type RoutingDeps } from './service';
export { dispatchTeam } from './offers';
export { presences } from './presence';
