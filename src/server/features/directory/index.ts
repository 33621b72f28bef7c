export { insertAgents, insertTeams } from './store';
