export { routingHandlers, type RoutingContext } from './handlers';
export { relayRoutingLive } from './live';
export { newAttention } from './attention';
