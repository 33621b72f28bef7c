export { conversationHandlers, type ConversationHandlerContext } from './handlers';
export { relayLive } from './live';
export { pendingUploads, uploadPending } from './uploads';
