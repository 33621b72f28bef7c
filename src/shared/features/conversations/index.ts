export { CONVERSATIONS_MUTATIONS, noteAdd, replySend, replySubject } from './mutations';
