export * from './normalise';
export * from './match';
export * from './store';
export * from './merge';
export { identityRoutes } from './routes';
