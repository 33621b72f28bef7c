export { macroRoutes } from './routes';
