export { conversationRoutes, attachmentOf } from './routes';
