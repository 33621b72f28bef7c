export { conversationRoutes, attachmentOf } from './routes';
export { replyAttachmentsHook } from './reply-attachments';
export { viewersLiveHandler } from './viewers';
