// The cases feature's face to other features: the case controls shown beside a conversation.
export { CaseControls } from './CaseControls';
export { createQueueStore } from './queue-store';
export { useQueue } from './use-queue';
