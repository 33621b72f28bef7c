export * from './normalise';
export * from './phone-settings';
export * from './match';
export * from './store';
export * from './merge';
export { identityRoutes } from './routes';
