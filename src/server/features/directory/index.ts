export { insertAgents, insertTeams, renameTeam } from './store';
export { directoryFor, directoryRoutes } from './routes';
