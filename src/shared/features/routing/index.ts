export * from './settings';
export * from './rules';
export * from './decide';
export * from './contract';
export { routingBridgeMethods, routingBridgeEvents } from './bridge';
export * from './attention';
export { offerNotice, attentionNotice, callNotice } from './notice';
export { mentions, mentionsIn, splitMentions } from './mention';
