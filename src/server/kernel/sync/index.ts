export { attachSync, pokeReference, pokeTeams, teamRoom, ADMIN_ROOM, type SyncServer, type SyncDeps } from './socket';
export type { ClientToServerEvents, ServerToClientEvents, SocketData } from './socket';
export { processPush, type PushOutcome } from './push';
export { processPull } from './pull';
