export { conversationHandlers, type ConversationHandlerContext } from './handlers';
export { relayLive } from './live';
