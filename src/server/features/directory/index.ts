export { insertAgents, insertTeams } from './store';
export { directoryFor, directoryRoutes } from './routes';
