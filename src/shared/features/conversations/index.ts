export { CONVERSATIONS_MUTATIONS, noteAdd, replySend, replySubject } from './mutations';
export { CONVERSATIONS_OUTBOUND, CONVERSATIONS_OUTBOUND_ID, OUTBOUND_SETUP, OutboundChannels } from './outbound';
export { VIEWERS_LIVE, Viewing, Viewer, Viewers, othersViewing } from './viewers';
