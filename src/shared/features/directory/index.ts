export { DIRECTORY_AGENT, DIRECTORY_TEAM, agentReference, teamReference } from './reference';
export { directoryVisibleTo } from './visible';
