export * from './settings';
export * from './rules';
export * from './decide';
export * from './contract';
export { routingBridgeMethods, routingBridgeEvents } from './bridge';
