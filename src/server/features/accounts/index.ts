export { accountRoutes } from './routes';
export { teamRoutes } from './team-routes';
export { createFirstAdmin, FIRST_ADMIN_USERNAME, FIRST_TEAM_NAME } from './bootstrap';
export { assertPasswordPolicy, commonPasswords, oneTimePassword } from './store';
